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
    private static final Pattern URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://([^/:?#\\[\\]@]+)(?::\\d+)?([/?#].*)?");

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
        var typed = raw.strip();
        if (typed.isEmpty()) {
            throw new InvalidRequest("An empty name was given with -d; give a DNS name like mail.example.com.");
        }
        var url = URL.matcher(typed);
        if (url.matches()) {
            throw new InvalidRequest("'" + typed + "' appears to be a URL; give the host name alone: -d "
                    + url.group(1) + ".");
        }
        var name = typed.endsWith(".") ? typed.substring(0, typed.length() - 1) : typed;
        if (IPV4.matcher(name).matches() || name.contains(":") || name.startsWith("[")) {
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

    /** The text with control characters shown as {@code \\uXXXX}, for messages. */
    private static String printable(String text) {
        var out = new StringBuilder();
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
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
