package dev.exacme.acme.order;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS name to put in a certificate, in the A-label (ASCII) form the CA expects;
 * internationalized names are converted ({@code bücher.example} becomes
 * {@code xn--bcher-kva.example}). A wildcard covers one label: {@code *.example.com}.
 *
 * @param ascii    the name as sent to the CA, lower case, A-labels, no trailing dot
 * @param asTyped  the name as the user wrote it, for messages
 */
public record DomainName(String ascii, String asTyped) {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%\\w+)?");
    private static final Pattern SCHEME = Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://(.*)");
    private static final Pattern HOST_AND_PORT = Pattern.compile("([^:\\[\\]]+|\\[[^\\]]*\\]):(\\d{1,5})");
    private static final Pattern HOST_AND_PATH = Pattern.compile("([^/?#]+)[/?#].*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([^@\\s]+\\.[^@\\s]+)");

    /**
     * Parses and checks one name.
     *
     * @throws InvalidRequest naming the input and what is wrong with it
     */
    public static DomainName parse(String text) throws InvalidRequest {
        var raw = text == null ? "" : text;
        // Spaces around a name are a typing slip; a control character is never part of a name, so it is refused.
        if (raw.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw new InvalidRequest("'" + printable(raw) + "' holds a control character; give the name as plain"
                    + " text, e.g. mail.example.com.");
        }
        var typed = stripSpaces(raw);
        if (typed.isEmpty()) {
            throw new InvalidRequest("An empty name was given with -d; give a DNS name like mail.example.com.");
        }
        refusePastedInput(typed);
        var name = typed.endsWith(".") ? typed.substring(0, typed.length() - 1) : typed;
        if (isIpAddress(name)) {
            throw new InvalidRequest("'" + typed + "' is an IP address; exacme orders certificates for DNS "
                    + "names only. Use the server's DNS name, e.g. mail.example.com.");
        }
        var wildcard = name.startsWith("*.");
        var base = wildcard ? name.substring(2) : name;
        if (base.contains("*")) {
            throw new InvalidRequest("'" + typed + "' is not a valid name: a wildcard may only be the whole "
                    + "first label, as in *.example.com.");
        }
        var labels = new java.util.ArrayList<String>();
        for (var label : base.split("\\.", -1)) {
            labels.add(toAscii(typed, label));
        }
        // Joined, not appended: an empty first label (a leading dot) must stay visible to the check.
        var ascii = String.join(".", labels);
        check(typed, ascii);
        return new DomainName(wildcard ? "*." + ascii : ascii, typed);
    }

    /**
     * Refuses what was pasted from somewhere else: a URL, a host with a port or a path, an
     * e-mail address, several names in one. Each says what it looks like and what to type,
     * since "not a valid hostname" leaves the person guessing which part is wrong.
     */
    private static void refusePastedInput(String typed) throws InvalidRequest {
        var scheme = SCHEME.matcher(typed);
        if (scheme.matches()) {
            var host = hostOf(scheme.group(2));
            throw new InvalidRequest("'" + typed + "' appears to be a URL; "
                    + (host.isEmpty() ? "give the host name alone, e.g. -d mail.example.com."
                    : isIpAddress(host) ? "its host " + host + " is an IP address, and exacme orders certificates"
                            + " for DNS names only: give the server's DNS name, e.g. -d mail.example.com."
                    : "give the host name alone: -d " + host + "."));
        }
        if (typed.chars().anyMatch(DomainName::isSpace)) {
            var parts = typed.split("[\\s\\p{Zs}\\u200b\\ufeff]+");
            var several = parts.length > 1 && java.util.Arrays.stream(parts).allMatch(part -> part.contains("."));
            throw new InvalidRequest("'" + printable(typed) + "' holds a space; a name has none. " + (several
                    ? "For several names give each one: -d " + String.join(" -d ", parts) + " (or -d "
                            + String.join(",", parts) + ")."
                    : "Type the name again without it (text copied from documents often holds invisible spaces)."));
        }
        var email = EMAIL.matcher(typed);
        if (email.matches()) {
            throw new InvalidRequest("'" + typed + "' is an e-mail address; -d takes the host name the certificate"
                    + " is for (e.g. -d mail." + email.group(1) + "); the account's contact address goes in"
                    + " --email " + typed + ".");
        }
        var port = HOST_AND_PORT.matcher(typed);
        if (port.matches()) {
            var host = port.group(1);
            throw new InvalidRequest("'" + typed + "' holds a port (:" + port.group(2) + "); " + (isIpAddress(host)
                    ? host + " is an IP address, and exacme orders certificates for DNS names only: give the server's"
                            + " DNS name, e.g. -d mail.example.com."
                    : "a certificate is for a host on every port: -d " + host + "."));
        }
        var path = HOST_AND_PATH.matcher(typed);
        if (path.matches()) {
            var host = hostOf(path.group(1));
            throw new InvalidRequest("'" + typed + "' holds a path after the host name; "
                    + (isIpAddress(host) ? host + " is an IP address, and exacme orders certificates for DNS names"
                            + " only: give the server's DNS name, e.g. -d mail.example.com."
                    : "give the host name alone: -d " + host + "."));
        }
    }

    /** The host of what follows {@code scheme://}: no user, port, path, query or fragment. */
    private static String hostOf(String authorityAndMore) {
        var authority = authorityAndMore.split("[/?#]", 2)[0];
        var at = authority.lastIndexOf('@');
        var hostAndPort = at < 0 ? authority : authority.substring(at + 1);
        if (hostAndPort.startsWith("[")) {
            var close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort.substring(1) : hostAndPort.substring(1, close);
        }
        var colon = hostAndPort.indexOf(':');
        var host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** Whether the text is an IPv4 address or looks like an IPv6 one (with or without brackets). */
    private static boolean isIpAddress(String text) {
        var bare = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return IPV4.matcher(bare).matches() || bare.startsWith("[")
                || bare.chars().filter(c -> c == ':').count() >= 2 && IPV6.matcher(bare).matches();
    }

    /** The text without spaces of any kind around it. */
    private static String stripSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Spaces, including the no-break and zero-width ones that text copied from documents brings along. */
    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200b || c == 0xfeff;
    }

    /** ASCII labels are only folded, so that our own checks explain what is wrong with them. */
    private static String toAscii(String typed, String label) throws InvalidRequest {
        if (label.chars().allMatch(c -> c < 0x80)) {
            return label.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(label, 0).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("'" + typed + "' is not a valid internationalized name (" + e.getMessage() + ").");
        }
    }

    private static void check(String typed, String ascii) throws InvalidRequest {
        if (ascii.length() > 253) {
            throw new InvalidRequest("'" + typed + "' is longer than the 253 characters a DNS name may have.");
        }
        var labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidRequest("'" + typed + "' is a single label; a public CA needs a fully qualified "
                    + "name like " + ascii + ".example.com.");
        }
        for (var label : labels) {
            if (label.isEmpty()) {
                throw new InvalidRequest("'" + typed + "' has an empty label (a leading dot, or two dots in a row).");
            }
            if (label.length() > 63) {
                throw new InvalidRequest("'" + typed + "' has a label longer than 63 characters: " + label + ".");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidRequest("'" + typed + "' is not a valid hostname: the label '" + label
                        + "' may only hold letters, digits and inner hyphens.");
            }
            if (label.startsWith("xn--") && !validPunycode(label)) {
                throw new InvalidRequest("'" + typed + "' is not a valid internationalized name: '" + label
                        + "' is not punycode for any name; write the name in its own letters or copy it again.");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidRequest("'" + typed + "' ends in a numeric label; that is not a DNS name.");
        }
    }

    /** Whether an A-label decodes to Unicode and encodes back to itself, as IDNA requires. */
    private static boolean validPunycode(String label) {
        try {
            var unicode = IDN.toUnicode(label, 0);
            return !unicode.equals(label) && IDN.toASCII(unicode, 0).equalsIgnoreCase(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The text with control characters and unusual spaces shown as {@code \\uXXXX}, for messages. */
    private static String printable(String text) {
        var out = new StringBuilder();
        text.chars().forEach(c -> out.append(Character.isISOControl(c) || c != ' ' && isSpace(c)
                ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }

    /** Whether this is a wildcard name ({@code *.example.com}). */
    public boolean isWildcard() {
        return ascii.startsWith("*.");
    }

    @Override
    public String toString() {
        return ascii;
    }
}
