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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definition and state files damaged the ways hand edits and full disks damage them: each is
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
        var message = failure.getMessage();
        assertTrue(message.startsWith(file + ":" + line + ":"), "path and line " + line + ": " + message);
        assertEquals(line, failure.line());
        assertEquals(file, failure.file());
        for (var internal : List.of("Jackson", "jackson", "StreamReadFeature", "com.fasterxml", "java.", "`",
                "(code ", "Source:", "deserialize", "POJO")) {
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
}
