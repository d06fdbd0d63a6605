package dev.exacme.acme.pebble;

import static dev.exacme.acme.testing.IssuedChains.assertChainsTo;
import static dev.exacme.acme.testing.IssuedChains.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.challenge.Http01Solver;
import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.testing.PebbleExtension;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pebble validating through exacme's listener while someone else holds a connection to it
 * open and says nothing, as anyone on the internet can do to port 80.
 */
class StalledClientPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path config;

    @Test
    void issuanceSucceedsWhileAStalledClientHoldsAConnectionOpen() throws Exception {
        var events = new CopyOnWriteArrayList<ProgressEvent>();
        var ca = PEBBLE.connect();
        var account = new Accounts(ca, new AccountStore(config.resolve("accounts")), events::add)
                .login(new AccountSettings(List.of(), true, Optional.empty()));
        // A head deadline far beyond the validation, so that the stalled connection is certainly
        // still open while Pebble validates; closing the listener ends it.
        var listener = Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), PEBBLE.httpChallengePort(),
                Http01Listener.Limits.DEFAULT.withHeadDeadline(Duration.ofMinutes(10)));
        try (listener; var stalled = new Socket(InetAddress.getLoopbackAddress(), PEBBLE.httpChallengePort())) {
            stalled.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            stalled.getOutputStream().write("GET /.well-known/acme".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();

            var request = new CertificateRequest(CertificateRequest.parseNames(List.of("stalled.exacme.test")),
                    KeyType.EC_P256, Optional.empty(), Optional.empty(), Optional.empty());
            var issued = new OrderFlow(ca, new Poller(PollingPolicy.DEFAULT, events::add), events::add)
                    .issue(account, request, new Http01Solver(listener));

            assertNames(issued.leaf(), "stalled.exacme.test");
            assertChainsTo(issued, PEBBLE.roots());
            // The order flow closed the listener, which ended the stalled connection: it was
            // held open until then, through the whole validation.
            assertEquals(-1, stalled.getInputStream().read());
        }
    }
}
