package dev.exacme.lifecycle.importing.winacme;

import dev.exacme.lifecycle.importing.WindowsCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * win-acme's {@code ScriptParameters}, one string, as the separate arguments exacme passes.
 * win-acme hands the string on whole ({@code ScriptClient}): for a {@code .ps1} it becomes
 * PowerShell code, {@code powershell -command "&{&'SCRIPT' PARAMETERS; exit $LastExitCode}"},
 * so it is split as PowerShell splits command arguments; for anything else it is the process's
 * command line, split as Windows programs and .NET split theirs ({@code CommandLineToArgvW}
 * rules, which .NET also follows on Linux for simple-acme's {@code .sh}).
 *
 * <p>PowerShell: blanks separate; {@code '...'} is literal with {@code ''} for a quote;
 * {@code "..."} takes {@code ""} or {@code `"} for a quote and backtick escapes; outside quotes
 * a backtick takes the next character as it is. What PowerShell would evaluate ({@code $x},
 * {@code (...)}, {@code @(...)}, a script block, {@code ;}, {@code |}, a comment, an unquoted
 * list {@code a,b}) is kept as text and reported, since exacme runs the script with
 * {@code -File}, where every argument is text.
 *
 * <p>Command line: {@link WindowsCommandLine}'s rules; single quotes are no quotes there, which
 * is reported.
 *
 * <p>win-acme replaces its placeholders before the string is parsed, so a value with a blank
 * (a friendly name, a path) unquoted became several arguments there; here a placeholder is one
 * argument's text, which is what such a script meant.
 */
final class ScriptArguments {

    /** A win-acme placeholder, which is text for the parser (it is replaced before PowerShell sees it). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:[A-Za-z0-9]+|vault://[^}]*)}");

    /** How a script's parameters are parsed. */
    enum Dialect {
        /** A {@code .ps1}, run through {@code powershell -command}. */
        POWERSHELL,
        /** Anything else: the process's command line. */
        COMMAND_LINE;

        /** The dialect of a script path. */
        static Dialect of(String program) {
            return program.toLowerCase(Locale.ROOT).endsWith(".ps1") ? POWERSHELL : COMMAND_LINE;
        }
    }

    /**
     * The arguments, and what of the text does not carry over.
     *
     * @param arguments the arguments
     * @param problems  PowerShell syntax kept as text, an unterminated quote
     */
    record Split(List<String> arguments, List<String> problems) {
        /** Copies the lists. */
        Split {
            arguments = List.copyOf(arguments);
            problems = List.copyOf(problems);
        }
    }

    private ScriptArguments() {
    }

    /** The arguments of a parameter string. */
    static Split split(String text, Dialect dialect) {
        return dialect == Dialect.POWERSHELL ? powerShell(text) : commandLine(text);
    }

    private static Split commandLine(String text) {
        var arguments = WindowsCommandLine.split(text);
        var problems = new ArrayList<String>();
        if (arguments.stream().anyMatch(argument -> argument.length() > 1 && argument.startsWith("'")
                && argument.endsWith("'"))) {
            problems.add("single quotes are no quotes on a command line; win-acme passed them on, and so does exacme");
        }
        return new Split(arguments, problems);
    }

    private static Split powerShell(String text) {
        var arguments = new ArrayList<String>();
        var problems = new ArrayList<String>();
        var current = new StringBuilder();
        var inArgument = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inArgument) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
                i++;
                continue;
            }
            var placeholder = PLACEHOLDER.matcher(text).region(i, text.length());
            if (placeholder.lookingAt()) {
                current.append(placeholder.group());
                inArgument = true;
                i = placeholder.end();
                continue;
            }
            if (c == '\'') {
                int end = i + 1;
                var quoted = new StringBuilder();
                var closed = false;
                while (end < text.length()) {
                    if (text.charAt(end) == '\'') {
                        if (end + 1 < text.length() && text.charAt(end + 1) == '\'') {
                            quoted.append('\'');
                            end += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    quoted.append(text.charAt(end));
                    end++;
                }
                if (!closed) {
                    problems.add("a single quote is not closed; the rest of the text is one argument");
                }
                current.append(quoted);
                inArgument = true;
                i = closed ? end + 1 : text.length();
                continue;
            }
            if (c == '"') {
                int end = i + 1;
                var closed = false;
                while (end < text.length()) {
                    char d = text.charAt(end);
                    if (d == '`' && end + 1 < text.length()) {
                        current.append(backtickEscape(text.charAt(end + 1)));
                        end += 2;
                        continue;
                    }
                    if (d == '"') {
                        if (end + 1 < text.length() && text.charAt(end + 1) == '"') {
                            current.append('"');
                            end += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (d == '$' && end + 1 < text.length() && isExpressionStart(text.charAt(end + 1))
                            && !PLACEHOLDER.matcher(text).region(end + 1, text.length()).lookingAt()) {
                        problems.add("PowerShell would expand " + text.substring(end, Math.min(text.length(),
                                end + 12)) + "... inside double quotes");
                    }
                    current.append(d);
                    end++;
                }
                if (!closed) {
                    problems.add("a double quote is not closed; the rest of the text is one argument");
                }
                inArgument = true;
                i = closed ? end + 1 : text.length();
                continue;
            }
            if (c == '`') {
                if (i + 1 < text.length()) {
                    current.append(text.charAt(i + 1));
                }
                inArgument = true;
                i += 2;
                continue;
            }
            if ("$(){};|&@#".indexOf(c) >= 0 && !(c == '#' && inArgument)) {
                problems.add("'" + c + "' is PowerShell syntax (a variable, an expression, a script block, a"
                        + " statement separator or a comment)");
            } else if (c == ',') {
                problems.add("an unquoted comma makes a PowerShell list; exacme passes the text with the comma");
            }
            current.append(c);
            inArgument = true;
            i++;
        }
        if (inArgument) {
            arguments.add(current.toString());
        }
        return new Split(arguments, problems.stream().distinct().toList());
    }

    private static boolean isExpressionStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '{' || c == '(';
    }

    private static char backtickEscape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> c;
        };
    }
}
