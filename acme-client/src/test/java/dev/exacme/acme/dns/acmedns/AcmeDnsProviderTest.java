package dev.exacme.acme.dns.acmedns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The acme-dns provider against WireMock speaking the joohoi/acme-dns API: /register and /update. */
class AcmeDnsProviderTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final OutboundNetwork NETWORK = OutboundNetwork.direct(TrustedCertificates.systemDefault());
    private static final AcmeDnsRegistration REGISTRATION = new AcmeDnsRegistration(
            "eabcdb41-d89f-4580-826f-3e62e9755ef2", "pbAXVjlIOE01xbut7YnAbkhMQIkcwoHO0ek2j4Q0",
            "d420c923-bbd7-4056-ab64-c3ca54c9b3cf", "d420c923-bbd7-4056-ab64-c3ca54c9b3cf.auth.example.org");
    private static final ChallengeRecord RECORD = new ChallengeRecord(REGISTRATION.fullDomain() + ".",
            "auth.example.org.", "___validation_token_received_from_the_ca___");

    @Test
    void registersAndReturnsTheCnameTarget() throws IOException {
        API.stubFor(post(urlEqualTo("/register")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                {"allowfrom":[],"fulldomain":"%s","password":"%s","subdomain":"%s","username":"%s"}"""
                .formatted(REGISTRATION.fullDomain(), REGISTRATION.password(), REGISTRATION.subdomain(),
                        REGISTRATION.username()))));
        assertEquals(REGISTRATION, AcmeDnsProvider.register(URI.create(API.baseUrl()), NETWORK));
    }

    @Test
    void updatesTheSubdomainWithTheApiCredentials() throws IOException {
        API.stubFor(post(urlEqualTo("/update")).willReturn(okJson("{\"txt\": \"" + RECORD.value() + "\"}")));
        new AcmeDnsProvider(URI.create(API.baseUrl()), List.of(REGISTRATION), NETWORK).present(RECORD);
        API.verify(postRequestedFor(urlEqualTo("/update"))
                .withHeader("X-Api-User", equalTo(REGISTRATION.username()))
                .withHeader("X-Api-Key", equalTo(REGISTRATION.password()))
                .withRequestBody(equalToJson("{\"subdomain\":\"" + REGISTRATION.subdomain() + "\",\"txt\":\""
                        + RECORD.value() + "\"}")));
    }

    @Test
    void wrongCredentialsAreExplainedWithoutShowingThem() {
        API.stubFor(post(urlEqualTo("/update")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"forbidden\"}")));
        var provider = new AcmeDnsProvider(URI.create(API.baseUrl()), List.of(REGISTRATION), NETWORK);
        var failure = assertThrows(IOException.class, () -> provider.present(RECORD));
        assertTrue(failure.getMessage().contains("HTTP 401: forbidden"), failure.getMessage());
        assertFalse(failure.getMessage().contains(REGISTRATION.password()));
    }

    @Test
    void aNameWithoutRegistrationSaysHowToRegister() {
        var provider = new AcmeDnsProvider(URI.create(API.baseUrl()), List.of(REGISTRATION), NETWORK);
        var other = new ChallengeRecord("_acme-challenge.www.example.com.", "example.com.", "v");
        var failure = assertThrows(IOException.class, () -> provider.present(other));
        assertTrue(failure.getMessage().contains("exacme dns acme-dns-register"), failure.getMessage());
    }
}
