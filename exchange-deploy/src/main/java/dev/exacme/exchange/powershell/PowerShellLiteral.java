package dev.exacme.exchange.powershell;

import dev.exacme.store.Thumbprint;

/**
 * Values written into PowerShell scripts so that they stay values: strings as single-quoted
 * literals, in which PowerShell expands nothing ({@code $()}, backticks, {@code ;} are
 * inert) and the only special characters are the quotes themselves, doubled here.
 * PowerShell accepts four characters as single quotes besides {@code '}: U+2018, U+2019,
 * U+201A and U+201B; each is doubled as well.
 */
public final class PowerShellLiteral {

    private PowerShellLiteral() {
    }

    /** {@code text} as a single-quoted literal. */
    public static String quote(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to PowerShell");
        }
        var literal = new StringBuilder(text.length() + 2).append('\'');
        for (var i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                literal.append(c);
            }
            literal.append(c);
        }
        return literal.append('\'').toString();
    }

    /** A thumbprint: already 40 hex digits by construction, quoted all the same. */
    public static String quote(Thumbprint thumbprint) {
        return "'" + thumbprint.hex() + "'";
    }
}
