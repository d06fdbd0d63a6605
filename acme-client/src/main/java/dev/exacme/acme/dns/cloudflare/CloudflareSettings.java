package dev.exacme.acme.dns.cloudflare;

import java.net.URI;

/**
 * Cloudflare API settings.
 *
 * @param apiToken an API token with Zone:Read and DNS:Edit on the zone; a secret
 * @param baseUrl  the API base, {@value #API}
 */
public record CloudflareSettings(String apiToken, URI baseUrl) {

    /** Cloudflare's API v4. */
    public static final String API = "https://api.cloudflare.com/client/v4/";

    @Override
    public String toString() {
        return "CloudflareSettings[apiToken=(hidden), baseUrl=" + baseUrl + "]";
    }
}
