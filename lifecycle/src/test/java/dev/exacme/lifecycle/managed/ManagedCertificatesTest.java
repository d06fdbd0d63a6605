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
import dev.exacme.lifecycle.spec.ManagedName;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specification files as a tired person leaves them: what the message says, and that the file is left as it is. */
class ManagedCertificatesTest {

    @TempDir
    Path config;

    private ManagedCertificates managed() {
        return new ManagedCertificates(config, definition -> {
            throw new InvalidRequest("no migration here");
        });
    }

    private Path saved(String name) throws Exception {
        managed().save(new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name, List.of("mail.example.test"),
                new CaSpec("https://ca.example.test/dir", List.of(), new AccountSpec(List.of(), true, null, null), null,
                        null), new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("rsa2048", false),
                new StoreSpec.Pem(config.resolve("pem/" + name).toString(), null), List.of(), Duration.ofMinutes(5),
                null, Instant.parse("2026-12-01T10:00:00Z")));
        return managed().definitionFile(name);
    }

    private String problem(Path file, String text) throws Exception {
        Files.writeString(file, text);
        var before = Files.readAllBytes(file);
        var name = file.getFileName().toString().replace(".json", "");
        var failure = assertThrows(ManagedCertificates.UnreadableFile.class, () -> managed().spec(name));
        assertArrayEquals(before, Files.readAllBytes(file), "left as it is");
        assertTrue(failure.getMessage().startsWith(file.toString()), failure.getMessage());
        assertFalse(failure.getMessage().contains("`") || failure.getMessage().contains("java."), failure.getMessage());
        return failure.getMessage();
    }

    @Test
    void aFieldOfTheWrongKindIsNamedWithItsLine() throws Exception {
        var file = saved("mail");
        var text = Files.readString(file).replace("\"port\" : 80", "\"port\" : \"eighty\"");

        var message = problem(file, text);

        assertTrue(message.contains("challenge.port"), message);
        assertTrue(message.matches("(?s).*mail\\.json:\\d+:\\d+: .*"), "with its line and column: " + message);
    }

    @Test
    void aMisspeltFieldIsRefusedRatherThanDropped() throws Exception {
        var file = saved("mail");

        var message = problem(file, Files.readString(file).replace("\"deployments\"", "\"deployment\""));

        assertTrue(message.contains("deployment"), message);
    }

    @Test
    void emptyTruncatedAndIncompleteFilesSaySo() throws Exception {
        var file = saved("mail");
        var text = Files.readString(file);

        assertTrue(problem(file, "").contains("the file is empty"));
        assertTrue(problem(file, text.substring(0, text.length() / 2)).matches("(?s).*mail\\.json:\\d+:\\d+: .*"));
        assertTrue(problem(file, text.replaceAll("\"key\" : \\{[^}]*},", "")).contains("\"key\""));
        assertTrue(problem(file, "{ \"name\": \"mail\" }").contains("no schemaVersion"));
    }

    @Test
    void aDamagedFileIsListedAsBrokenAndTheOthersStillRead() throws Exception {
        saved("good");
        Files.writeString(saved("bad"), "{ not json");

        var entries = managed().list();

        assertEquals(2, entries.size());
        assertTrue(entries.get(0) instanceof ManagedCertificates.Broken, entries.toString());
        assertTrue(entries.get(1) instanceof ManagedCertificates.Managed, entries.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CON", "nul", "Aux.pem", "com1", "LPT9.old", "prn"})
    void windowsDeviceNamesNameNoCertificateAndNoSecret(String name) {
        var certificate = assertThrows(InvalidRequest.class, () -> ManagedName.check(name));
        assertTrue(certificate.getMessage().contains("Windows device name"), certificate.getMessage());
        var secret = assertThrows(InvalidRequest.class, () -> dev.exacme.lifecycle.secrets.SecretName.of(
                name.toLowerCase(java.util.Locale.ROOT)));
        assertTrue(secret.getMessage().contains("Windows device name"), secret.getMessage());
    }

    @Test
    void namesEndingInTheMigrationSuffixAreRefused() {
        var failure = assertThrows(InvalidRequest.class, () -> ManagedName.check("mail.v1"));
        assertTrue(failure.getMessage().contains("mail-v1"), failure.getMessage());
    }
}
