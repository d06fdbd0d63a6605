package dev.exacme.lifecycle.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The content of one secret file: a header line naming the format version and the
 * {@link SecretProtection} that wrote it, then the protected bytes in Base64.
 *
 * <pre>
 * exacme-secret 1 dpapi-machine
 * AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA...
 * </pre>
 *
 * The header lets a file protected on another platform be reported as such instead of
 * being returned as garbage.
 *
 * @param protection the id of the protection that wrote it
 * @param payload    the protected bytes
 */
record SecretEnvelope(String protection, byte[] payload) {

    private static final String MAGIC = "exacme-secret";
    private static final String VERSION = "1";

    /** The file content. */
    byte[] encode() {
        return (MAGIC + " " + VERSION + " " + protection + "\n" + Base64.getEncoder().encodeToString(payload) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a file's content.
     *
     * @throws IOException if it is not a secret file of this format; never quoting the content
     */
    static SecretEnvelope decode(byte[] content) throws IOException {
        var text = new String(content, StandardCharsets.US_ASCII);
        var lines = text.split("\n", -1);
        var header = lines[0].strip().split(" ");
        if (header.length != 3 || !header[0].equals(MAGIC)) {
            throw new IOException("it is not an exacme secret file (no '" + MAGIC + "' header)");
        }
        if (!header[1].equals(VERSION)) {
            throw new IOException("it has format version " + header[1] + ", this exacme reads version " + VERSION);
        }
        if (lines.length < 2) {
            throw new IOException("it has no content after its header");
        }
        try {
            return new SecretEnvelope(header[2], Base64.getDecoder().decode(lines[1].strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException("its content is not valid Base64");
        }
    }
}
