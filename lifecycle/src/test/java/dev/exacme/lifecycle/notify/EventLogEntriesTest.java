package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Which event ID and type each outcome becomes; runs everywhere. */
class EventLogEntriesTest {

    private static final Path WINNT_H = Path.of("/usr/share/mingw-w64/include/winnt.h");

    @Test
    void oneEntryPerRenewedOrFailedCertificateAndOneNotDueSummary() {
        var notification = new Notification("exchange01", Instant.parse("2025-03-01T03:00:00Z"), List.of(
                CertificateOutcome.renewed("owa", "AB12", "2025-05-30T00:00:00Z"),
                CertificateOutcome.failed("mail", "DNS problem: NXDOMAIN"),
                CertificateOutcome.notDue("autodiscover", "CD34", "2025-04-01T00:00:00Z"),
                CertificateOutcome.notDue("smtp", null, null)), false);

        var entries = EventLogEntries.of(notification);

        assertEquals(3, entries.size());
        assertEquals(1000, entries.get(0).eventId());
        assertEquals(EventLogEntry.Type.INFORMATION, entries.get(0).type());
        assertEquals("Certificate 'owa' was renewed on exchange01. Thumbprint: AB12. Expires: 2025-05-30T00:00:00Z.",
                entries.get(0).message());
        assertEquals(1001, entries.get(1).eventId());
        assertEquals(EventLogEntry.Type.ERROR, entries.get(1).type());
        assertEquals("Certificate 'mail' failed to renew on exchange01.\r\nReason: DNS problem: NXDOMAIN\r\n"
                + "The certificate in service stays in place. To retry after fixing the cause, run: "
                + "exacme renew mail --force", entries.get(1).message());
        assertEquals(1002, entries.get(2).eventId());
        assertEquals(EventLogEntry.Type.INFORMATION, entries.get(2).type());
        assertEquals("2 certificates are not due for renewal on exchange01: autodiscover (expires "
                + "2025-04-01T00:00:00Z), smtp.", entries.get(2).message());
    }

    @Test
    void aRunWithNothingDueWritesOnlyTheSummary() {
        var entries = EventLogEntries.of(new Notification("h", Instant.now(),
                List.of(CertificateOutcome.notDue("a", null, null)), false));
        assertEquals(List.of(1002), entries.stream().map(EventLogEntry::eventId).toList());
    }

    @Test
    void theTestWritesEvent1003() {
        var entries = EventLogEntries.of(Notification.test("h"));
        assertEquals(1, entries.size());
        assertEquals(1003, entries.get(0).eventId());
        assertEquals(EventLogEntry.Type.INFORMATION, entries.get(0).type());
    }

    @Test
    void channelWritesEveryEntryAndNamesTheIds() throws Exception {
        var written = new ArrayList<EventLogEntry>();
        var channel = new EventLogChannel(new EventLogWriter() {
            @Override
            public void write(EventLogEntry entry) {
                written.add(entry);
            }

            @Override
            public String describeSource() {
                return "source registered";
            }
        });
        var result = channel.send(new Notification("h", Instant.now(), List.of(
                CertificateOutcome.failed("a", "x"), CertificateOutcome.renewed("b", null, null)), false));
        assertEquals(List.of(1001, 1000), written.stream().map(EventLogEntry::eventId).toList());
        assertEquals("wrote 2 entries (event IDs 1001, 1000) to the Application log, source exacme; "
                + "source registered", result);
    }

    @Test
    void typesMatchTheWindowsSdk() throws Exception {
        if (!Files.isRegularFile(WINNT_H)) {
            Programs.unavailable(WINNT_H + " is missing; install it with: apt-get install mingw-w64-common");
        }
        var header = Files.readString(WINNT_H);
        for (var type : EventLogEntry.Type.values()) {
            var matcher = Pattern.compile("#define EVENTLOG_" + type.name() + "_TYPE\\s+(0x[0-9A-Fa-f]+)")
                    .matcher(header);
            assertTrue(matcher.find(), type.name());
            assertEquals(Integer.decode(matcher.group(1)), type.nativeValue(), type.name());
        }
    }
}
