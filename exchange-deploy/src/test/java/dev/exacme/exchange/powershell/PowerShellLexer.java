package dev.exacme.exchange.powershell;

/**
 * PowerShell's rule for single-quoted strings, for tests: any of the five single-quote
 * characters opens and closes; two quote characters in a row stand for the second one; nothing
 * else is special. Decodes a token and insists that it is one token ending at the end of the text.
 */
public final class PowerShellLexer {

    private PowerShellLexer() {
    }

    static boolean quote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    /** The value of the single-quoted literal that is all of {@code text}. */
    public static String singleQuoted(String text) {
        if (text.isEmpty() || !quote(text.charAt(0))) {
            throw new IllegalArgumentException("does not start with a quote: " + text);
        }
        var value = new StringBuilder();
        var i = 1;
        while (i < text.length()) {
            var c = text.charAt(i);
            if (quote(c)) {
                if (i + 1 < text.length() && quote(text.charAt(i + 1))) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (i != text.length() - 1) {
                    throw new IllegalArgumentException("the literal ends early, code follows: " + text.substring(i + 1));
                }
                return value.toString();
            }
            value.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated literal: " + text);
    }
}
