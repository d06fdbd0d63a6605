package dev.exacme.acme.dns.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.acme.dns.api.JsonApi;
import dev.exacme.acme.network.OutboundNetwork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Cloudflare DNS through API v4 with an API token: finds the zone id by name, creates one
 * TXT record per value, and deletes exactly the record with that name and value.
 */
public final class CloudflareProvider implements DnsProvider {

    private final CloudflareSettings settings;
    private final JsonApi api;
    private final Map<String, String> zoneIds = new HashMap<>();

    public CloudflareProvider(CloudflareSettings settings, OutboundNetwork network) {
        this.settings = settings;
        this.api = new JsonApi("cloudflare", network, CloudflareProvider::errors);
    }

    @Override
    public String id() {
        return "cloudflare";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var body = JsonApi.object().put("type", "TXT").put("name", record.fqdn()).put("content", record.value())
                .put("ttl", 60);
        api.send("creating TXT " + record.fqdn(), "POST", url("zones/" + zoneId(record) + "/dns_records"), auth(),
                JsonApi.body(body), false);
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        var zone = zoneId(record);
        var found = api.send("finding TXT " + record.fqdn(), "GET", url("zones/" + zone + "/dns_records?type=TXT&name="
                + encode(record.fqdn()) + "&content=" + encode(record.value())), auth(), null, false);
        for (var entry : found.path("result")) {
            if (record.value().equals(entry.path("content").asText())) {
                api.send("deleting TXT " + record.fqdn(), "DELETE",
                        url("zones/" + zone + "/dns_records/" + entry.path("id").asText()), auth(), null, false);
            }
        }
    }

    private String zoneId(ChallengeRecord record) throws IOException {
        var cached = zoneIds.get(record.zoneName());
        if (cached != null) {
            return cached;
        }
        var answer = api.send("finding the zone " + record.zoneName(), "GET",
                url("zones?name=" + encode(record.zoneName())), auth(), null, false);
        var result = answer.path("result");
        if (!result.isArray() || result.isEmpty()) {
            throw new IOException("cloudflare: the zone " + record.zoneName() + " is not in this Cloudflare account "
                    + "(or the token may not read it); give the zone with --dns-zone if exacme found the wrong one.");
        }
        var id = result.get(0).path("id").asText();
        zoneIds.put(record.zoneName(), id);
        return id;
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + settings.apiToken());
    }

    private URI url(String path) {
        var base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String errors(JsonNode body) {
        return StreamSupport.stream(body.path("errors").spliterator(), false)
                .map(error -> error.path("message").asText() + " (code " + error.path("code").asText() + ")")
                .collect(Collectors.joining("; "));
    }
}
