package dev.exacme.lifecycle.notify.windows.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * advapi32.dll's {@code ReportEventW}, declared with the widths of {@code winbase.h}:
 * jna-platform's {@code Advapi32.ReportEvent} passes its three {@code WORD} arguments as 32-bit
 * {@code int}s. {@code RegisterEventSource} and {@code DeregisterEventSource} come from
 * jna-platform, whose declarations agree with the header.
 */
public interface EventLogApi extends StdCallLibrary {

    /** The loaded advapi32.dll. */
    EventLogApi INSTANCE = Native.load("advapi32", EventLogApi.class, W32APIOptions.UNICODE_OPTIONS);

    /**
     * {@code BOOL ReportEventW(HANDLE hEventLog, WORD wType, WORD wCategory, DWORD dwEventID,
     * PSID lpUserSid, WORD wNumStrings, DWORD dwDataSize, LPCWSTR *lpStrings, LPVOID lpRawData)}.
     */
    boolean ReportEventW(HANDLE hEventLog, short wType, short wCategory, int dwEventID, Pointer lpUserSid,
            short wNumStrings, int dwDataSize, String[] lpStrings, Pointer lpRawData);
}
