package dev.exacme.lifecycle.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.lifecycle.network.ProxySource;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orders of one run share its CA session: a run that renews many certificates reads the
 * directory and logs in once, not once per certificate (each session holds an HTTP client and
 * its threads until the collector frees it, which made a forced renewal of 1000 certificates
 * grow to 630 MiB), also after an order the CA refused. Counted in a real Pebble's log.
 */
class AcmeOrderingSessionsPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private final RecordingProgress progress = new RecordingProgress();

    /** The ordering of one run, as {@code exacme renew} makes it. */
    private AcmeOrdering ordering() {
        return new AcmeOrdering(new RunContext(temp.resolve("config"), trust -> new ResolvedNetwork(
                OutboundNetwork.direct(trust), ProxySource.NONE, "test"), progress, Map.of()));
    }

    @Test
    void ordersOneAfterTheOtherReadTheDirectoryOnceAndRegisterOneAccount() throws Exception {
        var ordering = ordering();
        long directoryReads = count("GET /dir");
        long orders = count("POST /order-plz");
        long accounts = count("POST /sign-me-up");

        var serials = new HashSet<String>();
        for (var name : List.of("one", "two", "three")) {
            var ordered = ordering.order(spec(name), Optional.empty(), progress);
            serials.add(ordered.certificate().chain().get(0).getSerialNumber().toString(16));
            assertEquals(List.of(name + ".sessions.exacme.test"), ordered.certificate().names().stream()
                    .map(dev.exacme.acme.order.DomainName::ascii).toList());
        }

        assertEquals(3, serials.size(), "three certificates");
        assertEquals(3, count("POST /order-plz") - orders, "three orders");
        assertEquals(1, count("GET /dir") - directoryReads, "one session: the directory read once");
        assertEquals(1, count("POST /sign-me-up") - accounts, "one account, registered by the first order");
    }

    @Test
    void anOrderTheCaRefusesLeavesTheSessionToTheNext() throws Exception {
        var ordering = ordering();
        ordering.order(spec("first"), Optional.empty(), progress);
        long directoryReads = count("GET /dir");

        // Answered where Pebble does not look: the CA refuses the authorization.
        var unanswered = spec("unanswered", freePort());
        var refused = assertThrows(CaRefused.class, () -> ordering.order(unanswered, Optional.empty(), progress));
        assertTrue(refused.getMessage().contains("unanswered.sessions.exacme.test"), refused.getMessage());
        ordering.order(spec("after"), Optional.empty(), progress);

        assertEquals(0, count("GET /dir") - directoryReads, "the session the CA refused an order on served the next");
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long count(String request) throws Exception {
        return Files.readAllLines(PEBBLE.logFile()).stream().filter(line -> line.contains(request)).count();
    }

    private static CertificateSpec spec(String name) {
        return spec(name, PEBBLE.httpChallengePort());
    }

    private static CertificateSpec spec(String name, int httpPort) {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name, List.of(name + ".sessions.exacme.test"),
                new CaSpec(PEBBLE.directoryUrl().toString(), List.of(PEBBLE.trustAnchorPem().toString()),
                        new AccountSpec(List.of(), true, null, null), null, null),
                new ChallengeSpec.Http01Listener(httpPort, List.of("127.0.0.1"), false),
                new KeySpec("ec256", false), new StoreSpec.WindowsMachine(false, false, List.of(), List.of()),
                List.of(), Duration.ofMinutes(2), null, Instant.now());
    }
}
