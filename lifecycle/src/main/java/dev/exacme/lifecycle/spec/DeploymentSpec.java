package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.deploy.DeployOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Where an installed certificate is deployed, verified on the wire and rolled back when not served. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = DeploymentSpec.Exchange.class, name = "exchange")})
public sealed interface DeploymentSpec {

    /**
     * Checks the settings against the store the certificate is installed in.
     *
     * @throws InvalidRequest naming the option and what to do
     */
    void validate(StoreSpec store) throws InvalidRequest;

    /** The target's name as {@code --deploy} takes it. */
    String target();

    /**
     * Exchange services and IIS bindings (not yet run on Windows).
     *
     * @param servers            the Exchange servers, this computer first; empty with {@code allServers}
     * @param allServers         every server of {@code Get-ExchangeServer}, looked up at each deployment
     * @param uri                a remote Exchange PowerShell endpoint, null for the local shell
     * @param services           the Exchange services enabled ({@code IIS}, {@code SMTP}, {@code IMAP}, {@code POP})
     * @param replaceDefaultSmtp make it the default SMTP certificate
     * @param includeBackEnd     also rebind the Exchange Back End site (port 444)
     * @param sniSite            an IIS site that gets an SNI binding per name, null for none
     * @param restartServices    restart IMAP and POP so they present it
     * @param powershellTimeout  the longest wait for one PowerShell step
     * @param keepOld            how long after a deployment the certificates it superseded are kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Exchange(List<String> servers, boolean allServers, String uri, List<String> services,
                    boolean replaceDefaultSmtp, boolean includeBackEnd, String sniSite, boolean restartServices,
                    Duration powershellTimeout, Duration keepOld) implements DeploymentSpec {
        /** Copies the lists. */
        public Exchange {
            servers = servers == null ? List.of() : List.copyOf(servers);
            services = services == null ? List.of() : List.copyOf(services);
        }

        @Override
        public String target() {
            return "exchange";
        }

        @Override
        public void validate(StoreSpec store) throws InvalidRequest {
            if (!(store instanceof StoreSpec.WindowsMachine)) {
                throw new InvalidRequest("--deploy exchange needs the certificate in the Windows machine store"
                        + " (--store windows).");
            }
            checkOptions();
        }

        /** Checks the settings that do not depend on the store. */
        public void checkOptions() throws InvalidRequest {
            if (allServers && !servers.isEmpty()) {
                throw new InvalidRequest("--all-servers and --exchange-server exclude each other.");
            }
            if (uri != null) {
                try {
                    java.net.URI.create(uri);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequest("--exchange-uri " + uri + " is not a URI: expected"
                            + " http://SERVER/PowerShell/.");
                }
            }
            options(servers.isEmpty() ? List.of("localhost") : servers);
            if (powershellTimeout == null || powershellTimeout.isNegative() || powershellTimeout.isZero()) {
                throw new InvalidRequest("--powershell-timeout must be a positive duration, e.g. 5m.");
            }
            if (keepOld == null || keepOld.isNegative()) {
                throw new InvalidRequest("--keep-old must be a duration, e.g. 7d.");
            }
        }

        /** The deployment's options for these servers, services checked. */
        public DeployOptions options(List<String> targetServers) throws InvalidRequest {
            var chosen = EnumSet.noneOf(ExchangeService.class);
            for (var service : services) {
                try {
                    chosen.add(ExchangeService.byName(service.trim()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequest("--services: " + e.getMessage());
                }
            }
            return new DeployOptions(targetServers, chosen, replaceDefaultSmtp, includeBackEnd, restartServices,
                    Optional.ofNullable(sniSite));
        }
    }
}
