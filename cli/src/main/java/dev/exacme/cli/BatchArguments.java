package dev.exacme.cli;

import dev.exacme.lifecycle.importing.WindowsCommandLine;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The arguments of a run started through {@code exacme.cmd}, as its caller wrote them.
 *
 * <p>A program that starts a {@code .cmd} file (PowerShell, Task Scheduler, anything calling
 * {@code CreateProcess}) really starts {@code cmd.exe /c "..."}, and cmd.exe expands
 * {@code %NAME%} in that command line before the file runs; nothing inside a batch file can
 * undo it, and cmd.exe's command line offers no reliable escape for {@code %}. What cmd.exe
 * keeps is its own command line, unexpanded, in {@code CMDCMDLINE}; {@code exacme.cmd} hands
 * it over as {@value #COMMAND_LINE} (and its own path as {@value #LAUNCHER}).
 *
 * <p>From that line this takes the text after {@code /c} (or {@code /k}), with cmd.exe's
 * documented quote rule applied, checks that it starts this launcher, and then uses the
 * arguments written there only if expanding them the way cmd.exe does in a command line
 * ({@code %NAME%} replaced when NAME is set, left as it is otherwise) and splitting them by
 * the C runtime's rules gives exactly the arguments Java received. Anything it does not
 * reproduce (carets and operators {@code ^ & | < >}, {@code %%}, {@code %NAME:~1%} and
 * {@code %NAME:a=b%}, cmd's dynamic variables such as {@code %RANDOM%}) leaves the arguments
 * as received, which is what exacme did before. At a cmd.exe prompt, where the prompt itself
 * expanded what was typed, {@code CMDCMDLINE} is the prompt's own and has no {@code /c}: the
 * arguments stay as received there too. Not yet run on Windows.
 */
final class BatchArguments {

    /** Set by {@code exacme.cmd}: cmd.exe's {@code CMDCMDLINE}. */
    static final String COMMAND_LINE = "EXACME_CMDLINE";
    /** Set by {@code exacme.cmd}: its own full path. */
    static final String LAUNCHER = "EXACME_LAUNCHER";

    private static final String CMD_SPECIAL = "&<>()@^|";

    private BatchArguments() {
    }

    /** The caller's arguments when {@code environment} shows cmd.exe expanded them, else {@code received}. */
    static String[] recover(String[] received, Map<String, String> environment) {
        var variables = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        variables.putAll(environment);
        var line = variables.get(COMMAND_LINE);
        var launcher = variables.get(LAUNCHER);
        if (line == null || launcher == null || line.indexOf('%') < 0) {
            return received;
        }
        return written(line, launcher).filter(tail -> reproduces(tail, received, variables))
                .map(tail -> WindowsCommandLine.split(tail).toArray(String[]::new)).orElse(received);
    }

    private static boolean reproduces(String tail, String[] received, Map<String, String> variables) {
        if (tail.chars().anyMatch(c -> "^&|<>".indexOf(c) >= 0)) {
            return false;
        }
        return expand(tail, variables).map(expanded -> Arrays.equals(
                WindowsCommandLine.split(expanded).toArray(String[]::new), received)).orElse(false);
    }

    /** The arguments part of {@code cmd.exe ... /c COMMAND ARGUMENTS} when COMMAND is {@code launcher}. */
    static Optional<String> written(String line, String launcher) {
        var i = skipProgram(line);
        var quoteRuleOff = false;
        while (true) {
            i = skipBlanks(line, i);
            if (i + 1 >= line.length() || line.charAt(i) != '/') {
                return Optional.empty();
            }
            var end = i;
            while (end < line.length() && !Character.isWhitespace(line.charAt(end))
                    && (end == i || line.charAt(end) != '/')) {
                end++;
            }
            var option = line.substring(i + 1, end).toLowerCase(Locale.ROOT);
            i = end;
            if (option.equals("s")) {
                quoteRuleOff = true;
            } else if (option.equals("c") || option.equals("k")) {
                break;
            }
        }
        var command = stripQuotes(line.substring(skipBlanks(line, i)), quoteRuleOff);
        String program;
        int after;
        if (command.startsWith("\"")) {
            var close = command.indexOf('"', 1);
            if (close < 0) {
                return Optional.empty();
            }
            program = command.substring(1, close);
            after = close + 1;
        } else {
            after = 0;
            while (after < command.length() && !Character.isWhitespace(command.charAt(after))) {
                after++;
            }
            program = command.substring(0, after);
        }
        if (!startsLauncher(program, launcher)) {
            return Optional.empty();
        }
        if (after < command.length() && !Character.isWhitespace(command.charAt(after))) {
            return Optional.empty();
        }
        return Optional.of(command.substring(after));
    }

    /**
     * cmd.exe's rule ({@code cmd /?}): quotes stay when there is no {@code /S}, exactly two of
     * them, no special character and some whitespace between them, and what they enclose names
     * a program; otherwise a leading quote and the last quote on the line are removed.
     */
    private static String stripQuotes(String command, boolean quoteRuleOff) {
        var quotes = command.chars().filter(c -> c == '"').count();
        if (!quoteRuleOff && quotes == 2) {
            var open = command.indexOf('"');
            var close = command.indexOf('"', open + 1);
            var inside = command.substring(open + 1, close);
            var lower = inside.toLowerCase(Locale.ROOT);
            if (inside.chars().noneMatch(c -> CMD_SPECIAL.indexOf(c) >= 0) && inside.chars().anyMatch(c -> c == ' ')
                    && (lower.endsWith(".cmd") || lower.endsWith(".bat") || lower.endsWith(".exe"))) {
                return command;
            }
        }
        if (command.startsWith("\"")) {
            var last = command.lastIndexOf('"');
            return last == 0 ? command.substring(1) : command.substring(1, last) + command.substring(last + 1);
        }
        return command;
    }

    private static boolean startsLauncher(String program, String launcher) {
        var name = fileName(program).toLowerCase(Locale.ROOT);
        var own = fileName(launcher).toLowerCase(Locale.ROOT);
        var base = own.contains(".") ? own.substring(0, own.lastIndexOf('.')) : own;
        return name.equals(own) || name.equals(base);
    }

    private static String fileName(String path) {
        var cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    /**
     * {@code text} with {@code %NAME%} expanded as cmd.exe does in a command line (not a batch
     * file): a set variable is replaced, an unset one left with its percent signs. Empty for
     * what this does not reproduce: {@code %%} and {@code %NAME:...%}.
     */
    static Optional<String> expand(String text, Map<String, String> variables) {
        var out = new StringBuilder();
        var i = 0;
        while (i < text.length()) {
            var c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            var close = text.indexOf('%', i + 1);
            if (close < 0) {
                out.append(text, i, text.length());
                break;
            }
            var name = text.substring(i + 1, close);
            if (name.isEmpty() || name.indexOf(':') >= 0) {
                return Optional.empty();
            }
            var value = variables.get(name);
            if (value != null) {
                out.append(value);
                i = close + 1;
            } else {
                // unset: "%NAME" stays, and the closing % may open the next reference
                out.append(text, i, close);
                i = close;
            }
        }
        return Optional.of(out.toString());
    }

    private static int skipProgram(String line) {
        var i = skipBlanks(line, 0);
        if (i < line.length() && line.charAt(i) == '"') {
            var close = line.indexOf('"', i + 1);
            return close < 0 ? line.length() : close + 1;
        }
        while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '/') {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String line, int from) {
        var i = from;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
