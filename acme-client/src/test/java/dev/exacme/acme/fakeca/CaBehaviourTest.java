package dev.exacme.acme.fakeca;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.failure.ProtocolFailure;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressListener;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CA answers Pebble cannot give, and the typed failure each becomes. */
class CaBehaviourTest {

    @RegisterExtension
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path config;

    private FakeCa fake;
    private FakeCaSession session;

    @BeforeEach
    void serveAHappyCa() {
        fake = new FakeCa(WIRE).happyPath(null);
        session = new FakeCaSession(fake, config);
    }

    private Poller poller() {
        return new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT);
    }

    @Test
    void theHappyPathIssues() throws Exception {
        var issued = session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener());
        assertEquals(FakeCa.NAME, issued.names().get(0).ascii());
        assertEquals(1, fake.posts("/order/1/finalize"));
    }

    @Test
    void rateLimitOnNewOrderSaysWhenToTryAgain() {
        fake.problem("/order", 429, "rateLimited", "too many certificates (5) already issued for this exact set",
                Map.of("Retry-After", "3600"));
        var before = Instant.now();
        var failure = assertThrows(CaRefused.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener()));
        assertEquals("rateLimited", failure.problem().type());
        var retry = failure.retryAfter().orElseThrow();
        assertTrue(!retry.isBefore(before.plusSeconds(3590)) && !retry.isAfter(Instant.now().plusSeconds(3610)),
                retry.toString());
        assertTrue(failure.getMessage().contains("Try again after"), failure.getMessage());
        assertTrue(failure.getMessage().contains("too many certificates"), failure.getMessage());
    }

    @Test
    void rateLimitOnNewAccount() {
        fake.problem("/acct", 429, "rateLimited", "too many registrations for this IP", Map.of("Retry-After", "60"));
        var failure = assertThrows(CaRefused.class, () -> session.login());
        assertTrue(failure.retryAfter().isPresent());
        assertTrue(failure.getMessage().contains("registering the account"), failure.getMessage());
    }

    @Test
    void aBareServerErrorIsANetworkFailureNamingTheStep() {
        fake.plain("POST", "/order", 500, "text/html", "<html>Internal Server Error</html>");
        var failure = assertThrows(NetworkFailure.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener()));
        assertTrue(failure.getMessage().contains("HTTP 500"), failure.getMessage());
        assertTrue(failure.getMessage().contains("creating the order"), failure.getMessage());
        assertTrue(failure.getMessage().contains(fake.directoryUrl().toString()), failure.getMessage());
    }

    @Test
    void aServerInternalProblemIsTransientNotARefusal() {
        // The CA's own fault: exit 4 ("try again later"), not 3 ("the CA refused").
        fake.problem("/order", 500, "serverInternal", "database unavailable", Map.of());
        var failure = assertThrows(NetworkFailure.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener()));
        assertTrue(failure.getMessage().contains("serverInternal - database unavailable"), failure.getMessage());
        assertTrue(failure.getMessage().contains("creating the order"), failure.getMessage());
        assertTrue(failure.getMessage().contains("try again later"), failure.getMessage());
    }

    @Test
    void badNonceAfterAcme4jsRetriesIsTransientNotARefusal() {
        fake.problem("/order", 400, "badNonce", "JWS has an invalid anti-replay nonce", Map.of());
        var failure = assertThrows(NetworkFailure.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener()));
        assertTrue(failure.getMessage().contains("badNonce"), failure.getMessage());
        assertTrue(failure.getMessage().contains("try again later"), failure.getMessage());
        assertEquals(10, fake.posts("/order"), "acme4j retried before exacme gave up");
    }

    @Test
    void otherProblemsStayRefusals() {
        fake.problem("/order", 400, "rejectedIdentifier", "policy forbids this name", Map.of());
        var failure = assertThrows(CaRefused.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), FakeCaSession.listener()));
        assertEquals("rejectedIdentifier", failure.problem().type());
    }

    @Test
    void aDirectoryThatIsNotJsonIsAProtocolFailure() {
        fake.plain("GET", "/dir", 200, "application/json", "<html>maintenance</html>");
        var failure = assertThrows(ProtocolFailure.class, () -> session.login());
        assertTrue(failure.getMessage().contains(fake.directoryUrl().toString()), failure.getMessage());
    }

    @Test
    void aDirectoryWithoutNewAccountIsAProtocolFailure() {
        WIRE.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/dir").atPriority(1).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"newNonce\": \"" + fake.directoryUrl()
                        .resolve("/nonce") + "\"}")));
        var failure = assertThrows(ProtocolFailure.class, () -> session.login());
        assertTrue(failure.getMessage().contains("registering the account"), failure.getMessage());
    }

    @Test
    void aFailedChallengeNamesTheNameAndTheCasViewAndStopsTheListener() throws Exception {
        var detail = "Invalid response from http://a.example.com/.well-known/acme-challenge/" + FakeCa.TOKEN + ": 404";
        fake.authorizationSequence(List.of(fake.authorization("pending"), fake.authorization("invalid", detail)),
                List.of());
        fake.challengeAnswers("invalid", detail);
        var listener = FakeCaSession.listener();
        var port = listener.port();
        var failure = assertThrows(CaRefused.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.empty()), listener));
        assertTrue(failure.getMessage().contains(FakeCa.NAME), failure.getMessage());
        assertTrue(failure.getMessage().contains(detail), failure.getMessage());
        assertEquals(Optional.of(FakeCa.NAME), failure.problem().identifier());
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        assertEquals(0, fake.posts("/order/1/finalize"), "nothing is finalized after a failed validation");
    }

    @Test
    void profilesOfferedAreSentAndOthersRefusedBeforeOrdering() throws Exception {
        var meta = new ObjectMapper().createObjectNode();
        meta.putObject("profiles").put("classic", "the usual").put("shortlived", "six days");
        fake.directory(meta);

        var refusal = assertThrows(InvalidRequest.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.of("nope")), FakeCaSession.listener()));
        assertTrue(refusal.getMessage().contains("'nope'"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("classic, shortlived"), refusal.getMessage());
        assertEquals(0, fake.posts("/order"), "no order was sent");

        session.issue(poller(), FakeCaSession.request(Optional.of("shortlived")), FakeCaSession.listener());
        assertEquals("shortlived", fake.payloads("/order").get(0).path("profile").asText());
    }

    @Test
    void aProfileWithACaThatHasNone() {
        var refusal = assertThrows(InvalidRequest.class,
                () -> session.issue(poller(), FakeCaSession.request(Optional.of("tlsserver")), FakeCaSession.listener()));
        assertTrue(refusal.getMessage().contains("offers no profiles"), refusal.getMessage());
    }

    @Test
    void pollingHonoursRetryAfter() throws Exception {
        fake.authorizationSequence(List.of(fake.authorization("pending"), fake.authorization("pending"),
                fake.authorization("valid")), List.of(0, 2));
        var slept = new java.util.concurrent.CopyOnWriteArrayList<Duration>();
        var poller = new Poller(PollingPolicy.DEFAULT, java.time.Clock.systemUTC(), slept::add, ProgressListener.SILENT);
        session.issue(poller, FakeCaSession.request(Optional.empty()), FakeCaSession.listener());
        assertTrue(slept.stream().anyMatch(d -> d.compareTo(Duration.ofMillis(900)) > 0
                && d.compareTo(Duration.ofSeconds(2)) <= 0), "waited as the CA asked: " + slept);
    }

    @Test
    void pollingBacksOffWithoutRetryAfter() throws Exception {
        fake.authorizationSequence(List.of(fake.authorization("pending"), fake.authorization("pending"),
                fake.authorization("pending"), fake.authorization("pending"), fake.authorization("valid")), List.of());
        var slept = new java.util.concurrent.CopyOnWriteArrayList<Duration>();
        var poller = new Poller(PollingPolicy.DEFAULT, java.time.Clock.systemUTC(), slept::add, ProgressListener.SILENT);
        session.issue(poller, FakeCaSession.request(Optional.empty()), FakeCaSession.listener());
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80)), slept.subList(0, 3));
    }
}
