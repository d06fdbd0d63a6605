package dev.exacme.acme.dns.cloudflare;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cloudflare provider against WireMock speaking API v4 as documented: zone lookup by
 * name, DNS record create, list filtered by type, name and content, delete; error bodies
 * {@code {"success":false,"errors":[{"code":...,"message":...}]}}.
 */
class CloudflareProviderTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = "cf-token-abc123";
    private static final String ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final ChallengeRecord RECORD =
            new ChallengeRecord("_acme-challenge.mail.example.com.", "example.com.", "txt-value-1");

    private CloudflareProvider provider;

    @BeforeEach
    void provider() {
        provider = new CloudflareProvider(new CloudflareSettings(TOKEN, URI.create(API.baseUrl() + "/client/v4/")),
                OutboundNetwork.direct(TrustedCertificates.systemDefault()));
        API.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com")).willReturn(okJson("""
                {"success":true,"errors":[],"messages":[],"result":[{"id":"%s","name":"example.com"}],
                 "result_info":{"page":1,"per_page":20,"count":1,"total_count":1}}""".formatted(ZONE_ID))));
    }

    @Test
    void createsTheRecordInTheZoneFoundByName() throws IOException {
        API.stubFor(post(urlEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records")).willReturn(okJson("""
                {"success":true,"errors":[],"messages":[],"result":{"id":"372e67954025e0ba6aaa6d586b9e0b59"}}""")));
        provider.present(RECORD);
        API.verify(getRequestedFor(urlEqualTo("/client/v4/zones?name=example.com"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        API.verify(postRequestedFor(urlEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"type":"TXT","name":"_acme-challenge.mail.example.com","content":"txt-value-1","ttl":60}""")));
    }

    @Test
    void cleanUpDeletesExactlyThatValue() throws IOException {
        API.stubFor(get(urlPathEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records")).willReturn(okJson("""
                {"success":true,"errors":[],"result":[
                  {"id":"rec-1","type":"TXT","name":"_acme-challenge.mail.example.com","content":"txt-value-1"}]}""")));
        API.stubFor(delete(urlEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records/rec-1"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"result\":{\"id\":\"rec-1\"}}")));
        provider.cleanUp(RECORD);
        API.verify(getRequestedFor(urlPathEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records"))
                .withQueryParam("type", equalTo("TXT"))
                .withQueryParam("name", equalTo("_acme-challenge.mail.example.com"))
                .withQueryParam("content", equalTo("txt-value-1")));
        API.verify(deleteRequestedFor(urlEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records/rec-1")));
    }

    @Test
    void aBadTokenIsExplainedWithoutShowingIt() {
        API.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com")).atPriority(1).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                {"success":false,"errors":[{"code":9109,"message":"Invalid access token"}],"messages":[],"result":null}""")));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 403: Invalid access token (code 9109)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Check the cloudflare credentials"), failure.getMessage());
        assertFalse(failure.getMessage().contains(TOKEN));
    }

    @Test
    void aZoneNotInTheAccountIsNamed() {
        API.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com")).atPriority(1).willReturn(okJson("""
                {"success":true,"errors":[],"messages":[],"result":[],"result_info":{"count":0,"total_count":0}}""")));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("the zone example.com is not in this Cloudflare account"),
                failure.getMessage());
    }

    @Test
    void rateLimitingSaysWhenToRetry() {
        API.stubFor(post(urlEqualTo("/client/v4/zones/" + ZONE_ID + "/dns_records")).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider "
                        + "throttling your request speed\"}]}")));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 429"), failure.getMessage());
        assertTrue(failure.getMessage().contains("try again after 30 s"), failure.getMessage());
    }
}
