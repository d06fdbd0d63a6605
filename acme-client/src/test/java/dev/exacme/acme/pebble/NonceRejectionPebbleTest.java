package dev.exacme.acme.pebble;

import dev.exacme.acme.challenge.Http01Solver;
import static dev.exacme.acme.testing.IssuedChains.assertChainsTo;
import static dev.exacme.acme.testing.IssuedChains.assertNames;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;



import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressListener;
import dev.exacme.acme.testing.PebbleExtension;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pebble rejects a quarter of all nonces (badNonce): the order must still go through. acme4j
 * retries a request ten times with fresh nonces; at 50% a test of about forty signed requests
 * failed about once in 25 runs (0.5^10 per request), at 25% it is under one in a million, and
 * still nearly every order meets several rejections.
 */
class NonceRejectionPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().nonceRejectPercent(25).build();

    @Test
    void issuesDespiteBadNonces(@TempDir Path config) throws Exception {
        var ca = PEBBLE.connect();
        var account = new Accounts(ca, new AccountStore(config), ProgressListener.SILENT)
                .login(new AccountSettings(List.of(), true, Optional.empty()));
        var flow = new OrderFlow(ca, new Poller(PollingPolicy.DEFAULT, ProgressListener.SILENT), ProgressListener.SILENT);
        for (int i = 0; i < 3; i++) {
            var request = new CertificateRequest(CertificateRequest.parseNames(
                    List.of("nonce" + i + ".exacme.test", "www.nonce" + i + ".exacme.test")), KeyType.EC_P256,
                    Optional.empty(), Optional.empty(), Optional.empty());
            var issued = flow.issue(account, request, new Http01Solver(
                    Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), PEBBLE.httpChallengePort())));
            assertNames(issued.leaf(), "nonce" + i + ".exacme.test", "www.nonce" + i + ".exacme.test");
            assertChainsTo(issued, PEBBLE.roots());
        }
    }
}
