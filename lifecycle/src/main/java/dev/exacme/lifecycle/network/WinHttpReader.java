package dev.exacme.lifecycle.network;

import dev.exacme.lifecycle.network.windows.RegistryWinHttpReader;
import java.util.Locale;
import java.util.Optional;

/** Reads the machine's WinHTTP proxy settings; there are none off Windows. */
@FunctionalInterface
public interface WinHttpReader {

    /** The raw settings, if this machine has them. */
    Optional<WinHttpSettings> read();

    /** The reader for this operating system. */
    static WinHttpReader forThisMachine() {
        var windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? new RegistryWinHttpReader() : Optional::empty;
    }
}
