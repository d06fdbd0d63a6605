package dev.exacme.acme.network;

import java.time.Duration;

/** Limits in the words messages use: "1 MiB", "2 s", "1500 ms". */
final class Sizes {

    private static final long KIB = 1024;
    private static final long MIB = KIB * KIB;

    private Sizes() {
    }

    static String words(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }

    static String words(Duration duration) {
        var millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + " ms";
        }
        var seconds = millis / 1000;
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
