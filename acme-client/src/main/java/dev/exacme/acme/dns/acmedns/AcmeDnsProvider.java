package dev.exacme.acme.dns.acmedns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.api.JsonApi;
import dev.exacme.acme.network.OutboundNetwork;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * joohoi/acme-dns: a small DNS server whose only job is ACME TXT records, updated over a
 * REST API, to which {@code _acme-challenge.<domain>} is delegated by a CNAME. Since exacme
 * follows that CNAME, the record it gets is at the registration's full domain. acme-dns
 * keeps the last two values per subdomain and has no delete: clean-up does nothing.
 */
public final class AcmeDnsProvider implements DnsProvider {

    private final URI server;
    private final List<AcmeDnsRegistration> registrations;
    private final JsonApi api;

    /**
     * @param server        the acme-dns API base URL
     * @param registrations the accounts to use, matched by full domain
     */
    public AcmeDnsProvider(URI server, List<AcmeDnsRegistration> registrations, OutboundNetwork network) {
        this.server = server;
        this.registrations = List.copyOf(registrations);
        this.api = new JsonApi("acme-dns", network, AcmeDnsProvider::error);
    }

    /** Registers a new account; the caller stores it and tells the person the CNAME to create. */
    public static AcmeDnsRegistration register(URI server, OutboundNetwork network) throws IOException {
        var answer = new JsonApi("acme-dns", network, AcmeDnsProvider::error)
                .send("registering an account", "POST", resolve(server, "register"), Map.of(), JsonApi.body(Map.of()),
                        false);
        return new AcmeDnsRegistration(answer.path("username").asText(), answer.path("password").asText(),
                answer.path("subdomain").asText(), answer.path("fulldomain").asText());
    }

    @Override
    public String id() {
        return "acme-dns";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var registration = registrationFor(record);
        var body = JsonApi.object().put("subdomain", registration.subdomain()).put("txt", record.value());
        api.send("updating " + registration.fullDomain(), "POST", resolve(server, "update"),
                Map.of("X-Api-User", registration.username(), "X-Api-Key", registration.password()),
                JsonApi.body(body), false);
    }

    @Override
    public void cleanUp(ChallengeRecord record) {
        // acme-dns has no delete; it keeps only the two newest values anyway.
    }

    private AcmeDnsRegistration registrationFor(ChallengeRecord record) throws IOException {
        var name = record.fqdn().toLowerCase(Locale.ROOT);
        for (var registration : registrations) {
            if (registration.fullDomain().toLowerCase(Locale.ROOT).replaceAll("\\.$", "").equals(name)) {
                return registration;
            }
        }
        throw new IOException("acme-dns: no registration for " + name + ". _acme-challenge must be a CNAME to the "
                + "full domain of a registration in the credentials file; register with 'exacme dns acme-dns-register'.");
    }

    private static URI resolve(URI base, String path) {
        var text = base.toString();
        return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
    }

    private static String error(JsonNode body) {
        return body.path("error").asText("");
    }
}
