package dev.exacme.cli.dns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme dns acme-dns-register} against WireMock speaking acme-dns's /register. */
class AcmeDnsRegisterTest {

    @RegisterExtension
    static final WireMockExtension API = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path temp;

    @Test
    void keepsTheRegistrationOwnerOnlyAndPrintsTheCname() throws Exception {
        API.stubFor(post(urlEqualTo("/register")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                {"allowfrom":[],"fulldomain":"d420c923.auth.example.org","password":"secret-pw",
                 "subdomain":"d420c923","username":"eabcdb41"}""")));
        var file = temp.resolve("acme-dns.json");
        var run = CommandRun.of("dns", "acme-dns-register", "-d", "*.mail.example.com", "--acme-dns-server",
                API.baseUrl(), "--acme-dns-credentials-file", file.toString(), "--config-dir", temp.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("_acme-challenge.mail.example.com. CNAME d420c923.auth.example.org."), run.out());
        var json = CommandRun.of("dns", "acme-dns-register", "-d", "*.mail.example.com", "--acme-dns-server",
                API.baseUrl(), "--acme-dns-credentials-file", temp.resolve("again.json").toString(), "--config-dir",
                temp.toString(), "--json");
        assertEquals("d420c923.auth.example.org", new ObjectMapper().readTree(json.out()).get("fullDomain").asText());
        assertFalse(json.out().contains("secret-pw"), "the password stays in the file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        var saved = new ObjectMapper().readTree(file.toFile()).get("mail.example.com");
        assertEquals("secret-pw", saved.get("password").asText());
        assertEquals("d420c923.auth.example.org", saved.get("fulldomain").asText());
        assertTrue(!run.out().contains("secret-pw") && !run.err().contains("secret-pw"), "the password stays in the file");
    }
}
