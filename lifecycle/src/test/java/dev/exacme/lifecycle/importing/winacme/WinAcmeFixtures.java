package dev.exacme.lifecycle.importing.winacme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.lifecycle.importing.ImportDefaults;
import dev.exacme.lifecycle.importing.ImportedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fixtures under {@code src/test/resources/win-acme}: {@code programdata} is a win-acme 2.2
 * data directory of a Windows Exchange server (CRLF, System.Text.Json's escaping), and
 * {@code simple-acme} one of simple-acme on Linux, with the Pebble renewal
 * {@code localhost14000dir/pebble-web.renewal.json}.
 */
final class WinAcmeFixtures {

    /** What the import takes from exacme: {@code exacme add}'s defaults. */
    static final ImportDefaults DEFAULTS = new ImportDefaults(List.of("ops@contoso.example"), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(5), Instant.parse("2026-10-20T12:00:00Z"));

    /** The import's environment: what %VARIABLE% in script paths expands to. */
    static final Map<String, String> ENVIRONMENT = Map.of("ProgramFiles", "C:\\Program Files",
            "SystemDrive", "C:");

    private WinAcmeFixtures() {
    }

    /** A fixture directory. */
    static Path resource(String name) {
        try {
            return Path.of(WinAcmeFixtures.class.getResource("/win-acme/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every certificate of a data directory, without IIS. */
    static List<ImportedCertificate> read(Path directory) throws Exception {
        return new WinAcmeRenewals(directory, Optional.empty(), Optional.empty(), ENVIRONMENT).read(DEFAULTS);
    }

    /** The certificate of one renewal file. */
    static ImportedCertificate find(List<ImportedCertificate> certificates, String fileName) {
        return certificates.stream().filter(certificate -> Path.of(certificate.origin()).getFileName().toString()
                .equals(fileName)).findFirst().orElseThrow(() -> new AssertionError("no result for " + fileName));
    }

    /** Asserts that some unmapped line holds all these parts. */
    static void assertUnmapped(ImportedCertificate certificate, String... parts) {
        assertTrue(certificate.unmapped().stream().anyMatch(line -> Stream.of(parts).allMatch(line::contains)),
                () -> "no unmapped line with " + List.of(parts) + " in " + certificate.unmapped());
    }

    /** A copy of a fixture directory in a temporary directory, to change. */
    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
