package dev.exacme.acme.http01.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.http01.ChallengeToken;
import dev.exacme.acme.http01.iis.IisConfiguration;
import dev.exacme.acme.http01.iis.IisWebroot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.opentest4j.TestAbortedException;

/**
 * HTTP-01 on a machine where IIS owns port 80, both ways exacme answers there: the http.sys
 * listener registered beside IIS for {@code /.well-known/acme-challenge/} only, and
 * {@code --webroot iis} (token files and a web.config in the Default Web Site's folder, served by
 * IIS itself). Needs Windows, IIS ({@code Install-WindowsFeature Web-Server}, as
 * {@code .github/workflows/windows.yml} does) and an elevated prompt; tag {@code windows}.
 * Without IIS it is skipped, except under {@code CI=true}, where it fails. Not yet run on
 * Windows.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class IisWindowsTest {

    private static final URI LOCALHOST = URI.create("http://localhost/");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void requireIis() {
        var configuration = IisConfiguration.machineConfiguration(System.getenv());
        if (!Files.isReadable(configuration)) {
            var hint = configuration + " is missing: install IIS (Install-WindowsFeature Web-Server on Windows"
                    + " Server, Enable-WindowsOptionalFeature -Online -FeatureName IIS-WebServerRole on a client)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(hint + " (CI=true: these tests must run)");
            }
            throw new TestAbortedException(hint);
        }
    }

    @Test
    void theHttpSysListenerAnswersOnPort80BesideIisAndLeavesTheRestToIis() throws Exception {
        var token = new ChallengeToken("tok-" + UUID.randomUUID(), "key-authorization.thumbprint");
        var challenge = LOCALHOST.resolve(ChallengeToken.PATH_PREFIX + token.token());
        assertIisAnswers();

        try (var listener = HttpSysListener.start(80)) {
            listener.publish(token);
            var answer = get(challenge);
            assertEquals(200, answer.statusCode());
            assertEquals(token.keyAuthorization(), answer.body());
            assertEquals(404, get(LOCALHOST.resolve(ChallengeToken.PATH_PREFIX + "unknown")).statusCode());
            // Everything outside the challenge prefix is still IIS's while the listener runs.
            assertIisAnswers();
        }
        // Closed, the prefix is given back: IIS answers there again (it has no such file: 404 from IIS).
        var after = get(challenge);
        assertEquals(404, after.statusCode());
        assertTrue(after.headers().firstValue("Server").orElse("").startsWith("Microsoft-IIS/"), after.headers()
                .map().toString());
    }

    @Test
    void webrootIisPutsTheTokenWhereIisServesItAndCleansUp() throws Exception {
        var configuration = IisConfiguration.read(IisConfiguration.machineConfiguration(System.getenv()),
                System.getenv());
        var site = configuration.site("iis", "localhost");
        assertEquals(1, site.id(), "no site is bound to localhost: the Default Web Site; sites " + configuration.sites());
        var token = new ChallengeToken("tok-" + UUID.randomUUID(), "key-authorization.thumbprint");
        var folder = site.physicalPath().resolve(".well-known").resolve("acme-challenge");

        try (var webroot = new IisWebroot(site)) {
            webroot.publish(token);
            assertTrue(Files.isRegularFile(folder.resolve("web.config")), "a web.config beside the token");
            var answer = get(LOCALHOST.resolve(ChallengeToken.PATH_PREFIX + token.token()));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(token.keyAuthorization(), answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    answer.headers().map().toString());
            assertTrue(answer.headers().firstValue("Server").orElse("").startsWith("Microsoft-IIS/"),
                    "served by IIS itself: " + answer.headers().map());
            webroot.withdraw(token);
        }
        assertFalse(Files.exists(folder.resolve(token.token())), "the token file is removed");
        assertFalse(Files.exists(folder.resolve("web.config")), "the web.config exacme wrote is removed");
    }

    private void assertIisAnswers() throws Exception {
        var page = get(LOCALHOST);
        assertTrue(page.headers().firstValue("Server").orElse("").startsWith("Microsoft-IIS/"),
                "IIS answers / on port 80: " + page.statusCode() + " " + page.headers().map());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
