package dev.exacme.lifecycle.managed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.lifecycle.network.SavedNetwork;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definition, state and settings files damaged the ways hand edits, full disks and Windows
 * editors (byte order marks, UTF-16, Windows-1252) damage them: each is read when it can be, or
 * reported as {@code PATH:LINE:COLUMN: words}, on the line where the damage is, in words that
 * name the field, and without the parser's own vocabulary.
 */
class DamagedFilesTest {

    @TempDir
    Path config;

    private ManagedCertificates managed;
    private Path file;
    private String good;

    @BeforeEach
    void saveOne() throws Exception {
        managed = new ManagedCertificates(config, definition -> {
            throw new InvalidRequest("no migration here");
        });
        managed.save(new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of("mail.example.test"),
                new CaSpec("https://ca.example.test/dir", List.of(), new AccountSpec(List.of(), true, null, null), null,
                        null), new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("rsa2048", false),
                new StoreSpec.Pem(config.resolve("pem/mail").toString(), null), List.of(), Duration.ofMinutes(5),
                null, Instant.parse("2026-12-01T10:00:00Z")));
        file = managed.definitionFile("mail");
        good = Files.readString(file);
    }

    /** The report of {@code text} as the definition, checked for path, line and the absence of parser internals. */
    private String definitionProblem(String text, int line) throws Exception {
        Files.writeString(file, text);
        var before = Files.readAllBytes(file);
        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.spec("mail"));
        assertArrayEquals(before, Files.readAllBytes(file), "left as it is");
        return checked(failure, file, line);
    }

    private static String checked(ManagedCertificates.UnreadableFile failure, Path file, int line) {
        assertEquals(line, failure.line());
        assertEquals(file, failure.file());
        return checked(failure.getMessage(), file, line);
    }

    /** {@code message} checked for {@code PATH:LINE:} first and for the absence of parser and Java internals. */
    private static String checked(String message, Path file, int line) {
        assertTrue(message.startsWith(file + ":" + line + ":"), "path and line " + line + ": " + message);
        for (var internal : List.of("Jackson", "jackson", "StreamReadFeature", "com.fasterxml", "java.", "`",
                "(code ", "Source:", "deserialize", "POJO", "Exception", "\ufeff", "Cannot invoke",
                "NullPointer")) {
            assertFalse(message.contains(internal), "'" + internal + "' in " + message);
        }
        return message;
    }

    /** The line, from 1, on which {@code snippet} begins in {@code text}. */
    private static int lineOf(String text, String snippet) {
        var at = text.indexOf(snippet);
        assertTrue(at >= 0, snippet + " in " + text);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aCommaTooManyIsReportedOnItsLine() throws Exception {
        var text = good.replace("\"port\" : 80,", "\"port\" : 80,,");

        var message = definitionProblem(text, lineOf(text, "\"port\""));

        assertTrue(message.contains("a field name in double quotes was expected here, not ','"), message);
        assertTrue(message.contains(":" + lineOf(text, "\"port\"") + ":17: "), "column too: " + message);
    }

    @Test
    void aMissingCommaAndAWordWithoutQuotesAreSyntaxInWords() throws Exception {
        var noComma = good.replace("\"port\" : 80,", "\"port\" : 80");
        var message = definitionProblem(noComma, lineOf(noComma, "\"bind\""));
        assertTrue(message.contains("a comma or } was expected here"), message);

        var bare = good.replace("\"selfCheck\" : true", "\"selfCheck\" : yes");
        message = definitionProblem(bare, lineOf(bare, "\"selfCheck\""));
        assertTrue(message.contains("'yes' is not a JSON value"), message);
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldsThatAreKnownThere() throws Exception {
        var text = good.replace("\"reuse\" : false", "\"reuse\" : false,\n    \"colour\" : \"blue\"");

        var message = definitionProblem(text, lineOf(text, "\"colour\""));

        assertTrue(message.contains("unknown field \"colour\" in key (a misspelling? the fields there are: reuse, type)"),
                message);
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndTheKindItTakes() throws Exception {
        var port = good.replace("\"port\" : 80", "\"port\" : \"eighty\"");
        var message = definitionProblem(port, lineOf(port, "\"port\""));
        assertTrue(message.contains("challenge.port: must be a whole number, not \"eighty\""), message);

        var time = good.replace("\"created\" : \"2026-12-01T10:00:00Z\"", "\"created\" : \"yesterday\"");
        message = definitionProblem(time, lineOf(time, "\"created\""));
        assertTrue(message.contains("created: must be a time such as \"2026-12-01T18:52:00Z\", not \"yesterday\""),
                message);

        var list = good.replace("\"identifiers\" : [ \"mail.example.test\" ]", "\"identifiers\" : { }");
        message = definitionProblem(list, lineOf(list, "\"identifiers\""));
        assertTrue(message.contains("identifiers: must be a list in [ ]"), message);
    }

    @Test
    void anUnknownOrMissingChallengeTypeListsTheTypes() throws Exception {
        var unknown = good.replace("\"type\" : \"http-01\"", "\"type\" : \"http-02\"");
        var message = definitionProblem(unknown, lineOf(unknown, "\"http-02\""));
        assertTrue(message.contains("challenge: \"http-02\" is not a known type (one of: "), message);
        assertTrue(message.contains("dns-01"), message);

        var missing = good.replace("\"type\" : \"http-01\",", "");
        message = definitionProblem(missing, lineOf(missing, "\"challenge\""));
        assertTrue(message.contains("challenge: the field \"type\" is missing (one of: "), message);
    }

    @Test
    void aTruncatedFileSaysItEndsTooEarlyOnItsLastLine() throws Exception {
        var text = good.substring(0, good.indexOf("\"key\""));

        var message = definitionProblem(text, lineOf(text + "END", "END"));

        assertTrue(message.contains("the file ends too early (cut short?)"), message);
    }

    @Test
    void anEmptyFileOrOneThatIsNoObjectSaysSo() throws Exception {
        assertTrue(definitionProblem("", 1).contains("mail.json:1:1: the file is empty"));
        assertTrue(definitionProblem("\n\n", 1).contains("the file is empty"));
        assertTrue(definitionProblem("\n[ 1, 2 ]", 2).contains("mail.json:2:1: a definition is one JSON object"));
    }

    @Test
    void aMissingPartIsNamedWhereItBelongs() throws Exception {
        var text = good.replaceAll("\"store\" : \\{[^}]*},", "");

        var message = definitionProblem(text, 1);

        assertTrue(message.contains("mail.json:1:1: the field \"store\" (where the certificate is installed) is"
                + " missing from the definition"), message);
    }

    @Test
    void aWrongNameAndAnUnknownSchemaVersionPointAtTheirField() throws Exception {
        var name = good.replace("\"name\" : \"mail\"", "\"name\" : \"post\"");
        var message = definitionProblem(name, lineOf(name, "\"name\""));
        assertTrue(message.contains("name: must be \"mail\", the file's name"), message);

        var version = good.replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 7");
        message = definitionProblem(version, lineOf(version, "\"schemaVersion\""));
        assertTrue(message.contains("schemaVersion 7; this exacme reads 1 and 2"), message);
    }

    @Test
    void aDamagedStateFileIsReportedTheSameWay() throws Exception {
        managed.save("mail", CertificateState.empty().issued("AB12", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2027-03-01T10:00:00Z"), Phase.INSTALLED));
        var stateFile = managed.stateFile("mail");
        var state = Files.readString(stateFile);

        var truncated = state.substring(0, state.indexOf("\"notAfter\""));
        Files.writeString(stateFile, truncated);
        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.state("mail"));
        assertTrue(checked(failure, stateFile, lineOf(truncated + "END", "END")).contains("ends too early"));

        var wrong = state.replace("\"notAfter\" : \"2027-03-01T10:00:00Z\"", "\"notAfter\" : true");
        Files.writeString(stateFile, wrong);
        failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.state("mail"));
        assertTrue(checked(failure, stateFile, lineOf(wrong, "\"notAfter\"")).contains("notAfter: must be a time"),
                failure.getMessage());

        Files.writeString(stateFile, "");
        failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.state("mail"));
        assertTrue(checked(failure, stateFile, 1).contains("the file is empty"));
    }

    @Test
    void aDefinitionWithAUtf8ByteOrderMarkReadsAsOneWithout() throws Exception {
        var expected = managed.spec("mail").orElseThrow();
        // What Notepad and Windows PowerShell 5.1's Set-Content -Encoding UTF8 write.
        Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                good.getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected, managed.spec("mail").orElseThrow());
        assertTrue(managed.list().stream().allMatch(entry -> entry instanceof ManagedCertificates.Managed));
    }

    @Test
    void aUtf16DefinitionWithItsByteOrderMarkIsRead() throws Exception {
        var expected = managed.spec("mail").orElseThrow();
        // What Windows PowerShell 5.1's Out-File and > write: UTF-16 little-endian with FF FE in front.
        var utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, good.getBytes(StandardCharsets.UTF_16LE));
        Files.write(file, utf16);
        assertEquals(expected, managed.spec("mail").orElseThrow());

        Files.write(file, concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, good.getBytes(StandardCharsets.UTF_16BE)));
        assertEquals(expected, managed.spec("mail").orElseThrow());

        // Cut in the middle of a character: refused on the last line, in words.
        Files.write(file, Arrays.copyOf(utf16, utf16.length - 1));
        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.spec("mail"));
        var message = checked(failure, file, lineOf(good + "END", "END"));
        assertTrue(message.contains("begins with the byte order mark of UTF-16 but is not valid UTF-16 from here"),
                message);
        assertTrue(message.contains("save it as UTF-8"), message);
    }

    @Test
    void latin1BytesAreRefusedOnTheirLineAndColumnNamingTheEncoding() throws Exception {
        var text = good.replace("\"name\" : \"mail\",", "\"name\" : \"mail\",\n  \"friendlyName\" : \"M\u00fcller\",");
        var line = lineOf(text, "\"friendlyName\"");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        var before = Files.readAllBytes(file);

        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.spec("mail"));

        assertArrayEquals(before, Files.readAllBytes(file), "left as it is");
        var message = checked(failure, file, line);
        var column = text.lines().toList().get(line - 1).indexOf('\u00fc') + 1;
        assertTrue(message.startsWith(file + ":" + line + ":" + column + ": byte 0xFC is not UTF-8 (it is '\u00fc' in"
                + " Windows-1252"), message);
        assertTrue(message.contains("exacme reads its files as UTF-8; save it as UTF-8 (Notepad: File > Save As,"
                + " Encoding UTF-8"), message);
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRefusedInWords() throws Exception {
        Files.write(file, good.getBytes(StandardCharsets.UTF_16LE));

        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.spec("mail"));

        assertTrue(checked(failure, file, 1).contains("looks saved as UTF-16 or UTF-32 without a byte order mark"),
                failure.getMessage());
    }

    @Test
    void aStateFileWithAByteOrderMarkReadsAndOneInLatin1IsRefused() throws Exception {
        var state = CertificateState.empty().issued("AB12", Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2027-03-01T10:00:00Z"), Phase.INSTALLED);
        managed.save("mail", state);
        var stateFile = managed.stateFile("mail");
        var text = Files.readString(stateFile);
        Files.write(stateFile, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(state, managed.state("mail"));

        var accented = text.replace("\"AB12\"", "\"AB12\u00e9\"");
        Files.write(stateFile, accented.getBytes(StandardCharsets.ISO_8859_1));
        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed.state("mail"));
        assertTrue(checked(failure, stateFile, lineOf(accented, "AB12")).contains("byte 0xE9 is not UTF-8"),
                failure.getMessage());
    }

    @Test
    void aDamagedNotifyJsonIsReportedInWordsOnItsLine() throws Exception {
        var notify = NotificationSettings.file(config);
        NotificationSettings.defaults().withWebhook(new NotificationSettings.Webhook("https://hooks.example.test/x"))
                .save(config);
        var text = Files.readString(notify);
        Files.write(notify, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("https://hooks.example.test/x", NotificationSettings.load(config).orElseThrow().webhook().url());

        var comma = text.replace("\"onSuccess\"", ",\"onSuccess\"");
        Files.writeString(notify, comma);
        var failure = assertThrows(IOException.class, () -> NotificationSettings.load(config));
        var message = checked(failure.getMessage(), notify, lineOf(comma, ",\"onSuccess\""));
        assertTrue(message.contains("a field name in double quotes was expected here, not ','"), message);
        assertTrue(message.endsWith("it was left as it is: fix it, or run 'exacme notify clear' and set the"
                + " notifications again"), message);
        assertEquals(comma, Files.readString(notify), "left as it is");

        var wrong = text.replace("\"https://hooks.example.test/x\"", "\"ftp://hooks.example.test/x\"");
        Files.writeString(notify, wrong);
        failure = assertThrows(IOException.class, () -> NotificationSettings.load(config));
        message = checked(failure.getMessage(), notify, lineOf(wrong, "\"webhook\""));
        assertTrue(message.contains("webhook: the webhook URL must be an http:// or https:// URL"), message);

        Files.writeString(notify, "[ ]");
        failure = assertThrows(IOException.class, () -> NotificationSettings.load(config));
        assertTrue(checked(failure.getMessage(), notify, 1).contains("the notification settings is one JSON object"),
                failure.getMessage());
    }

    @Test
    void aDamagedLastRenewJsonSaysItCanBeDeleted() throws Exception {
        var record = RenewalRun.file(config);
        new RenewalRun(Instant.parse("2026-12-01T03:00:00Z"), Instant.parse("2026-12-01T03:01:00Z"), 0, 1, 0)
                .save(config);
        var text = Files.readString(record);

        var truncated = text.substring(0, text.indexOf("\"exitCode\""));
        Files.writeString(record, truncated);
        var failure = assertThrows(IOException.class, () -> RenewalRun.load(config));
        var message = checked(failure.getMessage(), record, lineOf(truncated + "END", "END"));
        assertTrue(message.contains("the file ends too early"), message);
        assertTrue(message.endsWith("since it only records the last 'exacme renew' it can be deleted: the next run"
                + " writes it again"), message);

        // Once the parser's NullPointerException: a field that is not there.
        var missing = text.replaceAll("\"started\" : \"[^\"]*\",", "");
        Files.writeString(record, missing);
        failure = assertThrows(IOException.class, () -> RenewalRun.load(config));
        assertTrue(checked(failure.getMessage(), record, 1).contains("the field \"started\" is missing"),
                failure.getMessage());

        var notATime = text.replace("\"2026-12-01T03:01:00Z\"", "\"tomorrow\"");
        Files.writeString(record, notATime);
        failure = assertThrows(IOException.class, () -> RenewalRun.load(config));
        assertTrue(checked(failure.getMessage(), record, lineOf(notATime, "\"finished\""))
                .contains("finished: must be a time such as \"2026-12-01T18:52:00Z\", not \"tomorrow\""),
                failure.getMessage());
        assertEquals(notATime, Files.readString(record), "left as it is");
    }

    @Test
    void aDamagedNetworkJsonIsReportedInWords() throws Exception {
        new SavedNetwork("http://proxy.example.test:3128", "", Optional.empty()).save(config);
        var network = SavedNetwork.file(config);
        var text = Files.readString(network);
        Files.write(network, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        assertEquals("http://proxy.example.test:3128", SavedNetwork.load(config).orElseThrow().proxy());

        var bare = text.replace("\"http://proxy.example.test:3128\"", "direct");
        Files.writeString(network, bare);
        var failure = assertThrows(IOException.class, () -> SavedNetwork.load(config));
        var message = checked(failure.getMessage(), network, lineOf(bare, "direct"));
        assertTrue(message.contains("'direct' is not a JSON value (text goes in double quotes"), message);
        assertTrue(message.endsWith("fix it, or run 'exacme network clear'"), message);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
