package dev.exacme.exchange.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void describesItselfForPeople() {
        assertEquals("tls://EX01:443 (SNI mail.contoso.com)",
                Endpoint.withSni("EX01", 443, Protocol.TLS, "mail.contoso.com").describe());
        assertEquals("tls://EX01:443 (no SNI)", Endpoint.withoutSni("EX01", 443, Protocol.TLS).describe());
        assertEquals("smtp+starttls://EX01:25 (no SNI)", Endpoint.withoutSni("EX01", 25, Protocol.SMTP_STARTTLS).describe());
        assertEquals("imap+starttls://[::1]:143 (SNI mail.contoso.com)",
                new Endpoint("::1", 143, Protocol.IMAP_STARTTLS, Optional.of("mail.contoso.com")).describe());
    }

    @Test
    void refusesWhatCannotBeConnectedTo() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.withoutSni("EX01", 0, Protocol.TLS));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.withoutSni("EX01", 65536, Protocol.TLS));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.withoutSni(" ", 443, Protocol.TLS));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.withSni("EX01", 443, Protocol.TLS, "mail contoso"));
        assertThrows(NullPointerException.class, () -> new Endpoint("EX01", 443, Protocol.TLS, null));
    }
}
