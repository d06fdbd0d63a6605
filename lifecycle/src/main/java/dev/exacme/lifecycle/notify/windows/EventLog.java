package dev.exacme.lifecycle.notify.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import dev.exacme.lifecycle.notify.EventLogEntries;
import dev.exacme.lifecycle.notify.EventLogEntry;
import dev.exacme.lifecycle.notify.EventLogWriter;
import dev.exacme.lifecycle.notify.windows.jna.EventLogApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes to the Application log through jna-platform's {@code RegisterEventSource} and
 * {@code DeregisterEventSource} and {@link EventLogApi#ReportEventW}, source
 * {@value EventLogEntries#SOURCE}, the event IDs of {@link EventLogEntries}. Each entry has
 * one insertion string, the whole text.
 *
 * <p>The source: Windows takes entries for a source nobody registered, under that source
 * name, in the Application log; Event Viewer then prefixes the text with "The description
 * for Event ID ... cannot be found", but the text, source and ID are there for monitoring.
 * To avoid that prefix, {@link #open()} registers the source once if it can (that needs
 * administrator rights; the scheduled renewal runs as SYSTEM): the key
 * {@code HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\exacme} with
 * {@code EventMessageFile} pointing at the .NET Framework's {@code EventLogMessages.dll},
 * whose every message is {@code %1}, as .NET's {@code EventLog.CreateEventSource} does. If
 * it cannot, exacme still writes under source {@code exacme} and says so in its report.
 *
 * <p>Not yet run on Windows.
 */
public final class EventLog implements EventLogWriter {

    /** The registry key of the source under {@code HKEY_LOCAL_MACHINE}. */
    public static final String SOURCE_KEY = "SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\"
            + EventLogEntries.SOURCE;
    // ReportEvent takes at most 31,839 characters per insertion string.
    private static final int MAX_MESSAGE = 31_000;

    private final String sourceNote;

    private EventLog(String sourceNote) {
        this.sourceNote = sourceNote;
    }

    /** The Event Log, with the source registered if it was not and this process may do it. */
    public static EventLog open() {
        try {
            if (Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, SOURCE_KEY)) {
                return new EventLog("source registered");
            }
            var messageFile = messageFile(Optional.ofNullable(System.getenv("SystemRoot")).orElse("C:\\Windows"));
            if (messageFile.isEmpty()) {
                return new EventLog("source not registered (no .NET Framework EventLogMessages.dll found)");
            }
            Advapi32Util.registryCreateKey(WinReg.HKEY_LOCAL_MACHINE, SOURCE_KEY);
            Advapi32Util.registrySetExpandableStringValue(WinReg.HKEY_LOCAL_MACHINE, SOURCE_KEY, "EventMessageFile",
                    messageFile.get());
            return new EventLog("source registered now");
        } catch (Win32Exception e) {
            return new EventLog("source not registered (" + e.getMessage()
                    + "; run once as administrator to register it)");
        }
    }

    /** The .NET Framework's generic message file under {@code systemRoot}, 64-bit first, if installed. */
    static Optional<String> messageFile(String systemRoot) {
        for (var framework : List.of("Framework64", "Framework")) {
            var file = Path.of(systemRoot, "Microsoft.NET", framework, "v4.0.30319", "EventLogMessages.dll");
            if (Files.isRegularFile(file)) {
                return Optional.of("%SystemRoot%\\Microsoft.NET\\" + framework + "\\v4.0.30319\\EventLogMessages.dll");
            }
        }
        return Optional.empty();
    }

    @Override
    public void write(EventLogEntry entry) throws IOException {
        var handle = Advapi32.INSTANCE.RegisterEventSource(null, EventLogEntries.SOURCE);
        if (handle == null) {
            throw new IOException("RegisterEventSource(" + EventLogEntries.SOURCE + ") failed: "
                    + describe(Native.getLastError()));
        }
        try {
            var message = entry.message().length() > MAX_MESSAGE
                    ? entry.message().substring(0, MAX_MESSAGE) + "…" : entry.message();
            if (!EventLogApi.INSTANCE.ReportEventW(handle, (short) entry.type().nativeValue(), (short) 0,
                    entry.eventId(), null, (short) 1, 0, new String[] {message}, null)) {
                throw new IOException("ReportEvent (event ID " + entry.eventId() + ") failed: "
                        + describe(Native.getLastError()));
            }
        } finally {
            Advapi32.INSTANCE.DeregisterEventSource(handle);
        }
    }

    @Override
    public String describeSource() {
        return sourceNote;
    }

    /**
     * A Win32 error code as text. The code is the one JNA saved right after the failed call
     * ({@link Native#getLastError()}): calling {@code Kernel32.GetLastError} through JNA
     * afterwards reads whatever the JVM and JNA did to the thread's last error in between.
     */
    private static String describe(int code) {
        try {
            return Kernel32Util.formatMessage(code).strip() + " (" + code + ")";
        } catch (RuntimeException e) {
            return "error " + code;
        }
    }
}
