package dev.exacme.exchange.verify;

/** Why an endpoint could not be read, in words for people; becomes {@link Presented#failure()}. */
final class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    ProbeFailure(String message) {
        super(message);
    }

    /** A line received from a server, quoted for a message: printable, at most 200 characters. */
    static String quote(String line) {
        var printable = line.codePoints().map(c -> c < ' ' || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (printable.length() > 200 ? printable.substring(0, 200) + "..." : printable) + "'";
    }
}
