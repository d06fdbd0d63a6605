package dev.exacme.lifecycle.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * A Windows program's arguments, given as one string, split into the separate arguments the
 * program sees. Both win-acme (a script's parameters) and Certify The Web (a program's
 * {@code args}) hand the string to {@code Process.Start}, so the program splits it itself, by
 * the rules of the Microsoft C runtime ("Parsing C++ command-line arguments"), which
 * {@code CommandLineToArgvW} and .NET (also on Linux, for simple-acme) follow too:
 * <ul>
 * <li>a space or a tab outside double quotes separates arguments; any other character,
 *     a line break too, is part of one;</li>
 * <li>double quotes are removed and make what they enclose part of one argument; they can
 *     stand inside an argument ({@code a"b c"d} is {@code ab cd}); inside them a pair of
 *     double quotes is one literal quote and the quoting goes on ({@code "a ""b"" c"} is
 *     {@code a "b" c}); an unclosed quote runs to the end;</li>
 * <li>{@code 2n} backslashes before a quote are {@code n} backslashes and the quote opens or
 *     closes, {@code 2n+1} are {@code n} backslashes and a literal quote; backslashes before
 *     anything else are literal ({@code C:\dir\}).</li>
 * </ul>
 * The string holds arguments only, never the program's name, which has rules of its own.
 */
public final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    /** The arguments of {@code text}, in order; {@code ""} is an empty argument. */
    public static List<String> split(String text) {
        var arguments = new ArrayList<String>();
        int i = 0;
        while (true) {
            while (i < text.length() && blank(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                return arguments;
            }
            var argument = new StringBuilder();
            i = readArgument(text, i, argument);
            arguments.add(argument.toString());
        }
    }

    /** Reads the argument that starts at {@code start} into {@code argument}; returns where it ends. */
    private static int readArgument(String text, int start, StringBuilder argument) {
        var inQuotes = false;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                int backslashes = 0;
                while (i < text.length() && text.charAt(i) == '\\') {
                    backslashes++;
                    i++;
                }
                var beforeQuote = i < text.length() && text.charAt(i) == '"';
                argument.append("\\".repeat(beforeQuote ? backslashes / 2 : backslashes));
                if (beforeQuote && backslashes % 2 == 1) {
                    argument.append('"');
                    i++;
                }
            } else if (c == '"' && inQuotes && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                argument.append('"');
                i += 2;
            } else if (c == '"') {
                inQuotes = !inQuotes;
                i++;
            } else if (blank(c) && !inQuotes) {
                return i;
            } else {
                argument.append(c);
                i++;
            }
        }
        return i;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }
}
