package dev.exacme.lifecycle.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading one of exacme's own JSON files (definitions, states, {@code notify.json},
 * {@code network.json}, {@code last-renew.json}) as they arrive after a hand edit on Windows:
 * Notepad and Windows PowerShell 5.1 ({@code Out-File}, {@code Set-Content -Encoding UTF8})
 * put a byte order mark in front, and {@code Out-File} or {@code >} write UTF-16. A UTF-8 byte
 * order mark is dropped; UTF-16 and UTF-32 with their byte order mark are decoded; any other
 * byte that is not UTF-8 is refused with its line. Every failure is a {@link JsonProblem}
 * ({@code PATH:LINE:COLUMN: words}), never the parser's or the decoder's own message.
 */
public final class JsonFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String SAVE_AS_UTF8 = "save it as UTF-8 (Notepad: File > Save As, Encoding UTF-8;"
            + " PowerShell: Set-Content -Encoding UTF8)";

    private JsonFile() {
    }

    /**
     * A file of exacme's that exists but cannot be used, reported as {@code PATH:LINE:COLUMN: words}
     * (the line when it is known), then what to do about it when the reader of the file knows.
     * It is an {@link IOException} so that readers which declare one keep their signature.
     */
    public static final class Unreadable extends IOException {

        private final transient Path file;
        private final JsonProblem problem;
        private final String advice;

        /** {@code file} cannot be used for {@code problem}; {@code advice} (or empty text) says what to do. */
        public Unreadable(Path file, JsonProblem problem, String advice, Throwable cause) {
            super(problem.at(file) + (advice.isEmpty() ? "" : "; " + advice), cause);
            this.file = file;
            this.problem = problem;
            this.advice = advice;
        }

        /** The same problem with {@code newAdvice} as what to do about it. */
        public Unreadable advised(String newAdvice) {
            return new Unreadable(file, problem, newAdvice, getCause());
        }

        /** The file that cannot be used. */
        public Path file() {
            return file;
        }

        /** What is wrong and where. */
        public JsonProblem problem() {
            return problem;
        }

        /** What to do about it; empty when the reader gave no advice. */
        public String advice() {
            return advice;
        }
    }

    /**
     * The text of {@code file}, decoded as described above.
     *
     * @throws NoSuchFileException when there is no such file, so that a reader can take that as "none yet"
     * @throws Unreadable          when it cannot be read or decoded
     */
    public static String text(Path file) throws NoSuchFileException, Unreadable {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (AccessDeniedException e) {
            throw new Unreadable(file, new JsonProblem(0, 0, "access denied: this account may not read it"), "", e);
        } catch (FileSystemException e) {
            throw new Unreadable(file, new JsonProblem(0, 0, "it cannot be read ("
                    + (e.getReason() == null ? "a file system error" : e.getReason()) + ")"), "", e);
        } catch (IOException e) {
            throw new Unreadable(file, new JsonProblem(0, 0, "it cannot be read (" + firstLine(e.getMessage())
                    + ")"), "", e);
        }
        return decode(file, bytes);
    }

    /**
     * The JSON of {@code text}, read from {@code file}: an empty file and a syntax error are
     * refused in words with their line.
     */
    public static JsonNode tree(Path file, String text) throws Unreadable {
        if (text.isBlank()) {
            throw new Unreadable(file, new JsonProblem(1, 1, "the file is empty"), "", null);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Unreadable(file, JsonProblem.of(e, text), "", e);
        }
    }

    /** The JSON object of {@code text}, read from {@code file}; anything else is refused as not being {@code what}. */
    public static ObjectNode object(Path file, String text, String what) throws Unreadable {
        var tree = tree(file, text);
        if (tree instanceof ObjectNode object) {
            return object;
        }
        throw new Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text, ""), what
                + " is one JSON object in { }"), "", null);
    }

    /** {@code text}, read from {@code file}, as the value {@code reader} reads; its failures in words. */
    public static <T> T value(Path file, String text, ObjectReader reader) throws Unreadable {
        if (text.isBlank()) {
            throw new Unreadable(file, new JsonProblem(1, 1, "the file is empty"), "", null);
        }
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new Unreadable(file, JsonProblem.of(e, text), "", e);
        }
    }

    private static String decode(Path file, byte[] bytes) throws Unreadable {
        // The four-byte marks first: UTF-32 LE begins with the UTF-16 LE mark.
        if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            return decode(file, bytes, 4, Charset.forName("UTF-32LE"), "UTF-32");
        }
        if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            return decode(file, bytes, 4, Charset.forName("UTF-32BE"), "UTF-32");
        }
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return decode(file, bytes, 3, StandardCharsets.UTF_8, "UTF-8");
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return decode(file, bytes, 2, StandardCharsets.UTF_16LE, "UTF-16");
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return decode(file, bytes, 2, StandardCharsets.UTF_16BE, "UTF-16");
        }
        var text = decode(file, bytes, 0, StandardCharsets.UTF_8, "UTF-8");
        var nul = text.indexOf('\0');
        if (nul >= 0) {
            // What UTF-16 without a byte order mark looks like when read as UTF-8: every other byte zero.
            throw new Unreadable(file, place(text.substring(0, nul), "the file holds zero bytes: it looks saved as"
                    + " UTF-16 or UTF-32 without a byte order mark; " + SAVE_AS_UTF8), "", null);
        }
        return text;
    }

    /** {@code bytes} from {@code offset} in {@code charset}; the first byte that does not decode is refused with its line. */
    private static String decode(Path file, byte[] bytes, int offset, Charset charset, String encoding)
            throws Unreadable {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        // None of these encodings gives more characters than it has bytes.
        var out = CharBuffer.allocate(bytes.length - offset + 2);
        var result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (!result.isError()) {
            return out.flip().toString();
        }
        var before = out.flip().toString();
        var at = in.position();
        if (encoding.equals("UTF-8")) {
            throw new Unreadable(file, place(before, String.format(Locale.ROOT, "byte 0x%02X is not UTF-8%s: the"
                    + " file was saved in another encoding, and exacme reads its files as UTF-8; %s", bytes[at] & 0xFF,
                    legacy(bytes[at]), SAVE_AS_UTF8)), "", null);
        }
        throw new Unreadable(file, place(before, "the file begins with the byte order mark of " + encoding
                + " but is not valid " + encoding + " from here (cut short, or pieced together from two files?); "
                + SAVE_AS_UTF8), "", null);
    }

    /** The problem {@code words} just after the text {@code before}: its line and column. */
    private static JsonProblem place(String before, String words) {
        var lineStart = before.lastIndexOf('\n') + 1;
        var line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return new JsonProblem(line, before.length() - lineStart + 1, words);
    }

    /** What {@code b} is in Windows-1252, the encoding older Windows editors save in, when it is a letter or sign there. */
    private static String legacy(byte b) {
        var character = new String(new byte[] {b}, WINDOWS_1252);
        var code = character.codePointAt(0);
        return code > 0xA0 && code != 0xFFFD && !Character.isISOControl(code) ? " (it is '" + character
                + "' in Windows-1252, the encoding of older Windows editors)" : "";
    }

    private static boolean startsWith(byte[] bytes, int... mark) {
        if (bytes.length < mark.length) {
            return false;
        }
        for (var i = 0; i < mark.length; i++) {
            if ((bytes[i] & 0xFF) != mark[i]) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse("no reason given");
    }
}
