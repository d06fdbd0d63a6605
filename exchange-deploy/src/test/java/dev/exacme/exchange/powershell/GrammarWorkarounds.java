package dev.exacme.exchange.powershell;

import java.util.ArrayList;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What is changed in a generated script before {@link PowerShellGrammar} reads it: exactly two
 * constructs that PowerShell accepts and {@code tree-sitter-powershell} 0.26 rejects, and
 * nothing else (both are tested, in {@code GrammarWorkaroundsTest}, to change only those and
 * to be needed by the grammar):
 *
 * <ol>
 *   <li>{@link #parameterNamesWithDigits}: the grammar's {@code command_parameter} token is
 *       {@code -+[a-zA-Z_?\-`]+}, without digits, so {@code -X509CertificateName} does not
 *       parse. Each digit of such a parameter name becomes {@code _} (same length, so
 *       positions stay those of the script).</li>
 *   <li>{@link #selectObjectBarewordLists}: the grammar takes a bareword ({@code generic_token})
 *       as a command argument but not as an element of a list, so
 *       {@code Select-Object Thumbprint, Services} does not parse. Each bareword element of a
 *       list after {@code Select-Object} (or {@code Select-Object -Property}) is put in single
 *       quotes: {@code 'Thumbprint', 'Services'}, the very strings PowerShell binds for them.</li>
 * </ol>
 *
 * <p>{@link #foldTypographicQuotes} is not a workaround but a stricter second reading: the
 * grammar knows only {@code '} and {@code "} as quotes, while PowerShell also ends and escapes
 * a single-quoted string with U+2018, U+2019, U+201A, U+201B and a double-quoted one with
 * U+201C, U+201D, U+201E. Folding them into {@code '} and {@code "} makes the grammar read
 * quotes as PowerShell does; a script must parse both as it is and folded.
 *
 * <p>Strings, comments and here-strings are found as PowerShell's tokenizer finds them (all
 * five single quotes, all four double quotes, a doubled quote inside a string is one quote, a
 * backtick escapes in code and in double-quoted strings, {@code $(...)} inside a double-quoted
 * string is code), so that neither workaround touches anything inside a literal.
 */
public final class GrammarWorkarounds {

    private static final Pattern PARAMETER = Pattern.compile("-[A-Za-z_?][A-Za-z0-9_?]*");
    private static final Pattern SELECT_OBJECT = Pattern.compile("(?i)Select-Object");
    private static final Pattern BAREWORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private GrammarWorkarounds() {
    }

    /** Both workarounds. */
    public static String apply(String script) {
        return selectObjectBarewordLists(parameterNamesWithDigits(script));
    }

    /** {@code -X509CertificateName} becomes {@code -X___CertificateName}; nothing else changes. */
    public static String parameterNamesWithDigits(String script) {
        var code = code(script);
        var result = new StringBuilder(script);
        var matcher = PARAMETER.matcher(script);
        while (matcher.find()) {
            var start = matcher.start();
            var end = matcher.end();
            if (!allCode(code, start, end) || start > 0 && !whitespace(script.charAt(start - 1))
                    || end < script.length() && !parameterEnd(script.charAt(end))) {
                continue;
            }
            for (var i = start; i < end; i++) {
                if (Character.isDigit(script.charAt(i))) {
                    result.setCharAt(i, '_');
                }
            }
        }
        return result.toString();
    }

    /** {@code Select-Object a, b, @{...}} becomes {@code Select-Object 'a', 'b', @{...}}; nothing else changes. */
    public static String selectObjectBarewordLists(String script) {
        var code = code(script);
        // Where a quote goes in: before and after each bareword element (elements never overlap).
        var positions = new TreeSet<Integer>();
        var matcher = SELECT_OBJECT.matcher(script);
        while (matcher.find()) {
            var start = matcher.start();
            var at = matcher.end();
            if (!allCode(code, start, at) || start > 0 && !commandStart(script.charAt(start - 1))
                    || at >= script.length() || !blank(script.charAt(at))) {
                continue;
            }
            at = skipBlanks(script, at);
            if (script.regionMatches(true, at, "-Property", 0, "-Property".length())
                    && at + "-Property".length() < script.length() && blank(script.charAt(at + "-Property".length()))) {
                at = skipBlanks(script, at + "-Property".length());
            }
            var items = new ArrayList<int[]>();
            while (true) {
                var end = itemEnd(script, code, at);
                if (end == at) {
                    break;
                }
                items.add(new int[] {at, end});
                var next = skipBlanks(script, end);
                if (next >= script.length() || script.charAt(next) != ',' || !code[next]) {
                    break;
                }
                at = skipWhitespace(script, next + 1);
            }
            if (items.size() < 2) {
                continue;
            }
            for (var item : items) {
                if (BAREWORD.matcher(script.substring(item[0], item[1])).matches() && allCode(code, item[0], item[1])) {
                    positions.add(item[0]);
                    positions.add(item[1]);
                }
            }
        }
        if (positions.isEmpty()) {
            return script;
        }
        var result = new StringBuilder(script.length() + positions.size());
        var from = 0;
        for (var position : positions) {
            result.append(script, from, position).append('\'');
            from = position;
        }
        return result.append(script.substring(from)).toString();
    }

    /** U+2018, U+2019, U+201A, U+201B become {@code '}; U+201C, U+201D, U+201E become {@code "}. */
    public static String foldTypographicQuotes(String script) {
        var result = new StringBuilder(script.length());
        for (var i = 0; i < script.length(); i++) {
            var c = script.charAt(i);
            result.append(singleQuote(c) ? '\'' : doubleQuote(c) ? '"' : c);
        }
        return result.toString();
    }

    /** Where a list element starting at {@code at} ends: balanced brackets, literals skipped. */
    private static int itemEnd(String script, boolean[] code, int at) {
        var depth = 0;
        var i = at;
        while (i < script.length()) {
            var c = script.charAt(i);
            if (code[i]) {
                if (c == '(' || c == '{' || c == '[') {
                    depth++;
                } else if (c == ')' || c == '}' || c == ']') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                } else if (depth == 0 && (whitespace(c) || c == ',' || c == '|' || c == ';')) {
                    return i;
                }
            }
            i++;
        }
        return i;
    }

    /** Which characters are code, that is outside string literals, here-strings and comments. */
    static boolean[] code(String script) {
        var lexer = new Lexer(script);
        lexer.code(0, false);
        return lexer.code;
    }

    private static final class Lexer {
        private final String s;
        private final boolean[] code;

        Lexer(String s) {
            this.s = s;
            this.code = new boolean[s.length()];
        }

        /** Code from {@code i}; inside {@code $(...)} up to its {@code )}, whose index is returned. */
        int code(int i, boolean subexpression) {
            var depth = 0;
            while (i < s.length()) {
                var c = s.charAt(i);
                if (subexpression && c == '(') {
                    depth++;
                } else if (subexpression && c == ')') {
                    if (depth == 0) {
                        code[i] = true;
                        return i;
                    }
                    depth--;
                }
                if (c == '@' && i + 1 < s.length() && (singleQuote(s.charAt(i + 1)) || doubleQuote(s.charAt(i + 1)))
                        && blankToEndOfLine(i + 2)) {
                    i = hereString(i);
                } else if (singleQuote(c)) {
                    i = singleQuoted(i);
                } else if (doubleQuote(c)) {
                    i = doubleQuoted(i);
                } else if (c == '<' && i + 1 < s.length() && s.charAt(i + 1) == '#') {
                    var end = s.indexOf("#>", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else if (c == '#' && (i == 0 || whitespace(s.charAt(i - 1)) || "(){};|".indexOf(s.charAt(i - 1)) >= 0)) {
                    while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                        i++;
                    }
                } else if (c == '`' && i + 1 < s.length()) {
                    code[i] = true;
                    code[i + 1] = true;
                    i += 2;
                } else {
                    code[i] = true;
                    i++;
                }
            }
            return i;
        }

        private int singleQuoted(int i) {
            var j = i + 1;
            while (j < s.length()) {
                if (singleQuote(s.charAt(j))) {
                    if (j + 1 < s.length() && singleQuote(s.charAt(j + 1))) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return j;
        }

        private int doubleQuoted(int i) {
            var j = i + 1;
            while (j < s.length()) {
                var c = s.charAt(j);
                if (c == '`') {
                    j += 2;
                } else if (c == '$' && j + 1 < s.length() && s.charAt(j + 1) == '(') {
                    code[j] = true;
                    code[j + 1] = true;
                    j = code(j + 2, true) + 1;
                } else if (doubleQuote(c)) {
                    if (j + 1 < s.length() && doubleQuote(s.charAt(j + 1))) {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                } else {
                    j++;
                }
            }
            return j;
        }

        /** A here-string: from {@code @'} (or {@code @"}) at the end of a line to a line starting with {@code '@}. */
        private int hereString(int i) {
            var single = singleQuote(s.charAt(i + 1));
            var j = s.indexOf('\n', i);
            while (j >= 0 && j + 2 < s.length()) {
                var quote = s.charAt(j + 1);
                if ((single ? singleQuote(quote) : doubleQuote(quote)) && s.charAt(j + 2) == '@') {
                    return j + 3;
                }
                j = s.indexOf('\n', j + 1);
            }
            return s.length();
        }

        private boolean blankToEndOfLine(int i) {
            while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                if (!blank(s.charAt(i))) {
                    return false;
                }
                i++;
            }
            return true;
        }
    }

    static boolean singleQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    static boolean doubleQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';
    }

    private static boolean allCode(boolean[] code, int start, int end) {
        for (var i = start; i < end; i++) {
            if (!code[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean whitespace(char c) {
        return Character.isWhitespace(c) || c == '\u00A0';
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean parameterEnd(char c) {
        return whitespace(c) || c == ':' || c == ')' || c == ';' || c == '|' || c == '}';
    }

    private static boolean commandStart(char c) {
        return whitespace(c) || c == '|' || c == '(' || c == '{' || c == ';';
    }

    private static int skipBlanks(String script, int i) {
        while (i < script.length() && blank(script.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(String script, int i) {
        while (i < script.length() && whitespace(script.charAt(i))) {
            i++;
        }
        return i;
    }
}
