package dev.exacme.cli.guided;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line as a person would type it: {@code exacme} and the arguments, an argument with
 * spaces or shell characters in double quotes (which both cmd.exe and POSIX shells read as one
 * argument for the values exacme's options take).
 */
public final class CommandText {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@%+=:,./\\\\_-]+");

    private CommandText() {
    }

    /** {@code exacme ARG...}. */
    public static String of(List<String> arguments) {
        var text = new StringBuilder("exacme");
        for (var argument : arguments) {
            text.append(' ').append(PLAIN.matcher(argument).matches() ? argument
                    : "\"" + argument.replace("\"", "\\\"") + "\"");
        }
        return text.toString();
    }
}
