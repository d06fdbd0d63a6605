package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.exacme.acme.failure.InvalidRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/** How control of the names is proved: HTTP-01 (own listener, a webroot, an IIS site's webroot) or DNS-01. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChallengeSpec.Http01Listener.class, name = "http-01"),
    @JsonSubTypes.Type(value = ChallengeSpec.Webroot.class, name = "webroot"),
    @JsonSubTypes.Type(value = ChallengeSpec.IisWebroot.class, name = "iis-webroot"),
    @JsonSubTypes.Type(value = ChallengeSpec.Dns01.class, name = "dns-01")})
public sealed interface ChallengeSpec {

    /**
     * Checks the settings for these identifiers (HTTP-01 cannot validate wildcards).
     *
     * @throws InvalidRequest naming the option and what to do
     */
    void validate(List<String> identifiers) throws InvalidRequest;

    /** The HTTP-01 port this challenge needs to itself, if it listens on one (renewals on one port take turns). */
    default java.util.Optional<Integer> listenerPort() {
        return java.util.Optional.empty();
    }

    /**
     * exacme's own HTTP-01 listener (on Windows through http.sys beside IIS when no address is given).
     *
     * @param port      the port, 80 unless port 80 is forwarded to another
     * @param bind      literal addresses to listen on, none for every address
     * @param selfCheck fetch every answer as the CA will before asking the CA
     */
    record Http01Listener(int port, List<String> bind, boolean selfCheck) implements ChallengeSpec {
        /** Copies the list. */
        public Http01Listener {
            bind = bind == null ? List.of() : List.copyOf(bind);
        }

        @Override
        public void validate(List<String> identifiers) throws InvalidRequest {
            refuseWildcards(identifiers);
            if (port < 1 || port > 65535) {
                throw new InvalidRequest("--http-port " + port + " is not a port number (1-65535).");
            }
            for (var address : bind) {
                literalAddress(address);
            }
        }

        @Override
        public java.util.Optional<Integer> listenerPort() {
            return java.util.Optional.of(port);
        }

        /** The addresses to listen on. */
        public List<InetAddress> addresses() throws InvalidRequest {
            var addresses = new java.util.ArrayList<InetAddress>();
            for (var address : bind) {
                addresses.add(literalAddress(address));
            }
            return addresses;
        }

        private static InetAddress literalAddress(String text) throws InvalidRequest {
            var bare = text.trim().replace("[", "").replace("]", "");
            // Only literals: getByName would otherwise resolve a host name through DNS.
            if (bare.matches("[0-9.]+") || bare.contains(":")) {
                try {
                    return InetAddress.getByName(bare);
                } catch (UnknownHostException e) {
                    // Falls through to the message below.
                }
            }
            throw new InvalidRequest("--http-bind '" + text + "' is not an IPv4 or IPv6 address.");
        }
    }

    /**
     * Answers written under {@code DIRECTORY/.well-known/acme-challenge/} of a running web server.
     *
     * @param directory the web server's document root
     * @param selfCheck fetch every answer as the CA will before asking the CA
     */
    record Webroot(String directory, boolean selfCheck) implements ChallengeSpec {
        @Override
        public void validate(List<String> identifiers) throws InvalidRequest {
            refuseWildcards(identifiers);
            if (directory == null || directory.isBlank()) {
                throw new InvalidRequest("--webroot needs a directory.");
            }
        }
    }

    /**
     * Answers written into the webroot of an IIS site, with a web.config that lets IIS serve them.
     *
     * @param site          the site by name or id, null for the site bound to the first name (else Default Web Site)
     * @param configuration the applicationHost.config to read, null for this machine's
     * @param selfCheck     fetch every answer as the CA will before asking the CA
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IisWebroot(String site, String configuration, boolean selfCheck) implements ChallengeSpec {
        @Override
        public void validate(List<String> identifiers) throws InvalidRequest {
            refuseWildcards(identifiers);
        }
    }

    /**
     * DNS-01 through a provider's API (needed for wildcards).
     *
     * @param provider           the provider and its settings
     * @param zone               the zone to write into, null to find it from the SOA
     * @param resolvers          resolvers for CNAME, zone and name-server lookups, none for the system's
     * @param propagationTimeout the longest wait for every authoritative server to serve the records
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Dns01(DnsProviderSpec provider, String zone, List<String> resolvers, Duration propagationTimeout)
            implements ChallengeSpec {
        /** Copies the list. */
        public Dns01 {
            resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
        }

        @Override
        public void validate(List<String> identifiers) throws InvalidRequest {
            if (provider == null) {
                throw new InvalidRequest("--dns needs a provider; 'exacme dns providers' lists them.");
            }
            provider.validate();
            if (propagationTimeout == null || propagationTimeout.isNegative() || propagationTimeout.isZero()) {
                throw new InvalidRequest("--dns-propagation-timeout must be a positive duration, e.g. 5m.");
            }
        }
    }

    private static void refuseWildcards(List<String> identifiers) throws InvalidRequest {
        dev.exacme.acme.challenge.Http01Solver.refuseWildcards(
                dev.exacme.acme.order.CertificateRequest.parseNames(identifiers));
    }
}
