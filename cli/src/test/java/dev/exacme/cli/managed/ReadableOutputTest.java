package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.CommandRun;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.Phase;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code list}, {@code show} and {@code renew} print for people: one time format, a
 * labelled history, tables fitted to {@code COLUMNS}, and damaged definitions reported with
 * path and line and a non-zero exit. The CA plays no part here (nothing is due that a run
 * would order), so there is no Pebble: the definitions and states are written as exacme writes them.
 */
class ReadableOutputTest {

    private static final String THUMBPRINT = "3F2A9C0D4E5B6A7980F1E2D3C4B5A69788776655";
    private static final List<String> INTERNALS = List.of("Jackson", "jackson", "StreamReadFeature",
            "com.fasterxml", "java.", "`", "(code ", "deserialize", "POJO");

    @TempDir
    Path config;

    private ManagedCertificates managed;

    @BeforeEach
    void oneIssuedCertificate() throws Exception {
        managed = new ManagedCertificates(config, definition -> {
            throw new InvalidRequest("no migration here");
        });
        save("exchange-2019-frontend-cluster-a");
        var state = CertificateState.empty()
                .with(new Attempt(Instant.parse("2026-12-01T18:52:07.123456789Z"), "failed", "", "network",
                        "the CA did not answer within 30 s"))
                .with(new Attempt(Instant.parse("2026-12-01T19:10:00Z"), "issued", THUMBPRINT, "", ""))
                .issued(THUMBPRINT, Instant.parse("2026-12-01T18:10:00Z"), Instant.parse("2027-03-01T18:09:59Z"),
                        Phase.INSTALLED)
                .scheduled(Instant.parse("2099-01-01T00:00:00Z"), Instant.parse("2098-12-01T00:00:00Z"),
                        Instant.parse("2099-02-01T00:00:00Z"), "lifetime", null);
        managed.save("exchange-2019-frontend-cluster-a", state);
    }

    private void save(String name) throws Exception {
        managed.save(new CertificateSpec(CertificateSpec.SCHEMA_VERSION, name,
                List.of("mail.contoso.test", "autodiscover.contoso.test", "owa.contoso.test"),
                // A CA nobody listens at: a run that would order fails at once rather than waiting for a resolver.
                new CaSpec("https://127.0.0.1:1/dir", List.of(), new AccountSpec(List.of(), true, null, null), null,
                        null), new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("rsa2048", false),
                new StoreSpec.Pem(config.resolve("pem/" + name).toString(), null), List.of(), Duration.ofMinutes(5),
                null, Instant.parse("2026-12-01T10:00:00Z")));
    }

    private CommandRun exacme(String... args) {
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-dir", config.toString()));
        return CommandRun.of(all.toArray(String[]::new));
    }

    @Test
    void timesForPeopleAreToTheMinuteInUtcEverywhere() {
        var list = exacme("list");
        var show = exacme("show", "exchange-2019-frontend-cluster-a");
        var renew = exacme("renew", "--retry-delay", "10ms");

        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("2027-03-01 18:09 UTC  installed  2099-01-01 00:00 UTC"), list.out());
        assertTrue(show.out().contains("2026-12-01 18:10 UTC to 2027-03-01 18:09 UTC"), show.out());
        assertTrue(show.out().contains("2099-01-01 00:00 UTC (lifetime window 2098-12-01 00:00 UTC to"
                + " 2099-02-01 00:00 UTC)"), show.out());
        // The certificate is in no store here, so renew tries to replace it, and fails at the closed port.
        assertEquals(1, renew.exitCode(), renew.toString());
        assertTrue(renew.out().contains("failed  " + THUMBPRINT + "  2027-03-01 18:09 UTC"), renew.out());
        for (var run : List.of(list, show, renew)) {
            assertFalse(run.out().matches("(?s).*\\d\\d:\\d\\d:\\d\\d.*"), "no seconds or fractions: " + run.out());
            assertFalse(run.out().contains("T18:") || run.out().contains("Z "), run.out());
        }
    }

    @Test
    void showsHistoryIsATableWithHeadings() {
        var show = exacme("show", "exchange-2019-frontend-cluster-a");

        assertEquals(0, show.exitCode(), show.toString());
        var history = show.out().substring(show.out().indexOf("History, oldest first:\n"));
        assertEquals("""
                History, oldest first:
                AT                    OUTCOME  THUMBPRINT                                STEP     MESSAGE
                2026-12-01 18:52 UTC  failed   -                                         network  the CA did not answer within 30 s
                2026-12-01 19:10 UTC  issued   3F2A9C0D4E5B6A7980F1E2D3C4B5A69788776655  -        -
                """, history);
    }

    /** exacme list as its own JVM with {@code COLUMNS} set. */
    private String list(int columns) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.exacme.cli.Main",
                "list", "--config-dir", config.toString());
        process.environment().put("COLUMNS", String.valueOf(columns));
        process.redirectError(ProcessBuilder.Redirect.DISCARD);
        var started = process.start();
        var out = new String(started.getInputStream().readAllBytes());
        assertTrue(started.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, started.exitValue(), out);
        return out;
    }

    @Test
    void listCutsNoTimeOrPhaseInANarrowTerminal() throws Exception {
        for (var columns : List.of(60, 40)) {
            var out = list(columns);
            out.lines().forEach(line -> assertTrue(line.length() <= columns, columns + ": " + line + "\n" + out));
            assertFalse(out.contains("..."), "nothing cut at " + columns + ":\n" + out);
            assertTrue(out.contains("  NOT AFTER    2027-03-01 18:09 UTC\n  PHASE        installed\n"
                    + "  RENEW AT     2099-01-01 00:00 UTC\n  LAST RESULT  issued\n"), columns + ":\n" + out);
            assertTrue(out.startsWith("exchange-2019-frontend-cluster-a\n"), "the name whole, on its own: " + out);
        }
        assertTrue(list(60).contains("  DOMAINS      mail.contoso.test, autodiscover.contoso.test,\n"
                + "               owa.contoso.test\n"), list(60));
    }

    @Test
    void aCertificateNeverIssuedHasNoPhaseInListOrStatus() throws Exception {
        save("fresh");

        var list = exacme("list", "--json");
        var status = exacme("status", "--json");

        var listed = certificate(new ObjectMapper().readTree(list.out()), "fresh");
        assertTrue(listed.get("phase").isNull(), list.out());
        assertEquals("installed", certificate(new ObjectMapper().readTree(list.out()),
                "exchange-2019-frontend-cluster-a").get("phase").asText());
        assertTrue(certificate(new ObjectMapper().readTree(status.out()), "fresh").get("phase").isNull(), status.out());
        assertTrue(exacme("list").out().lines().anyMatch(line -> line.matches("fresh +- +- +- +- +mail\\.contoso.*")),
                "the text shows -");
    }

    private static com.fasterxml.jackson.databind.JsonNode certificate(com.fasterxml.jackson.databind.JsonNode document,
                                                                       String name) {
        for (var certificate : document.get("certificates")) {
            if (certificate.get("name").asText().equals(name)) {
                return certificate;
            }
        }
        throw new AssertionError("no " + name + " in " + document);
    }

    @Test
    void listTableFitsColumnsInARealProcess() throws Exception {
        var out = list(110);

        var lines = out.lines().toList();
        lines.forEach(line -> assertTrue(line.length() <= 110, "within COLUMNS: " + line));
        assertTrue(lines.get(1).startsWith("exchange-20...  "), "the long name cut first: " + out);
        assertTrue(lines.get(1).contains("...  2027-03-01 18:09 UTC"), "the name is cut, the date is whole: " + out);
        var domains = lines.get(0).indexOf("DOMAINS");
        assertEquals(domains, lines.get(1).indexOf("mail.contoso.test"), out);
        assertEquals(domains, lines.get(2).indexOf("autodiscover.contoso.test"), "wrapped under itself: " + out);
        assertTrue(lines.get(4).startsWith("  not due before 2099-01-01 00:00 UTC"), "the note under the row: " + out);
    }

    @Test
    void damagedDefinitionsAreReportedWithPathAndLineAndExitOne() throws Exception {
        save("broken");
        var broken = managed.definitionFile("broken");
        var text = Files.readString(broken).replace("\"port\" : 80,", "\"port\" : 80,,");
        Files.writeString(broken, text);
        var line = lineOf(text, "\"port\"");
        save("typo");
        var typo = managed.definitionFile("typo");
        var typoText = Files.readString(typo).replace("\"selfCheck\" : true", "\"selfCheck\" : \"yes\"");
        Files.writeString(typo, typoText);

        var list = exacme("list");
        var listJson = exacme("list", "--json");
        var show = exacme("show", "broken");
        var showJson = exacme("show", "typo", "--json");
        var renew = exacme("renew", "--retry-delay", "10ms");

        assertEquals(1, list.exitCode(), list.toString());
        assertTrue(list.out().contains("Cannot be read:\n  " + broken + ":" + line + ":17: a field name in double"
                + " quotes was expected here, not ','"), list.out());
        assertTrue(list.out().contains(typo + ":" + lineOf(typoText, "\"selfCheck\"") + ":"), list.out());
        assertTrue(list.out().contains("challenge.selfCheck: must be true or false, not \"yes\""), list.out());
        assertTrue(list.out().contains("exchange-2019-frontend-cluster-a"), "the readable one is still listed");
        assertEquals(1, listJson.exitCode());
        assertEquals("partial", new ObjectMapper().readTree(listJson.out()).get("status").asText(), listJson.out());
        assertEquals(1, show.exitCode(), show.toString());
        assertTrue(show.err().startsWith("exacme: " + broken + ":" + line + ":17: "), show.err());
        assertEquals(1, showJson.exitCode(), showJson.toString());
        assertEquals("error", new ObjectMapper().readTree(showJson.out()).get("status").asText());
        assertEquals(1, renew.exitCode(), renew.toString());
        assertTrue(renew.out().contains(broken + ":" + line + ":17: "), renew.out());
        assertTrue(renew.out().contains(typo + ":" + lineOf(typoText, "\"selfCheck\"") + ":"), renew.out());
        for (var run : List.of(list, listJson, show, showJson, renew)) {
            for (var internal : INTERNALS) {
                assertFalse(run.out().contains(internal) || run.err().contains(internal), internal + " in " + run);
            }
        }
    }

    @Test
    void emptyAndTruncatedDefinitionsToo() throws Exception {
        save("empty");
        Files.writeString(managed.definitionFile("empty"), "");
        save("cut");
        var cut = managed.definitionFile("cut");
        var text = Files.readString(cut);
        Files.writeString(cut, text.substring(0, text.indexOf("\"store\"")));

        var list = exacme("list");

        assertEquals(1, list.exitCode(), list.toString());
        assertTrue(list.out().contains(managed.definitionFile("empty") + ":1:1: the file is empty"), list.out());
        assertTrue(list.out().contains(cut + ":" + lineOf(text, "\"store\"") + ":"), list.out());
        assertTrue(list.out().contains("the file ends too early"), list.out());
        assertEquals(1, exacme("show", "cut").exitCode());
        assertEquals(1, exacme("show", "empty").exitCode());
    }

    private static int lineOf(String text, String snippet) {
        return (int) text.substring(0, text.indexOf(snippet)).chars().filter(c -> c == '\n').count() + 1;
    }
}
