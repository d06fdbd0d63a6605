package dev.exacme.acme.dns.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.azure.AzureSettings.ManagedIdentity;
import dev.exacme.acme.dns.azure.AzureSettings.ServicePrincipal;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Azure DNS provider against WireMock speaking ARM record sets (2018-05-01) and the
 * Microsoft identity platform's client-credentials token endpoint, as documented.
 */
class AzureDnsProviderTest {

    @RegisterExtension
    static final WireMockExtension AZURE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String SECRET = "client-secret~value";
    private static final String RECORD_SET = "/subscriptions/sub-1/resourceGroups/rg-dns/providers/"
            + "Microsoft.Network/dnsZones/contoso.com/TXT/_acme-challenge.mail?api-version=2018-05-01";
    private static final ChallengeRecord RECORD =
            new ChallengeRecord("_acme-challenge.mail.contoso.com.", "contoso.com.", "value-two");

    private AzureDnsProvider provider(AzureSettings.Credentials credentials) {
        return new AzureDnsProvider(new AzureSettings("sub-1", "rg-dns", credentials, URI.create(AZURE.baseUrl())),
                OutboundNetwork.direct(TrustedCertificates.systemDefault()));
    }

    private AzureDnsProvider servicePrincipal() {
        AZURE.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token")).willReturn(okJson(
                "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"tok-123\"}")));
        return provider(new ServicePrincipal("tenant-1", "client-1", SECRET, URI.create(AZURE.baseUrl())));
    }

    @Test
    void mergesTheValueIntoTheRecordSet() throws IOException {
        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).willReturn(okJson("""
                {"name":"_acme-challenge.mail","type":"Microsoft.Network/dnszones/TXT",
                 "properties":{"TTL":60,"TXTRecords":[{"value":["value-one"]}]}}""")));
        AZURE.stubFor(put(urlEqualTo(RECORD_SET)).willReturn(okJson("{}")));
        servicePrincipal().present(RECORD);

        AZURE.verify(postRequestedFor(urlEqualTo("/tenant-1/oauth2/v2.0/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=client-1"))
                .withRequestBody(containing("scope=https%3A%2F%2Fmanagement.azure.com%2F.default")));
        AZURE.verify(putRequestedFor(urlEqualTo(RECORD_SET)).withHeader("Authorization", equalTo("Bearer tok-123"))
                .withRequestBody(equalToJson("""
                        {"properties":{"TTL":60,"TXTRecords":[{"value":["value-one"]},{"value":["value-two"]}]}}""")));
    }

    @Test
    void cleanUpKeepsOtherValuesAndDeletesTheSetWithTheLast() throws IOException {
        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).willReturn(okJson("""
                {"properties":{"TTL":60,"TXTRecords":[{"value":["value-one"]},{"value":["value-two"]}]}}""")));
        AZURE.stubFor(put(urlEqualTo(RECORD_SET)).willReturn(okJson("{}")));
        var provider = servicePrincipal();
        provider.cleanUp(RECORD);
        AZURE.verify(putRequestedFor(urlEqualTo(RECORD_SET)).withRequestBody(equalToJson("""
                {"properties":{"TTL":60,"TXTRecords":[{"value":["value-one"]}]}}""")));

        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).atPriority(1).willReturn(okJson("""
                {"properties":{"TTL":60,"TXTRecords":[{"value":["value-two"]}]}}""")));
        AZURE.stubFor(delete(urlEqualTo(RECORD_SET)).willReturn(aResponse().withStatus(200)));
        provider.cleanUp(RECORD);
        AZURE.verify(deleteRequestedFor(urlEqualTo(RECORD_SET)));
    }

    @Test
    void aWrongClientSecretIsExplainedWithoutShowingIt() {
        AZURE.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token")).atPriority(1).willReturn(aResponse()
                .withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: x",
                 "error_codes":[7000215]}""")));
        var provider = provider(new ServicePrincipal("tenant-1", "client-1", SECRET, URI.create(AZURE.baseUrl())));
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("invalid_client - AADSTS7000215: Invalid client secret provided."),
                failure.getMessage());
        assertFalse(failure.getMessage().contains(SECRET));
    }

    @Test
    void aMissingZoneIsExplained() {
        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).willReturn(notFound()));
        AZURE.stubFor(put(urlEqualTo(RECORD_SET)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":"ParentResourceNotFound","message":"Can not perform requested operation on nested \
                resource. Parent resource 'contoso.com' not found."}}""")));
        var failure = assertThrows(IOException.class, () -> servicePrincipal().present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 404: ParentResourceNotFound"), failure.getMessage());
    }

    @Test
    void throttlingSaysWhenToRetry() {
        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":"TooManyRequests","message":"The request is being throttled."}}""")));
        var failure = assertThrows(IOException.class, () -> servicePrincipal().present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 429: TooManyRequests"), failure.getMessage());
        assertTrue(failure.getMessage().contains("try again after 17 s"), failure.getMessage());
    }

    @Test
    void aManagedIdentityTokenComesFromTheMetadataService() throws IOException {
        AZURE.stubFor(get(urlPathEqualTo("/metadata/identity/oauth2/token")).willReturn(okJson(
                "{\"access_token\":\"mi-token\",\"expires_in\":\"86399\",\"token_type\":\"Bearer\"}")));
        AZURE.stubFor(get(urlEqualTo(RECORD_SET)).willReturn(notFound()));
        AZURE.stubFor(put(urlEqualTo(RECORD_SET)).willReturn(okJson("{}")));
        provider(new ManagedIdentity(Optional.of("uami-1"), URI.create(AZURE.baseUrl()))).present(RECORD);
        AZURE.verify(getRequestedFor(urlPathEqualTo("/metadata/identity/oauth2/token"))
                .withHeader("Metadata", equalTo("true"))
                .withQueryParam("api-version", equalTo("2018-02-01"))
                .withQueryParam("resource", equalTo("https://management.azure.com/"))
                .withQueryParam("client_id", equalTo("uami-1")));
        AZURE.verify(putRequestedFor(urlEqualTo(RECORD_SET)).withHeader("Authorization", equalTo("Bearer mi-token"))
                .withRequestBody(equalToJson("{\"properties\":{\"TTL\":60,\"TXTRecords\":[{\"value\":[\"value-two\"]}]}}")));
    }
}
