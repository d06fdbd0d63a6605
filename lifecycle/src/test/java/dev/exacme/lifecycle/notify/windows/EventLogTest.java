package dev.exacme.lifecycle.notify.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import dev.exacme.lifecycle.notify.EventLogEntries;
import dev.exacme.lifecycle.notify.EventLogEntry;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Real ReportEvent into the Application log, read back through the Event Log's own reading
 * API (jna-platform's {@code ReadEventLog} iterator, newest first); runs only on Windows (tag
 * {@code windows}, run by {@code .github/workflows/windows.yml}). Not yet run on Windows.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class EventLogTest {

    @Test
    void writesATestEntryAndReadsItBack() throws Exception {
        var marker = "exacme EventLogTest entry " + UUID.randomUUID() + "; safe to ignore.";
        var log = EventLog.open();
        log.write(new EventLogEntry(EventLogEntries.TEST, EventLogEntry.Type.INFORMATION, marker));
        assertFalse(log.describeSource().isBlank());

        var found = newest(marker);
        assertTrue(found.isPresent(), "the entry written is in the Application log");
        var record = found.get();
        assertEquals(EventLogEntries.SOURCE, record.getSource());
        assertEquals(EventLogEntries.TEST, record.getEventId() & 0xFFFF);
        assertEquals(WinNT.EVENTLOG_INFORMATION_TYPE, record.getRecord().EventType.intValue());
    }

    /** The newest Application log record of source exacme whose one string is {@code text}. */
    private static Optional<Advapi32Util.EventLogRecord> newest(String text) {
        var records = new Advapi32Util.EventLogIterator(null, "Application", WinNT.EVENTLOG_BACKWARDS_READ);
        try {
            // The entry was just written: it is among the newest, not behind thousands of others.
            for (int seen = 0; records.hasNext() && seen < 5000; seen++) {
                var record = records.next();
                var strings = record.getStrings();
                if (EventLogEntries.SOURCE.equals(record.getSource()) && strings != null && strings.length == 1
                        && text.equals(strings[0])) {
                    return Optional.of(record);
                }
            }
            return Optional.empty();
        } finally {
            records.close();
        }
    }
}
