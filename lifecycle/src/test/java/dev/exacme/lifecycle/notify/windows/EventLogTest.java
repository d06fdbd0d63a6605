package dev.exacme.lifecycle.notify.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.exacme.lifecycle.notify.EventLogEntries;
import dev.exacme.lifecycle.notify.EventLogEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Real ReportEvent into the Application log; runs only on Windows (tag {@code windows}). */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
class EventLogTest {

    @Test
    void writesATestEntry() throws Exception {
        var log = EventLog.open();
        log.write(new EventLogEntry(EventLogEntries.TEST, EventLogEntry.Type.INFORMATION,
                "exacme EventLogTest entry; safe to ignore."));
        assertFalse(log.describeSource().isBlank());
    }
}
