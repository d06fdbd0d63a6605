package dev.exacme.exchange.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.store.Thumbprint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupersededCertificatesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static ExchangeCertificate certificate(String hex, String issuer, int daysLeft, boolean selfSigned,
                                                   Set<ExchangeService> services, String... names) {
        return new ExchangeCertificate(Thumbprint.parse(hex.repeat(40 / hex.length())), services, "Valid",
                NOW.plus(daysLeft, ChronoUnit.DAYS), "CN=" + names[0], issuer, selfSigned, "", List.of(names), false);
    }

    @Test
    void onlyUnusedOlderCertificatesForTheSameNamesGoAndOnlyAfterTheGracePeriod() {
        var current = certificate("A", "CN=R11, O=Let's Encrypt, C=US", 90, false, Set.of(ExchangeService.IIS),
                "mail.contoso.com");
        var unused = certificate("B", "CN=R10, O=Let's Encrypt, C=US", 30, false, Set.of(), "mail.contoso.com");
        var stillSmtp = certificate("C", "CN=R10, O=Let's Encrypt, C=US", 20, false, Set.of(ExchangeService.SMTP),
                "mail.contoso.com");
        var bound = certificate("D", "CN=R12, O=Let's Encrypt, C=US", 10, false, Set.of(), "mail.contoso.com");
        var named = certificate("E", "CN=E5, O=Let's Encrypt, C=US", 5, false, Set.of(), "mail.contoso.com");
        var selfSigned = certificate("F", "CN=EX01", 10, true, Set.of(), "mail.contoso.com");
        var otherNames = certificate("1", "CN=R10, O=Let's Encrypt, C=US", 10, false, Set.of(), "intranet.contoso.com");
        var auth = certificate("2", "CN=R10, O=Let's Encrypt, C=US", 10, false, Set.of(), "mail.contoso.com");
        var installed = List.of(current, unused, stillSmtp, bound, named, selfSigned, otherNames, auth);
        var bindings = List.of(new WebBinding("Intranet", "*", 8443, "", Optional.of(bound.thumbprint()), false));
        var connectors = List.of(new Connector(Connector.Kind.SEND, "Partner",
                Optional.of(new TlsCertificateName("CN=E5, O=Let's Encrypt, C=US", "CN=mail.contoso.com"))));

        var early = SupersededCertificates.decide(current, installed, bindings, connectors, Optional.of(auth.thumbprint()),
                Duration.ofDays(7), NOW.minus(2, ChronoUnit.DAYS), NOW);
        assertEquals(List.of("B false kept until 2026-11-30T12:00:00Z (--keep-old)",
                "C false still enabled for Exchange services",
                "D false still bound to IIS site 'Intranet' *:8443:",
                "E false still named by send connector 'Partner'"),
                early.stream().map(decision -> decision.thumbprint().hex().charAt(0) + " " + decision.remove() + " "
                        + decision.reason()).toList());

        var later = SupersededCertificates.decide(current, installed, bindings, connectors, Optional.of(auth.thumbprint()),
                Duration.ofDays(7), NOW.minus(8, ChronoUnit.DAYS), NOW);
        assertEquals(List.of(unused.thumbprint()), later.stream().filter(SupersededCertificates.Decision::remove)
                .map(SupersededCertificates.Decision::thumbprint).toList());
    }
}
