package dev.exacme.cli.output;

import java.util.Map;
import java.util.OptionalInt;

/**
 * How wide the text output may be: the {@code COLUMNS} environment variable when it is set to
 * a sensible number, otherwise no limit. Java cannot ask a terminal its size portably, and
 * starting {@code stty} or {@code mode con} for it would cost a process per command; shells
 * keep {@code COLUMNS} current but export it only when asked ({@code export COLUMNS}).
 */
public final class TerminalWidth {

    /** Narrower than this, a table is left as wide as it is: wrapping it would only make it unreadable. */
    static final int NARROWEST = 40;

    private TerminalWidth() {
    }

    /** The width this process was given. */
    public static OptionalInt current() {
        return of(System.getenv());
    }

    /** The width {@code environment} gives, if any. */
    public static OptionalInt of(Map<String, String> environment) {
        var columns = environment.get("COLUMNS");
        if (columns == null || !columns.strip().matches("\\d{1,5}")) {
            return OptionalInt.empty();
        }
        var width = Integer.parseInt(columns.strip());
        return width < NARROWEST ? OptionalInt.empty() : OptionalInt.of(width);
    }
}
