package dev.exacme.acme.dns;

import static dev.exacme.acme.testing.IssuedChains.assertChainsTo;
import static dev.exacme.acme.testing.IssuedChains.assertNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.dns.rfc2136.Rfc2136Provider;
import dev.exacme.acme.dns.rfc2136.Rfc2136Settings;
import dev.exacme.acme.dns.rfc2136.Rfc2136Settings.TsigKey;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.testing.BindExtension;
import dev.exacme.acme.testing.PebbleExtension;
import java.io.IOException;
import org.shredzone.acme4j.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DNS-01 end to end: a real BIND updated over RFC 2136 with TSIG, and a real Pebble resolving through it. */
class Dns01PebbleTest {

    @RegisterExtension
    static final BindExtension BIND = new BindExtension();

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().dnsServer("127.0.0.1:53").build();

    @TempDir
    Path config;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private AccountLogin account;

    @BeforeEach
    void registerAccount() throws Exception {
        account = new Accounts(PEBBLE.connect(), new AccountStore(config), events::add)
                .login(new AccountSettings(List.of(), true, Optional.empty()));
    }

    private Dns01Solver solver(String secret) throws Exception {
        var provider = new Rfc2136Provider(new Rfc2136Settings(BIND.address(),
                Optional.of(new TsigKey(BindExtension.KEY_NAME, "hmac-sha256", secret)), Duration.ofSeconds(60),
                Duration.ofSeconds(5)));
        var dns = new DnsResolution(List.of(BIND.address()), Duration.ofSeconds(2));
        var propagation = new Propagation(dns, PollingPolicy.DEFAULT.withTimeout(Duration.ofSeconds(20)),
                Clock.systemUTC(), Poller.Sleeper.REAL, events::add);
        return new Dns01Solver(provider, dns, propagation, Optional.empty(), events::add);
    }

    private OrderFlow flow() {
        return new OrderFlow(PEBBLE.connect(), new Poller(PollingPolicy.DEFAULT, events::add), events::add);
    }

    private static CertificateRequest request(String... names) throws Exception {
        return new CertificateRequest(CertificateRequest.parseNames(List.of(names)), KeyType.EC_P256,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void wildcardAndApexThroughRfc2136() throws Exception {
        var issued = flow().issue(account, request("*.example.test", "example.test"), solver(BIND.secret()));
        assertNames(issued.leaf(), "*.example.test", "example.test");
        assertChainsTo(issued, PEBBLE.roots());
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.example.test")), "records removed");
        assertEquals(2, events.stream().filter(ProgressEvent.PublishingRecord.class::isInstance).count(),
                "two values, one name: " + events);
    }

    @Test
    void aCnameDelegatesTheRecordToAnotherZone() throws Exception {
        var issued = flow().issue(account, request("alias.example.test"), solver(BIND.secret()));
        assertNames(issued.leaf(), "alias.example.test");
        assertTrue(events.contains(new ProgressEvent.PublishingRecord("alias.challenges.delegated.test.", "rfc2136")),
                events.toString());
        assertEquals(List.of(), BIND.namesWithTxt(List.of("alias.challenges.delegated.test")));
    }

    @Test
    void aWrongTsigSecretIsExplained() throws Exception {
        var wrong = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
        var failure = assertThrows(IOException.class,
                () -> flow().issue(account, request("wrongkey.example.test"), solver(wrong)));
        assertTrue(failure.getMessage().contains("TSIG key '" + BindExtension.KEY_NAME + "'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("NOTAUTH"), failure.getMessage());

        var orderUrl = events.stream().filter(ProgressEvent.OrderCreated.class::isInstance)
                .map(event -> ((ProgressEvent.OrderCreated) event).location()).findFirst().orElseThrow();
        var order = account.login().bindOrder(orderUrl);
        order.fetch();
        // RFC 8555 says invalid; Pebble 2.4 reports deactivated. Either way nothing is left pending.
        assertTrue(Set.of(Status.INVALID, Status.DEACTIVATED).contains(order.getStatus()), order.getStatus().name());
    }
}
