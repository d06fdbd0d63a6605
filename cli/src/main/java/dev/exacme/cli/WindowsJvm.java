package dev.exacme.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a 32-bit JVM on Windows before any command runs. Every Windows-only part of exacme is
 * reached through {@link Main#run}, so this is the one place that says no, with the reason,
 * instead of failing later and obscurely: a 32-bit process starts the 32-bit
 * {@code powershell.exe} of SysWOW64, where the (64-bit only) Exchange snap-in and IIS
 * {@code WebAdministration} module do not load, sees the 32-bit views of {@code System32} and
 * of the registry, and calls {@code httpapi.dll} and the other bound functions with
 * declarations, calling convention and structure layouts made and checked for x64 only.
 * Elsewhere the width of the JVM does not matter to exacme.
 */
final class WindowsJvm {

    /** The {@code os.arch} values of 32-bit JVMs. */
    private static final Set<String> THIRTY_TWO_BIT = Set.of("x86", "i386", "i486", "i586", "i686", "arm");

    private WindowsJvm() {
    }

    /** Why exacme refuses to run in a JVM with these system properties, if it does. */
    static Optional<String> refusal(Map<String, String> properties) {
        var os = properties.getOrDefault("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Optional.empty();
        }
        var arch = properties.getOrDefault("os.arch", "");
        var model = properties.getOrDefault("sun.arch.data.model", "");
        if (!THIRTY_TWO_BIT.contains(arch.toLowerCase(Locale.ROOT)) && !model.equals("32")) {
            return Optional.empty();
        }
        var home = properties.getOrDefault("java.home", "");
        return Optional.of("exacme needs a 64-bit Java on Windows, and this one is 32-bit (os.arch " + arch
                + (home.isEmpty() ? "" : ", " + home) + "). A 32-bit process would start the 32-bit powershell.exe,"
                + " which cannot load the Exchange and IIS modules, and would call httpapi.dll and the other"
                + " Windows functions exacme uses with declarations made for x64 only. Install a 64-bit Java 17"
                + " or newer (for example Eclipse Temurin x64, https://adoptium.net) and run exacme with it.");
    }

    /** {@link #refusal} for this JVM. */
    static Optional<String> refusal() {
        return refusal(Map.of(
                "os.name", System.getProperty("os.name", ""),
                "os.arch", System.getProperty("os.arch", ""),
                "sun.arch.data.model", System.getProperty("sun.arch.data.model", ""),
                "java.home", System.getProperty("java.home", "")));
    }
}
