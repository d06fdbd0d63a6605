package dev.exacme.lifecycle.network.windows;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinReg;
import dev.exacme.lifecycle.network.WinHttpReader;
import dev.exacme.lifecycle.network.WinHttpSettings;
import java.util.Optional;

/**
 * Reads {@code WinHttpSettings} from the machine's registry through jna-platform's
 * registry functions; the decoding is {@link WinHttpSettings}'s, tested on Linux. Not yet
 * run on Windows.
 */
public final class RegistryWinHttpReader implements WinHttpReader {

    static final String KEY = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";
    static final String VALUE = "WinHttpSettings";

    @Override
    public Optional<WinHttpSettings> read() {
        try {
            if (!Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, KEY, VALUE)) {
                return Optional.empty();
            }
            return Optional.of(WinHttpSettings.parse(
                    Advapi32Util.registryGetBinaryValue(WinReg.HKEY_LOCAL_MACHINE, KEY, VALUE)));
        } catch (Win32Exception e) {
            // No WinHTTP proxy can be read: the next source (direct) applies, as for WinHTTP itself.
            return Optional.empty();
        }
    }
}
