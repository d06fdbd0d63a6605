package dev.exacme.lifecycle.notify;

import java.io.IOException;

/** Writes entries to the Windows Event Log; {@link dev.exacme.lifecycle.notify.windows.EventLog} does it for real. */
public interface EventLogWriter {

    /**
     * Writes one entry under source {@value EventLogEntries#SOURCE}.
     *
     * @throws IOException if Windows refused it
     */
    void write(EventLogEntry entry) throws IOException;

    /** A note on how the source is set up (registered or not), for reports. */
    String describeSource();
}
