package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import dev.exacme.lifecycle.managed.RenewalLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The specification as an administrator meets it: two and three names, an edit, a renewal
 * after the edit, a default changed by a later release, the same mistakes through add and
 * edit, two definitions aiming at one store, and issue waiting for a running renewal.
 */
class SpecificationPebbleTest {

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private String config() {
        return temp.resolve("config").toString();
    }

    private List<String> ca() {
        return List.of("--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--skip-self-check", "--http-port", String.valueOf(PEBBLE.httpChallengePort()),
                "--http-bind", "127.0.0.1");
    }

    private CommandRun run(List<String> first, String... more) {
        var args = new ArrayList<>(first);
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private CommandRun add(String name, String... more) {
        var args = new ArrayList<>(List.of("add", "--config-dir", config(), name));
        args.addAll(ca());
        return run(args, more);
    }

    private JsonNode spec(String name) throws Exception {
        return new ObjectMapper().readTree(Files.readString(temp.resolve("config/certificates/" + name + ".json")));
    }

    private static List<String> identifiers(JsonNode spec) {
        var names = new ArrayList<String>();
        spec.get("identifiers").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Test
    void twoAndThreeNamesAreKeptOnceAndAnEditReplacesThemForTheNextRenewal() throws Exception {
        var added = add("mail", "-d", "mail.spec.exacme.test", "-d", "autodiscover.spec.exacme.test");
        assertEquals(0, added.exitCode(), added.toString());
        assertEquals(List.of("mail.spec.exacme.test", "autodiscover.spec.exacme.test"), identifiers(spec("mail")));
        assertEquals(temp.resolve("config/pem/mail").toString(), spec("mail").get("store").get("directory").asText(),
                "the default PEM directory is the managed certificate's own");

        var edit = CommandRun.of("edit", "--config-dir", config(), "mail", "-d", "mail.spec.exacme.test", "-d",
                "autodiscover.spec.exacme.test", "-d", "owa.spec.exacme.test");
        assertEquals(0, edit.exitCode(), edit.toString());
        assertEquals(List.of("mail.spec.exacme.test", "autodiscover.spec.exacme.test", "owa.spec.exacme.test"),
                identifiers(spec("mail")), "replaced, not doubled");

        // Not forced: a certificate without the names its specification asks for is due now.
        var renew = CommandRun.of("renew", "--config-dir", config(), "--json");
        assertEquals(0, renew.exitCode(), renew.toString());
        var row = new ObjectMapper().readTree(renew.out()).get("certificates").get(0);
        assertEquals("renewed", row.get("outcome").asText(), renew.toString());
        assertTrue(row.get("reason").asText().contains("the specification names"), row.toString());
        var leaf = PemFormat.readCertificates(Files.readString(temp.resolve("config/pem/mail/cert.pem"))).get(0);
        assertEquals(3, leaf.getSubjectAlternativeNames().size(), "the renewal after the edit has the three names");

        var twice = CommandRun.of("edit", "--config-dir", config(), "mail", "-d", "a.spec.exacme.test", "-d",
                "a.spec.exacme.test");
        assertEquals(2, twice.exitCode(), twice.toString());
        assertTrue(twice.err().contains("given twice"), twice.toString());
        assertEquals(3, identifiers(spec("mail")).size(), "a refused edit changes nothing");
    }

    @Test
    void addAndEditRefuseTheSameThingsWithTheSameWords() throws Exception {
        assertEquals(0, add("web", "-d", "web.spec.exacme.test").exitCode());
        var before = Files.readString(temp.resolve("config/certificates/web.json"));
        for (var bad : List.of(List.of("--http-port", "0"), List.of("--key-type", "rsa1024"),
                List.of("-d", "bad_name.example.com"), List.of("--server", "http://acme.example.com/dir"),
                List.of("--timeout", "0s"))) {
            var options = new ArrayList<String>(List.of("add", "--config-dir", config(), "other"));
            var common = ca();
            for (var i = 0; i < common.size(); i++) {
                var takesValue = i + 1 < common.size() && !common.get(i + 1).startsWith("--");
                if (!bad.contains(common.get(i))) {
                    options.add(common.get(i));
                    if (takesValue) {
                        options.add(common.get(i + 1));
                    }
                }
                if (takesValue) {
                    i++;
                }
            }
            options.addAll(bad.contains("-d") ? bad : concat(List.of("-d", "other.spec.exacme.test"), bad));
            var viaAdd = CommandRun.of(options.toArray(String[]::new));
            var viaEdit = run(List.of("edit", "--config-dir", config(), "web"), bad.toArray(String[]::new));
            assertEquals(2, viaAdd.exitCode(), viaAdd.toString());
            assertEquals(2, viaEdit.exitCode(), viaEdit.toString());
            assertEquals(message(viaAdd.err()), message(viaEdit.err()), bad.toString());
        }
        assertEquals(before, Files.readString(temp.resolve("config/certificates/web.json")), "nothing saved");
        assertFalse(Files.exists(temp.resolve("config/certificates/other.json")));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The error line, without the progress before it or the pointer to --help after it. */
    private static String message(String err) {
        return err.lines().filter(line -> line.startsWith("exacme: ")).findFirst().orElse(err);
    }

    @Test
    void aStoreLocationBelongsToOneDefinition() throws Exception {
        var out = temp.resolve("shared").toString();
        assertEquals(0, add("one", "-d", "first.spec.exacme.test", "--out", out).exitCode());
        var second = add("two", "-d", "first.spec.exacme.test", "--out", out);
        assertEquals(2, second.exitCode(), second.toString());
        assertTrue(second.err().contains("belongs to managed certificate one"), second.toString());
        var elsewhere = add("three", "-d", "first.spec.exacme.test");
        assertEquals(0, elsewhere.exitCode(), "the same first name with its own directory: " + elsewhere);
        var edit = CommandRun.of("edit", "--config-dir", config(), "three", "--out", out);
        assertEquals(2, edit.exitCode(), edit.toString());
        var issue = run(concat(List.of("issue", "--config-dir", config(), "-d", "other.spec.exacme.test", "--out",
                out), ca()));
        assertEquals(2, issue.exitCode(), issue.toString());
        assertTrue(issue.err().contains("belongs to managed certificate one"), issue.toString());
        var before = PemFormat.readCertificates(Files.readString(Path.of(out, "cert.pem"))).get(0);
        assertTrue(before.getSubjectX500Principal().getName().contains("first.spec.exacme.test"), "left alone");
        var stray = CommandRun.of("edit", "--config-dir", config(), "three", "--pfx-legacy");
        assertEquals(2, stray.exitCode(), stray.toString());
        assertTrue(stray.err().contains("apply to --store pfx only"), stray.toString());
    }

    @Test
    void aDefaultChangedByALaterReleaseDoesNotChangeAStoredCertificate() throws Exception {
        assertEquals(0, add("kept", "-d", "kept.spec.exacme.test").exitCode());
        assertEquals("rsa2048", spec("kept").get("key").get("type").asText());
        System.setProperty("exacme.default.key-type", "ec256");
        try {
            assertEquals(0, add("newer", "-d", "newer.spec.exacme.test").exitCode());
            assertEquals("ec256", spec("newer").get("key").get("type").asText(), "the seam changes the default");

            var renew = CommandRun.of("renew", "kept", "--force", "--config-dir", config());

            assertEquals(0, renew.exitCode(), renew.toString());
        } finally {
            System.clearProperty("exacme.default.key-type");
        }
        var key = PemFormat.readKeyPair(Files.readString(temp.resolve("config/pem/kept/key.pem")));
        assertEquals("RSA", key.getPrivate().getAlgorithm(), "renewed with the key type it was added with");
    }

    @Test
    void issueWaitsForARunningRenewalInsteadOfFightingOverThePort() throws Exception {
        var lock = RenewalLock.acquire(temp.resolve("config/renew.lock"), Duration.ZERO).orElseThrow();
        var issue = CompletableFuture.supplyAsync(() -> run(concat(List.of("issue", "--config-dir", config(), "-d",
                "wait.spec.exacme.test", "--out", temp.resolve("wait").toString()), ca())));
        Thread.sleep(1500);
        assertFalse(issue.isDone(), "issue waits while another run holds the lock");
        lock.close();
        var done = issue.get();
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(done.err().contains("waiting for another exacme run"), done.toString());
    }
}
