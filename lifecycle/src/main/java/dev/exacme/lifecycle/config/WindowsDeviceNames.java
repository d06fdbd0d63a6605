package dev.exacme.lifecycle.config;

import java.util.Locale;
import java.util.Set;

/**
 * The names Windows keeps for devices ({@code CON}, {@code NUL}, {@code COM1}...): a file named
 * so, with or without an extension, is the device, not a file. Names that become file names
 * (managed certificates, secrets) are refused when they are one, on every platform, so that a
 * state directory copied to Windows stays usable.
 */
public final class WindowsDeviceNames {

    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8",
            "lpt9");

    private WindowsDeviceNames() {
    }

    /** Whether {@code name} (before its first dot, in any case) is a Windows device name. */
    public static boolean reserved(String name) {
        var dot = name.indexOf('.');
        return RESERVED.contains((dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT));
    }
}
