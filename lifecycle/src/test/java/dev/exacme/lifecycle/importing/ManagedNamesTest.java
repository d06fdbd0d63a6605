package dev.exacme.lifecycle.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The managed names both imports (win-acme, Certify The Web) make from the other tool's names. */
class ManagedNamesTest {

    @Test
    void friendlyNamesBecomeManagedNames() {
        assertEquals(Optional.of("Mail-server"), ManagedNames.cleaned("  Mail server  "));
        assertEquals(Optional.of("Mail-server"), ManagedNames.cleaned("Mail - server"));
        assertEquals(Optional.of("xn--bcher-kva.example"), ManagedNames.cleaned("xn--bcher-kva.example"));
        assertEquals(Optional.of("Bucher-Shop-Koln"), ManagedNames.cleaned("Bücher \"Shop\" <Köln>"));
        assertEquals(Optional.of("Manual-mail.contoso.example"), ManagedNames.cleaned("[Manual] mail.contoso.example"));
        assertEquals(Optional.of("wildcard.contoso.example"), ManagedNames.cleaned("*.contoso.example"));
        assertEquals(Optional.of("C-inetpub-wwwroot"), ManagedNames.cleaned("C:\\inetpub\\wwwroot\\"));
        assertEquals(Optional.empty(), ManagedNames.cleaned("邮件服务器"));
        assertEquals(Optional.empty(), ManagedNames.cleaned("---"));
        assertEquals(Optional.empty(), ManagedNames.cleaned(null));
    }

    @Test
    void managedNamesStayWithinTheRules() {
        // Windows device names cannot be files; NAME.v1 is kept for migrated definitions.
        assertEquals(Optional.of("CON-cert"), ManagedNames.cleaned("CON"));
        assertEquals(Optional.of("nul-cert.txt"), ManagedNames.cleaned("nul.txt"));
        assertEquals(Optional.of("mail-v1"), ManagedNames.cleaned("mail.v1"));
        var longest = ManagedNames.cleaned("x".repeat(100)).orElseThrow();
        assertEquals(64, longest.length());
    }

    @Test
    void punycodeAndDeviceNamesAreKeptRightForEitherTool() {
        // xn-- is punycode only with both hyphens; a device name is whatever stands before the first dot; the
        // suffix that makes it a file name still has to fit in 64 characters.
        var names = new ManagedNames("certify");

        assertEquals("xn--bcher-kva.example", names.reserve("xn--bcher-kva.example"));
        assertEquals("NUL-cert.txt", names.reserve("NUL.txt"));
        assertEquals("COM1-cert." + "y".repeat(54), names.reserve("COM1." + "y".repeat(59)));
    }

    @Test
    void namesAreUniqueWithoutRegardToCaseAndGivenBack() {
        var names = new ManagedNames("win-acme");

        assertEquals("mail", names.reserve("mail"));
        assertEquals("MAIL-2", names.reserve("MAIL"));
        assertEquals("mail-3", names.reserve(null, "mail", "id"));
        // Nothing usable: the next candidate, then the id.
        assertEquals("xn--bcher-kva.example", names.reserve("邮件", "xn--bcher-kva.example"));
        assertEquals("NJ9mrLwBdk6d121A48zNvQ", names.reserve("邮件", null, "NJ9mrLwBdk6d121A48zNvQ"));
        names.release("MAIL-2");
        assertEquals("Mail-2", names.reserve("Mail"));
        var full = names.reserve("y".repeat(64));
        assertEquals(64, full.length());
        assertEquals("y".repeat(62) + "-2", names.reserve("y".repeat(64)));
    }

    @Test
    void theToolsNameWhenNoCandidateGivesOne() {
        var names = new ManagedNames("certify");

        assertEquals("certify", names.reserve("邮件", null, "***"));
        assertEquals("certify-2", names.reserve());
        assertThrows(IllegalArgumentException.class, () -> new ManagedNames("win acme"));
    }
}
