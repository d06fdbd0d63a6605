package dev.exacme.acme.pebble;

import dev.exacme.acme.challenge.Http01Solver;
import static dev.exacme.acme.testing.IssuedChains.assertChainsTo;
import static dev.exacme.acme.testing.IssuedChains.assertKeyMatches;
import static dev.exacme.acme.testing.IssuedChains.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.ca.AcmeCa;


import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.http01.Http01Webroot;
import dev.exacme.acme.http01.SelfCheck;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.testing.PebbleExtension;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole order flow against a real Pebble. */
class OrderFlowPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path config;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private AcmeCa ca;
    private AccountLogin account;

    @BeforeEach
    void registerAccount() throws Exception {
        ca = PEBBLE.connect();
        account = new Accounts(ca, new AccountStore(config.resolve("accounts")), events::add)
                .login(new AccountSettings(List.of("admin@example.com"), true, Optional.empty()));
    }

    private OrderFlow flow() {
        return new OrderFlow(ca, new Poller(PollingPolicy.DEFAULT, events::add), events::add);
    }

    private static CertificateRequest request(KeyType type, String... names) throws InvalidRequest {
        return new CertificateRequest(CertificateRequest.parseNames(List.of(names)), type, Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static Http01Listener listener() throws Exception {
        return Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), PEBBLE.httpChallengePort());
    }

    @Test
    void oneNameRsaThroughTheListener() throws Exception {
        var responder = listener();
        var issued = flow().issue(account, request(KeyType.RSA_2048, "single.exacme.test"), new Http01Solver(responder));

        assertNames(issued.leaf(), "single.exacme.test");
        assertKeyMatches(issued);
        assertEquals(2048, ((RSAPublicKey) issued.leaf().getPublicKey()).getModulus().bitLength());
        assertChainsTo(issued, PEBBLE.roots());
        assertEquals(40, issued.thumbprint().length());
        assertTrue(events.contains(new ProgressEvent.Validated("single.exacme.test")), events.toString());
        assertTrue(events.contains(new ProgressEvent.Finalizing()), events.toString());
        assertListenerClosed();
    }

    @Test
    void severalNamesEcdsa() throws Exception {
        var issued = flow().issue(account,
                request(KeyType.EC_P384, "mail.exacme.test", "autodiscover.exacme.test", "bücher.exacme.test"),
                new Http01Solver(listener()));
        assertNames(issued.leaf(), "mail.exacme.test", "autodiscover.exacme.test", "xn--bcher-kva.exacme.test");
        assertEquals(384, ((ECPublicKey) issued.leaf().getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertKeyMatches(issued);
        assertChainsTo(issued, PEBBLE.roots());
    }

    @Test
    void ecdsaP256AndAReusedKey() throws Exception {
        var key = KeyType.EC_P256.generate();
        var reuse = new CertificateRequest(CertificateRequest.parseNames(List.of("reuse.exacme.test")),
                KeyType.RSA_2048, Optional.of(key), Optional.empty(), Optional.empty());
        var first = flow().issue(account, reuse, new Http01Solver(listener()));
        var second = flow().issue(account, reuse, new Http01Solver(listener()));
        assertEquals(key.getPublic(), first.leaf().getPublicKey());
        assertEquals(key.getPublic(), second.leaf().getPublicKey());
        assertFalse(first.serialHex().equals(second.serialHex()));
    }

    @Test
    void webrootServedByAnExistingSite(@TempDir Path webroot) throws Exception {
        try (var site = StaticSite.serve(webroot, PEBBLE.httpChallengePort())) {
            var issued = flow().issue(account, request(KeyType.EC_P256, "www.exacme.test", "exacme.test"), new Http01Solver(new Http01Webroot(webroot)));
            assertNames(issued.leaf(), "www.exacme.test", "exacme.test");
            assertChainsTo(issued, PEBBLE.roots());
        }
        assertFalse(Files.exists(webroot.resolve(".well-known")), "token files and their directories are removed");
    }

    @Test
    void theSelfCheckPassesWhenTheCaWouldSucceed() throws Exception {
        var selfCheck = new SelfCheck(host -> List.of(InetAddress.getLoopbackAddress()), PEBBLE.httpChallengePort(),
                443, Duration.ofSeconds(2));
        var issued = flow().issue(account, request(KeyType.EC_P256, "checked.exacme.test"),
                new Http01Solver(listener(), Optional.of(selfCheck)));
        assertNames(issued.leaf(), "checked.exacme.test");
    }

    @Test
    void aFailingSelfCheckAsksTheCaNothingAndLeavesNoOrderPending() throws Exception {
        // The self-check looks where nobody answers, as on a host whose port 80 belongs to a redirect.
        int nobody;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        var selfCheck = new SelfCheck(host -> List.of(InetAddress.getLoopbackAddress()), nobody, nobody,
                Duration.ofSeconds(2));
        var refusal = assertThrows(InvalidRequest.class, () -> flow().issue(account,
                request(KeyType.EC_P256, "selfcheck-fails.exacme.test"), new Http01Solver(listener(), Optional.of(selfCheck))));
        assertTrue(refusal.getMessage().contains("Self-check for selfcheck-fails.exacme.test"), refusal.getMessage());
        assertTrue(events.stream().noneMatch(ProgressEvent.Validating.class::isInstance), "no challenge was triggered");
        var orderUrl = events.stream().filter(ProgressEvent.OrderCreated.class::isInstance)
                .map(event -> ((ProgressEvent.OrderCreated) event).location()).findFirst().orElseThrow();
        var order = account.login().bindOrder(orderUrl);
        order.fetch();
        assertTrue(order.getStatus() != org.shredzone.acme4j.Status.PENDING, order.getStatus().name());
        assertListenerClosed();
    }

    @Test
    void aFailedValidationNamesTheNameAndWhatTheCaSaw() throws Exception {
        // The listener answers on another port than the one Pebble checks: nobody answers there.
        var wrongPort = Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), 0);
        var failure = assertThrows(CaRefused.class,
                () -> flow().issue(account, request(KeyType.EC_P256, "unreachable.exacme.test"), new Http01Solver(wrongPort)));
        assertTrue(failure.getMessage().contains("unreachable.exacme.test"), failure.getMessage());
        assertTrue(failure.getMessage().contains("connection") || failure.getMessage().contains("Connection"),
                "the CA's view of the failure is passed on: " + failure.getMessage());
        assertEquals(Optional.of("unreachable.exacme.test"), failure.problem().identifier());
        assertListenerClosed(wrongPort.port());
    }

    private static void assertListenerClosed() {
        assertListenerClosed(PEBBLE.httpChallengePort());
    }

    private static void assertListenerClosed(int port) {
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "the HTTP-01 listener is stopped once the order is done");
    }
}
