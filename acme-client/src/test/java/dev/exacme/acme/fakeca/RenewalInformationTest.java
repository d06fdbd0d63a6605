package dev.exacme.acme.fakeca;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressListener;
import dev.exacme.acme.renewal.RenewalInformation;
import dev.exacme.acme.renewal.RenewalWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ACME Renewal Information (RFC 9773) from a CA that offers it, which Pebble 2.4 does not. */
class RenewalInformationTest {

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

    /** A second order through the same fake CA starts its stages over. */
    private void issueAgain(CertificateRequest request) throws Exception {
        WIRE.resetScenarios();
        session.issue(new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT), request, FakeCaSession.listener());
    }

    @Test
    void theSuggestedWindowTheExplanationAndRetryAfterAreRead() throws Exception {
        var start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var end = start.plus(2, ChronoUnit.DAYS);
        fake.renewalInformation(start, end, 21_600, "https://ca.example/incident/42");
        var issued = session.issue(new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT),
                FakeCaSession.request(Optional.empty()), FakeCaSession.listener());

        var window = new RenewalInformation(session.ca()).window(session.login(), issued.leaf()).orElseThrow();

        assertEquals(start, window.start());
        assertEquals(end, window.end());
        assertEquals("https://ca.example/incident/42", window.explanation().orElseThrow());
        var checkAfter = window.checkAfter().orElseThrow();
        assertTrue(Duration.between(Instant.now(), checkAfter).toHours() >= 5, "Retry-After of 6 h: " + checkAfter);
        assertEquals(1, fake.renewalInformationRequests());
    }

    @Test
    void aCaWithoutRenewalInformationGivesNoWindowAndOrdersNameNothingReplaced() throws Exception {
        var issued = session.issue(new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT),
                FakeCaSession.request(Optional.empty()), FakeCaSession.listener());

        assertEquals(Optional.empty(), new RenewalInformation(session.ca()).window(session.login(), issued.leaf()));

        var renewal = new CertificateRequest(CertificateRequest.parseNames(java.util.List.of(FakeCa.NAME)),
                dev.exacme.acme.keys.KeyType.EC_P256, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(issued.leaf()));
        issueAgain(renewal);
        assertFalse(fake.payloads("/order").get(1).has("replaces"), "replaces only to CAs that offer ARI");
    }

    @Test
    void aRenewalOrderNamesTheCertificateItReplacesWhenTheCaOffersRenewalInformation() throws Exception {
        fake.renewalInformation(Instant.now(), Instant.now().plus(1, ChronoUnit.DAYS), null, null);
        var issued = session.issue(new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT),
                FakeCaSession.request(Optional.empty()), FakeCaSession.listener());

        var renewal = new CertificateRequest(CertificateRequest.parseNames(java.util.List.of(FakeCa.NAME)),
                dev.exacme.acme.keys.KeyType.EC_P256, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(issued.leaf()));
        issueAgain(renewal);

        var order = fake.payloads("/order").get(1);
        assertTrue(order.has("replaces"), order.toString());
        assertTrue(order.get("replaces").asText().contains("."), "an ARI certificate id: keyIdentifier.serial");
    }

    @Test
    void theTimeIsChosenInsideTheWindow() {
        var start = Instant.parse("2026-12-01T00:00:00Z");
        var window = new RenewalWindow(start, start.plus(2, ChronoUnit.DAYS), Optional.empty(), Optional.empty());
        var random = RandomGenerator.of("L64X128MixRandom");
        for (var i = 0; i < 100; i++) {
            var chosen = window.chooseTime(random);
            assertFalse(chosen.isBefore(window.start()) || chosen.isAfter(window.end()), chosen.toString());
        }
    }
}
