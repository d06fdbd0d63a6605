package dev.exacme.acme.dns.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.api.JsonApi;
import dev.exacme.acme.dns.azure.AzureSettings.ManagedIdentity;
import dev.exacme.acme.dns.azure.AzureSettings.ServicePrincipal;
import dev.exacme.acme.network.OutboundNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Azure DNS through Azure Resource Manager (record sets, API version 2018-05-01), with a
 * service principal or a managed identity. A PUT replaces a whole record set, so values
 * are read, merged and written back: other values of the name stay.
 */
public final class AzureDnsProvider implements DnsProvider {

    private static final String API_VERSION = "2018-05-01";
    private static final String RESOURCE = "https://management.azure.com/";

    private final AzureSettings settings;
    private final JsonApi api;
    private final JsonApi metadata;
    private String token;

    /**
     * @param network the proxy configuration for ARM and the token endpoint; the instance
     *                metadata service is always reached directly, as it only exists on the VM
     */
    public AzureDnsProvider(AzureSettings settings, OutboundNetwork network) {
        this.settings = settings;
        this.api = new JsonApi("azure", network, AzureDnsProvider::error);
        this.metadata = new JsonApi("azure", OutboundNetwork.direct(network.trust()), AzureDnsProvider::error);
    }

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var values = values(record);
        if (!values.contains(record.value())) {
            values.add(record.value());
        }
        put(record, values);
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        var values = values(record);
        if (!values.remove(record.value())) {
            return;
        }
        if (values.isEmpty()) {
            api.send("deleting TXT " + record.fqdn(), "DELETE", recordSet(record), auth(), null, true);
        } else {
            put(record, values);
        }
    }

    private List<String> values(ChallengeRecord record) throws IOException {
        var existing = api.send("reading TXT " + record.fqdn(), "GET", recordSet(record), auth(), null, true);
        var values = new ArrayList<String>();
        if (existing != null) {
            for (var txt : existing.path("properties").path("TXTRecords")) {
                var joined = new StringBuilder();
                txt.path("value").forEach(part -> joined.append(part.asText()));
                values.add(joined.toString());
            }
        }
        return values;
    }

    private void put(ChallengeRecord record, List<String> values) throws IOException {
        var body = JsonApi.object();
        var properties = body.putObject("properties");
        properties.put("TTL", 60);
        var records = properties.putArray("TXTRecords");
        values.forEach(value -> records.addObject().putArray("value").add(value));
        api.send("writing TXT " + record.fqdn(), "PUT", recordSet(record), auth(), JsonApi.body(body), false);
    }

    private URI recordSet(ChallengeRecord record) {
        var base = settings.managementUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "subscriptions/" + encode(settings.subscriptionId())
                + "/resourceGroups/" + encode(settings.resourceGroup()) + "/providers/Microsoft.Network/dnsZones/"
                + encode(record.zoneName()) + "/TXT/" + encode(record.relativeName()) + "?api-version=" + API_VERSION);
    }

    private Map<String, String> auth() throws IOException {
        if (token == null) {
            token = fetchToken();
        }
        return Map.of("Authorization", "Bearer " + token);
    }

    private String fetchToken() throws IOException {
        JsonNode answer;
        if (settings.credentials() instanceof ServicePrincipal principal) {
            var fields = new LinkedHashMap<String, String>();
            fields.put("grant_type", "client_credentials");
            fields.put("client_id", principal.clientId());
            fields.put("client_secret", principal.clientSecret());
            fields.put("scope", RESOURCE + ".default");
            var login = principal.loginUrl().toString();
            answer = api.send("getting a token for client " + principal.clientId(), "POST",
                    URI.create((login.endsWith("/") ? login : login + "/") + encode(principal.tenantId())
                            + "/oauth2/v2.0/token"),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), JsonApi.form(fields), false);
        } else {
            var identity = (ManagedIdentity) settings.credentials();
            var base = identity.metadataUrl().toString();
            var query = "api-version=2018-02-01&resource=" + encode(RESOURCE)
                    + identity.clientId().map(id -> "&client_id=" + encode(id)).orElse("");
            answer = metadata.send("getting a managed-identity token", "GET",
                    URI.create((base.endsWith("/") ? base : base + "/") + "metadata/identity/oauth2/token?" + query),
                    Map.of("Metadata", "true"), null, false);
        }
        var accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new IOException("azure: the token endpoint answered without an access_token.");
        }
        return accessToken;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String error(JsonNode body) {
        var error = body.path("error");
        if (error.isObject()) {
            return error.path("code").asText() + " - " + error.path("message").asText();
        }
        return error.asText("") + (body.has("error_description")
                ? " - " + body.path("error_description").asText().lines().findFirst().orElse("") : "");
    }
}
