package dev.exacme.cli.secrets;

import dev.exacme.lifecycle.secrets.*;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.run.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where {@code exacme secret set} reads a value: all of standard input or of a file, with
 * trailing line breaks removed; at a terminal, a prompt that does not echo. Never empty,
 * never quoted in a message.
 */
final class SecretInput {

    private SecretInput() {
    }

    /**
     * Reads all of {@code input}.
     *
     * @param source what it is, for messages ("standard input", "--from-file /path")
     * @throws InvalidRequest if it is empty or not UTF-8 text
     */
    static String read(InputStream input, String source) throws InvalidRequest, IOException {
        var bytes = input.readAllBytes();
        try {
            return fromBytes(bytes, source);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads all of a file.
     *
     * @throws InvalidRequest naming the file if it cannot be read or is empty
     */
    static String fromFile(Path file) throws InvalidRequest {
        var source = "--from-file " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidRequest(source + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ").");
        }
        try {
            return fromBytes(bytes, source);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The process's standard input: a prompt without echo at a terminal, else all of it. */
    static String fromStandardInput(String name) throws InvalidRequest, IOException {
        var terminal = Terminal.interactive();
        if (terminal.isPresent()) {
            var chars = terminal.get().readPassword("Value of secret '%s' (not shown): ", name);
            if (chars == null) {
                throw new InvalidRequest("no value for secret '" + name + "' was entered.");
            }
            try {
                return strip(new String(chars), "the prompt");
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        return read(System.in, "standard input");
    }

    private static String fromBytes(byte[] bytes, String source) throws InvalidRequest {
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new InvalidRequest(source + " is not UTF-8 text; a secret must be text.");
        }
        return strip(chars.toString(), source);
    }

    private static String strip(String value, String source) throws InvalidRequest {
        var end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new InvalidRequest(source + " is empty; give the secret's value there (exacme stores no empty "
                    + "secrets).");
        }
        return value.substring(0, end);
    }
}
