package dev.exacme.acme.pebble;

import dev.exacme.acme.challenge.Http01Solver;
import static dev.exacme.acme.testing.IssuedChains.assertChainsTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.account.AccountStore;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.ca.AcmeCa;


import dev.exacme.acme.http01.Http01Listener;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.testing.PebbleExtension;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pebble offering two alternate chains besides the default: --preferred-chain picks by issuer name. */
class PreferredChainPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().alternateRoots(2).build();

    @TempDir
    Path config;

    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    private AcmeCa ca;
    private AccountLogin account;

    @BeforeEach
    void registerAccount() throws Exception {
        ca = PEBBLE.connect();
        account = new Accounts(ca, new AccountStore(config), events::add)
                .login(new AccountSettings(List.of(), true, Optional.empty()));
    }

    private IssuedCertificate issue(Optional<String> preferred) throws Exception {
        var request = new CertificateRequest(CertificateRequest.parseNames(List.of("chain.exacme.test")),
                KeyType.EC_P256, Optional.empty(), Optional.empty(), preferred);
        return new OrderFlow(ca, new Poller(PollingPolicy.DEFAULT, events::add), events::add).issue(account, request,
                new Http01Solver(Http01Listener.start(List.of(InetAddress.getLoopbackAddress()),
                        PEBBLE.httpChallengePort())));
    }

    private static String commonName(X500Principal principal) {
        var rdns = X500Name.getInstance(principal.getEncoded()).getRDNs(BCStyle.CN);
        return IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }

    private static String topIssuer(IssuedCertificate issued) {
        List<X509Certificate> chain = issued.chain();
        return commonName(chain.get(chain.size() - 1).getIssuerX500Principal());
    }

    @Test
    void picksTheChainUnderTheNamedRoot() throws Exception {
        var roots = PEBBLE.roots();
        assertEquals(3, roots.size(), "Pebble offers the default and two alternates");
        var defaultRoot = topIssuer(issue(Optional.empty()));
        var lastRoot = commonName(roots.get(2).getSubjectX500Principal());
        assertTrue(!lastRoot.equals(defaultRoot), "the alternate has another root than the default");

        var preferred = issue(Optional.of(lastRoot.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(lastRoot, topIssuer(preferred));
        assertChainsTo(preferred, roots);
    }

    /**
     * Pebble's alternate chains carry its intermediate signed by the other roots: cross-signs of
     * the CA the default chain names, which the machine store adds to {@code LocalMachine\CA}.
     */
    @Test
    void theAlternatesCrossSignsOfTheChosenIntermediateAreKept() throws Exception {
        var issued = issue(Optional.empty());
        var intermediate = issued.chain().get(1);

        assertEquals(2, issued.crossSigned().size(), "one per alternate: " + issued.crossSigned());
        for (var crossSign : issued.crossSigned()) {
            assertEquals(intermediate.getSubjectX500Principal(), crossSign.getSubjectX500Principal());
            assertEquals(intermediate.getPublicKey(), crossSign.getPublicKey(), "the same CA, another issuer");
            assertTrue(!crossSign.getIssuerX500Principal().equals(intermediate.getIssuerX500Principal()));
        }
    }

    @Test
    void withoutAMatchTheDefaultChainStaysAndThePersonIsTold() throws Exception {
        var issued = issue(Optional.of("No Such Root X9"));
        assertEquals(commonName(PEBBLE.roots().get(0).getSubjectX500Principal()), topIssuer(issued));
        assertTrue(events.stream().anyMatch(event -> event instanceof ProgressEvent.Notice notice
                && notice.message().contains("No Such Root X9")), events.toString());
    }
}
