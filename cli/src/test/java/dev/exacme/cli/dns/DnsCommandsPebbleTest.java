package dev.exacme.cli.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.testing.BindExtension;
import dev.exacme.acme.testing.IssuedChains;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code exacme issue --dns rfc2136} and {@code exacme dns test} against a real BIND and Pebble. */
class DnsCommandsPebbleTest {

    @RegisterExtension
    static final BindExtension BIND = new BindExtension();

    @RegisterExtension
    static final PebbleExtension PEBBLE = PebbleExtension.builder().dnsServer("127.0.0.1:53").build();

    @TempDir
    Path temp;

    private Path secretFile(String secret) throws IOException {
        var file = Files.writeString(temp.resolve("tsig-" + secret.hashCode()), secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private List<String> rfc2136(String secret) throws IOException {
        return List.of("--dns", "rfc2136", "--rfc2136-server", BIND.hostPort(), "--rfc2136-tsig-key",
                BindExtension.KEY_NAME, "--rfc2136-tsig-secret-file", secretFile(secret).toString(),
                "--dns-resolver", BIND.hostPort());
    }

    @Test
    void issuesAWildcardCertificate() throws Exception {
        var args = new ArrayList<>(List.of("issue", "-d", "*.example.test", "-d", "example.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("out").toString(),
                "--json"));
        args.addAll(rfc2136(BIND.secret()));
        var run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Publishing TXT _acme-challenge.example.test."), run.err());
        var leaf = PemFormat.readCertificates(Files.readString(temp.resolve("out/cert.pem"))).get(0);
        IssuedChains.assertNames(leaf, "*.example.test", "example.test");
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.example.test")));
    }

    @Test
    void dnsTestChecksCredentialsWithoutAnOrder() throws Exception {
        var args = new ArrayList<>(List.of("dns", "test", "-d", "mail.example.test", "-d", "alias.example.test",
                "--json"));
        args.addAll(rfc2136(BIND.secret()));
        var run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        var document = new ObjectMapper().readTree(run.out());
        assertEquals("ok", document.get("status").asText());
        assertEquals("alias.challenges.delegated.test.", document.get("records").get(1).get("name").asText());
        assertEquals("delegated.test.", document.get("records").get(1).get("zone").asText());
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.mail.example.test",
                "alias.challenges.delegated.test")), "test records removed");
    }

    @Test
    void aScriptProviderDrivingNsupdate() throws Exception {
        // The kind of script an administrator writes: nsupdate with the TSIG key.
        var script = Files.writeString(temp.resolve("nsupdate.sh"), """
                set -e
                verb=add; [ "$1" = cleanup ] && verb=delete
                printf 'server 127.0.0.1 53\nupdate %s %s. 60 TXT "%s"\nsend\n' "$verb" "$2" "$3" \
                  | nsupdate -y "hmac-sha256:KEY:$TSIG_SECRET"
                """.replace("KEY", BindExtension.KEY_NAME));
        var args = new ArrayList<>(List.of("issue", "-d", "scripted.example.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("s").toString(),
                "--dns", "script", "--dns-script", "/usr/bin/env", "--dns-script-arg", "TSIG_SECRET=" + BIND.secret(),
                "--dns-script-arg", "/bin/sh", "--dns-script-arg", script.toString(), "--dns-resolver", BIND.hostPort()));
        var run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of(), BIND.namesWithTxt(List.of("_acme-challenge.scripted.example.test")));
    }

    @Test
    void theManualProviderRefusesToRunWithoutAPerson() {
        var run = CommandRun.of("dns", "test", "-d", "mail.example.test", "--dns", "manual");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("needs a person at a terminal"), run.err());
    }

    @Test
    void aWrongSecretFailsTheTestClearly() throws Exception {
        var args = new ArrayList<>(List.of("dns", "test", "-d", "mail.example.test"));
        args.addAll(rfc2136("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        var run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("does not accept the TSIG key '" + BindExtension.KEY_NAME + "'"), run.err());
        assertFalse(run.err().contains("AAAAAAAAAAAA"), "the secret is never shown");
    }

    @Test
    void aManagedDnsRenewalHoldsItsSecretInMemoryOnly() throws Exception {
        var config = temp.resolve("config");
        var secret = secretFile(BIND.secret());
        assertEquals(0, CommandRun.of("secret", "set", "tsig", "--from-file", secret.toString(), "--config-dir",
                config.toString()).exitCode());
        Files.delete(secret);
        var added = CommandRun.of("add", "--config-dir", config.toString(), "wild", "-d", "*.example.test",
                "--server", PEBBLE.directoryUrl().toString(), "--trust", PEBBLE.trustAnchorPem().toString(),
                "--agree-tos", "--out", temp.resolve("wild").toString(), "--dns", "rfc2136", "--rfc2136-server",
                BIND.hostPort(), "--rfc2136-tsig-key", BindExtension.KEY_NAME, "--rfc2136-tsig-secret-file",
                "secret:tsig", "--dns-resolver", BIND.hostPort());
        assertEquals(0, added.exitCode(), added.toString());
        var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var scans = new java.util.concurrent.atomic.AtomicInteger();
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var value = BIND.secret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // The secret store itself holds it (mode 0600, DPAPI on Windows); no other file may, at any moment.
        var scanner = new Thread(() -> {
            while (running.get()) {
                try (var files = Files.walk(config)) {
                    for (var file : files.filter(Files::isRegularFile)
                            .filter(path -> !path.startsWith(config.resolve("secrets"))).toList()) {
                        try {
                            if (indexOf(Files.readAllBytes(file), value) >= 0) {
                                seen.add(file.toString());
                            }
                        } catch (IOException gone) {
                            // Renamed or removed between listing and reading: an atomic write at work.
                        }
                    }
                    scans.incrementAndGet();
                } catch (IOException | java.io.UncheckedIOException e) {
                    // A directory changed while walking; the next scan looks again.
                }
            }
        });
        scanner.start();
        CommandRun renew;
        try {
            renew = CommandRun.of("renew", "--force", "--config-dir", config.toString(), "--json");
        } finally {
            running.set(false);
            scanner.join();
        }
        assertEquals(0, renew.exitCode(), renew.toString());
        assertTrue(scans.get() > 5, "the scanner looked " + scans.get() + " times");
        assertEquals(List.of(), seen, "files holding the TSIG secret during the renewal");
        assertTrue(!renew.out().contains(BIND.secret()) && !renew.err().contains(BIND.secret()));
        assertTrue(!Files.exists(config.resolve("run")));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (var i = 0; i <= haystack.length - needle.length; i++) {
            for (var j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
