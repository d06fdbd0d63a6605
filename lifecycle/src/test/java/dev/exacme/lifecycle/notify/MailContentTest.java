package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subjects and bodies of notification mail. */
class MailContentTest {

    private static Notification run(CertificateOutcome... outcomes) {
        return new Notification("exchange01.corp.example", Instant.parse("2025-03-01T03:00:00Z"), List.of(outcomes),
                false);
    }

    @Test
    void subjectCountsFailures() {
        var notification = run(CertificateOutcome.failed("mail", "x"),
                CertificateOutcome.renewed("owa", "AB", "2025-05-30T00:00:00Z"),
                CertificateOutcome.notDue("autodiscover", "CD", "2025-04-01T00:00:00Z"));
        assertEquals("exacme: 1 of 3 certificates failed to renew on exchange01.corp.example",
                MailContent.subject(notification));
    }

    @Test
    void subjectOfASuccessfulRun() {
        assertEquals("exacme: 3 certificates renewed on exchange01.corp.example", MailContent.subject(run(
                CertificateOutcome.renewed("a", null, null), CertificateOutcome.renewed("b", null, null),
                CertificateOutcome.renewed("c", null, null))));
        assertEquals("exacme: 1 certificate renewed on exchange01.corp.example (1 not due)", MailContent.subject(run(
                CertificateOutcome.renewed("a", null, null), CertificateOutcome.notDue("b", null, null))));
        assertEquals("exacme: no certificate due for renewal on exchange01.corp.example (1 certificate checked)",
                MailContent.subject(run(CertificateOutcome.notDue("b", null, null))));
    }

    @Test
    void bodyListsReasonsAndRetryCommandsOfFailuresOnly() {
        var body = MailContent.body(run(CertificateOutcome.failed("mail", "CA said: rateLimited\nRetry-After 3600"),
                CertificateOutcome.failed("web site", null),
                CertificateOutcome.renewed("owa", "AB", "2025-05-30T00:00:00Z")));
        assertTrue(body.contains("  mail:\n    CA said: rateLimited\n    Retry-After 3600\n"), body);
        assertTrue(body.contains("  web site:\n    (no reason recorded)\n"), body);
        assertTrue(body.contains("  exacme renew mail --force\n  exacme renew 'web site' --force\n"), body);
        assertFalse(body.contains("exacme renew owa"), body);
    }

    @Test
    void aRunWithoutFailuresHasNoRetrySection() {
        var body = MailContent.body(run(CertificateOutcome.renewed("owa", "AB", "2025-05-30T00:00:00Z")));
        assertFalse(body.contains("retry"), body);
        assertTrue(body.contains("owa          renewed  2025-05-30T00:00:00Z  AB\n"), body);
    }

    @Test
    void testNotificationSaysItIsATest() {
        var notification = Notification.test("exchange01");
        assertEquals("exacme: test notification from exchange01", MailContent.subject(notification));
        assertTrue(MailContent.body(notification).startsWith("This is a test notification"));
    }

    @Test
    void retryCommandQuotesNamesAShellWouldSplit() {
        assertEquals("exacme renew mail.example.com --force", Notification.retryCommand("mail.example.com"));
        assertEquals("exacme renew 'it'\\''s' --force", Notification.retryCommand("it's"));
    }
}
