package dev.exacme.lifecycle.deploy.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.program.Processes;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.run.RecordingProgress;
import dev.exacme.lifecycle.spec.AccountSpec;
import dev.exacme.lifecycle.spec.CaSpec;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.ChallengeSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.KeySpec;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script target running real programs (sh scripts), and the placeholders' checks. */
class ScriptTargetTest {

    private static final Thumbprint FIRST = Thumbprint.parse("11".repeat(20));
    private static final Thumbprint SECOND = Thumbprint.parse("2A".repeat(20));

    @TempDir
    Path temp;

    private final RecordingProgress progress = new RecordingProgress();

    /** An executable sh script: {@code #!/bin/sh} and {@code body}. */
    private Path script(String name, String body) throws IOException {
        var file = Files.writeString(temp.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A script that writes each argument as {@code [ARG]} to {@code argv.txt} and its EXACME_* variables to {@code env.txt}. */
    private Path recorder() throws IOException {
        return script("record.sh", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > '" + temp.resolve("argv.txt")
                + "'\nenv > '" + temp.resolve("env.txt") + "'\necho recorded\n");
    }

    private List<String> argv() throws IOException {
        return Files.readAllLines(temp.resolve("argv.txt"));
    }

    /** The EXACME_* variables the script saw. */
    private Map<String, String> exacmeVariables() throws IOException {
        return environment().entrySet().stream().filter(entry -> entry.getKey().startsWith("EXACME_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b, TreeMap::new));
    }

    private Map<String, String> environment() throws IOException {
        return Files.readAllLines(temp.resolve("env.txt")).stream().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1), (a, b) -> b, TreeMap::new));
    }

    private static CertificateSpec spec(StoreSpec store, String friendlyName, String... names) {
        return new CertificateSpec(CertificateSpec.SCHEMA_VERSION, "mail", List.of(names),
                new CaSpec("https://ca.test/dir", List.of(), new AccountSpec(List.of(), true, null, null), null, null),
                new ChallengeSpec.Http01Listener(80, List.of(), true), new KeySpec("ec256", false), store, List.of(),
                Duration.ofMinutes(5), friendlyName, Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static DeploymentSpec.Script settings(Path program, Duration timeout, String... arguments) {
        return new DeploymentSpec.Script(program.toString(), List.of(arguments), timeout);
    }

    private ScriptTarget target(DeploymentSpec.Script settings, CertificateSpec spec) {
        return new ScriptTarget(settings, spec, progress, new ScriptHost(false, "C:\\Windows"));
    }

    private static DeployedCertificate certificate(Thumbprint thumbprint, Optional<Thumbprint> previous,
                                                   CertificateSpec spec) {
        return new DeployedCertificate(thumbprint, previous, spec.identifiers());
    }

    @Test
    void everyPlaceholderAndVariableOfAFirstAndASecondCertificate() throws Exception {
        var program = recorder();
        var pem = temp.resolve("pem dir");
        var friendly = "Mail \"front\" {names} it's";
        var settings = settings(program, Duration.ofSeconds(20), "{name}", "{thumbprint}", "{previous-thumbprint}",
                "{names}", "{common-name}", "{friendly-name}", "{store}", "{store-path}", "{certificate-file}",
                "{chain-file}", "{fullchain-file}", "{key-file}", "--label=it's \"quoted\" {common-name} here",
                "{0} { $_ }");
        var two = spec(new StoreSpec.Pem(pem.toString(), null), friendly, "mail.example.test",
                "autodiscover.example.test");

        var first = target(settings, two).deploy(certificate(FIRST, Optional.empty(), two), false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, first.status(), first.toString());
        assertTrue(first.verification().orElseThrow().contains(program + " exited with code 0"),
                first.verification().toString());
        assertEquals(List.of("[mail]", "[" + FIRST.hex() + "]", "[]", "[mail.example.test,autodiscover.example.test]",
                "[mail.example.test]", "[" + friendly + "]", "[pem]", "[" + pem + "]", "[" + pem + "/cert.pem]",
                "[" + pem + "/chain.pem]", "[" + pem + "/fullchain.pem]", "[" + pem + "/key.pem]",
                "[--label=it's \"quoted\" mail.example.test here]", "[{0} { $_ }]"), argv());
        var expected = new TreeMap<>(Map.ofEntries(Map.entry("EXACME_NAME", "mail"),
                Map.entry("EXACME_THUMBPRINT", FIRST.hex()), Map.entry("EXACME_PREVIOUS_THUMBPRINT", ""),
                Map.entry("EXACME_NAMES", "mail.example.test,autodiscover.example.test"),
                Map.entry("EXACME_COMMON_NAME", "mail.example.test"), Map.entry("EXACME_FRIENDLY_NAME", friendly),
                Map.entry("EXACME_STORE", "pem"), Map.entry("EXACME_STORE_PATH", pem.toString()),
                Map.entry("EXACME_CERTIFICATE_FILE", pem + "/cert.pem"),
                Map.entry("EXACME_CHAIN_FILE", pem + "/chain.pem"),
                Map.entry("EXACME_FULLCHAIN_FILE", pem + "/fullchain.pem"),
                Map.entry("EXACME_KEY_FILE", pem + "/key.pem")));
        assertEquals(expected, exacmeVariables());
        assertTrue(progress.lines.stream().anyMatch(line -> line.startsWith("running " + program + " mail ")),
                progress.lines.toString());
        assertTrue(progress.lines.stream().anyMatch(line -> line.startsWith("waiting for " + program
                + " to finish (at most 20s)")), progress.lines.toString());

        var three = spec(new StoreSpec.Pem(pem.toString(), null), friendly, "mail.example.test",
                "autodiscover.example.test", "*.example.test");
        var second = target(settings, three).deploy(certificate(SECOND, Optional.of(FIRST), three), false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, second.status(), second.toString());
        var argv = argv();
        assertEquals(List.of("[" + SECOND.hex() + "]", "[" + FIRST.hex() + "]",
                "[mail.example.test,autodiscover.example.test,*.example.test]"), argv.subList(1, 4));
        assertEquals(14, argv.size(), "one argument each, whatever the values hold");
        assertEquals(SECOND.hex(), exacmeVariables().get("EXACME_THUMBPRINT"));
        assertEquals(FIRST.hex(), exacmeVariables().get("EXACME_PREVIOUS_THUMBPRINT"));
        assertEquals("mail.example.test,autodiscover.example.test,*.example.test", exacmeVariables().get("EXACME_NAMES"));
    }

    @Test
    void withoutArgumentsItGetsTheDefaultAndNoSecretOfTheStore() throws Exception {
        assertNotNull(System.getenv("HOME"), "the test reads the PFX password from HOME, which must be set");
        assertNotNull(System.getenv("PATH"));
        var pfx = temp.resolve("mail.pfx");
        var spec = spec(new StoreSpec.Pfx(pfx.toString(), SecretSource.environment("HOME"), false, null), null,
                "mail.example.test", "autodiscover.example.test");
        var settings = settings(recorder(), Duration.ofSeconds(20));

        assertEquals(DeploymentSpec.Script.DEFAULT_ARGUMENTS, settings.arguments(), "the default is recorded");
        var outcome = target(settings, spec).deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertEquals(DeploymentOutcome.Status.DEPLOYED, outcome.status(), outcome.toString());
        assertEquals(List.of("[" + FIRST.hex() + "]", "[mail.example.test,autodiscover.example.test]", "[]"), argv());
        var variables = exacmeVariables();
        assertEquals("pfx", variables.get("EXACME_STORE"));
        assertEquals(pfx.toString(), variables.get("EXACME_STORE_PATH"));
        assertEquals("", variables.get("EXACME_FRIENDLY_NAME"), "exacme names the certificate itself");
        assertFalse(variables.containsKey("EXACME_KEY_FILE"), variables.toString());
        assertEquals(8, variables.size(), variables.toString());
        var environment = environment();
        assertFalse(environment.containsKey("HOME"), "the variable the PFX password is read from is withheld");
        assertEquals(System.getenv("PATH"), environment.get("PATH"), "the rest is inherited");
    }

    @Test
    void aFailingScriptFailsTheDeploymentWithItsExitCodeAndOutput() throws Exception {
        var program = script("fail.sh", "echo 'pushing to the appliance'\n"
                + "echo 'appliance refused the certificate: chain incomplete' >&2\nexit 3\n");
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");

        var outcome = target(settings(program, Duration.ofSeconds(20)), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertEquals(DeploymentOutcome.Status.FAILED, outcome.status(), outcome.toString());
        var failure = outcome.failure().orElseThrow();
        assertTrue(failure.startsWith(program + " failed with exit code 3."), failure);
        assertTrue(failure.contains("  pushing to the appliance" + System.lineSeparator()
                + "  appliance refused the certificate: chain incomplete"), failure);
        assertTrue(outcome.verification().isEmpty());
        assertTrue(progress.lines.stream().anyMatch(line -> line.startsWith(program + " exited with code 3 after ")),
                progress.lines.toString());
    }

    @Test
    void aHangingScriptIsStoppedWithItsChildAndFailsNamingTheTimeoutOption() throws Exception {
        var pids = temp.resolve("pids");
        var program = script("hang.sh", "echo $$ > '" + pids + "'\nsleep 120 &\necho $! >> '" + pids + "'\n"
                + "echo 'waiting for the appliance'\nwait\n");
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");
        var started = System.nanoTime();

        var outcome = target(settings(program, Duration.ofMillis(1500)), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(), "stopped, not waited out");
        assertEquals(DeploymentOutcome.Status.FAILED, outcome.status(), outcome.toString());
        var failure = outcome.failure().orElseThrow();
        assertTrue(failure.startsWith(program + " did not finish within 1500ms and was stopped"), failure);
        assertTrue(failure.contains("raise --deploy-script-timeout (at most 1h)"), failure);
        assertTrue(failure.contains("waiting for the appliance"), failure);
        var both = Files.readAllLines(pids).stream().map(String::trim).map(Long::parseLong).toList();
        assertEquals(2, both.size(), both.toString());
        assertTrue(Processes.gone(both.get(0)), "the script is gone");
        assertTrue(Processes.gone(both.get(1)), "the sleep it started is gone");
    }

    @Test
    void aScriptWritingMuchToStderrIsNotBlockedAndShowsItsLastLines() throws Exception {
        // About 4 MB: far beyond any pipe buffer, which would block a program whose output is not read.
        var program = script("chatty.sh", "i=0\nwhile [ $i -lt 40000 ]; do\n"
                + "  echo \"warning $i: retrying the upload .............................................\" >&2\n"
                + "  i=$((i+1))\ndone\necho 'gave up after 40000 tries' >&2\nexit 5\n");
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");

        var outcome = target(settings(program, Duration.ofSeconds(60)), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertEquals(DeploymentOutcome.Status.FAILED, outcome.status(), outcome.toString());
        var failure = outcome.failure().orElseThrow();
        assertTrue(failure.contains("exit code 5"), failure);
        assertTrue(failure.endsWith("  gave up after 40000 tries"), failure);
        assertTrue(failure.contains("warning 39999: retrying"), failure);
        assertFalse(failure.contains("warning 39990:"), "only the last ten lines");
        assertTrue(failure.length() < 2000, failure.length() + " characters");
    }

    @Test
    void aProgramThatDoesNotExistIsRefusedNamingTheOption() throws Exception {
        var missing = temp.resolve("no-such-deploy.sh");
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");

        var outcome = target(settings(missing, Duration.ofSeconds(5)), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertEquals(DeploymentOutcome.Status.REFUSED, outcome.status(), outcome.toString());
        assertEquals("cannot start " + missing + " (no such file); check --deploy-script.",
                outcome.failure().orElseThrow());
    }

    @Test
    void aProgramTheSystemWillNotStartIsRefusedWithItsReason() throws Exception {
        var notExecutable = Files.writeString(temp.resolve("deploy.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-------"));
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");

        var outcome = target(settings(notExecutable, Duration.ofSeconds(5)), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);

        assertEquals(DeploymentOutcome.Status.REFUSED, outcome.status(), outcome.toString());
        var failure = outcome.failure().orElseThrow();
        assertTrue(failure.startsWith("cannot start " + notExecutable + " ("), failure);
        assertTrue(failure.contains("Permission denied") && failure.endsWith("); check --deploy-script."), failure);
    }

    @Test
    void aDryRunShowsTheCommandLineAndRunsNothing() throws Exception {
        var ran = temp.resolve("ran");
        var program = script("deploy.sh", "touch '" + ran + "'\n");
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), "Mail front", "mail.example.test");

        var outcome = target(settings(program, Duration.ofMinutes(5), "{thumbprint}", "{friendly-name}"), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), true);

        assertEquals(DeploymentOutcome.Status.DRY_RUN, outcome.status(), outcome.toString());
        assertEquals(List.of("run " + program + " " + FIRST.hex() + " \"Mail front\"",
                "wait for it to finish, at most 5m; exit code 0 is deployed"), outcome.plan());
        assertTrue(outcome.notes().get(0).contains("EXACME_PREVIOUS_THUMBPRINT"), outcome.notes().toString());
        assertFalse(Files.exists(ran), "nothing is run");
    }

    @Test
    void onWindowsAPowerShellScriptRunsUnderWindowsPowerShellWithFile() throws Exception {
        var windows = new ScriptHost(true, "D:\\Windows\\");
        var script = "C:\\Scripts\\Import RDGateway.PS1";

        assertEquals(List.of("D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-NoProfile",
                "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", script, "-Thumbprint", FIRST.hex()),
                windows.command(script, List.of("-Thumbprint", FIRST.hex())));
        assertEquals(List.of("C:\\Tools\\deploy.exe", FIRST.hex()), windows.command("C:\\Tools\\deploy.exe",
                List.of(FIRST.hex())), "any other program is started itself");
        assertEquals(List.of("/opt/deploy.ps1", FIRST.hex()), new ScriptHost(false, "C:\\Windows")
                .command("/opt/deploy.ps1", List.of(FIRST.hex())), "elsewhere a .ps1 runs by its #! line");

        var spec = spec(new StoreSpec.WindowsMachine(false, false, List.of(), List.of()), null, "rdg.example.test");
        var outcome = new ScriptTarget(new DeploymentSpec.Script(script, List.of(), Duration.ofMinutes(2)), spec,
                progress, windows).deploy(certificate(FIRST, Optional.empty(), spec), true);
        assertEquals("run D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -NoProfile -NonInteractive"
                + " -ExecutionPolicy Bypass -File \"" + script + "\" " + FIRST.hex() + " rdg.example.test \"\"",
                outcome.plan().get(0));
    }

    @Test
    void onWindowsEveryArgumentReachesTheProgramAsOneArgumentAndABatchFileRefusesWhatCmdWouldRead() {
        var windows = new ScriptHost(true, "C:\\Windows");
        var arguments = List.of("plain", "two words", "x\"y z", "say \"hi\"", "C:\\certs\\", "a\\\\\"b", "",
                "C:\\certs\\R&D", "100%");
        var started = windows.started(windows.command("C:\\Tools\\push.exe", arguments));
        // Java passes quoted arguments as they are; the program reads them back by the C runtime's rules.
        var line = String.join(" ", started.subList(1, started.size()));
        assertEquals(arguments, dev.exacme.lifecycle.importing.WindowsCommandLine.split(line), line);
        assertEquals(List.of("plain"), new ScriptHost(false, "").started(List.of("plain")), "elsewhere unchanged");

        var refused = assertThrows(IllegalArgumentException.class,
                () -> windows.command("C:\\Tools\\feed.CMD", List.of("C:\\certs\\R&D")));
        assertTrue(refused.getMessage().contains("R&D"), refused.getMessage());
        assertEquals(List.of("C:\\Tools\\feed.cmd", "C:\\certs\\plain"),
                windows.command("C:\\Tools\\feed.cmd", List.of("C:\\certs\\plain")));
    }

    @Test
    void unknownPlaceholdersAndPemFilesOfAnotherStoreAreRefusedBeforeAnyOrder() throws Exception {
        var pem = new StoreSpec.Pem(temp.resolve("pem").toString(), null);
        var pfx = new StoreSpec.Pfx(temp.resolve("mail.pfx").toString(), SecretSource.environment("PFX_PASSWORD"),
                false, null);
        var program = temp.resolve("deploy.sh");
        var typo = settings(program, Duration.ofMinutes(1), "--thumbprint={thumbprnt}");
        var keyFile = settings(program, Duration.ofMinutes(1), "{thumbprint}", "cp {key-file} /etc/appliance");

        var unknown = assertThrows(InvalidRequest.class, () -> withDeployment(spec(pem, null, "mail.example.test"),
                typo).validated());
        assertEquals("--deploy-script-arg '--thumbprint={thumbprnt}': {thumbprnt} is not a placeholder. The"
                + " placeholders are {name}, {thumbprint}, {previous-thumbprint}, {names}, {common-name},"
                + " {friendly-name}, {store}, {store-path}, and with --store pem {certificate-file}, {chain-file},"
                + " {fullchain-file}, {key-file}.", unknown.getMessage());
        var pemOnly = assertThrows(InvalidRequest.class, () -> withDeployment(spec(pfx, null, "mail.example.test"),
                keyFile).validated());
        assertEquals("--deploy-script-arg 'cp {key-file} /etc/appliance': {key-file} is there only with --store pem;"
                + " with --store pfx the placeholders are {name}, {thumbprint}, {previous-thumbprint}, {names},"
                + " {common-name}, {friendly-name}, {store}, {store-path}.", pemOnly.getMessage());
        keyFile.validate(pem);
        assertThrows(InvalidRequest.class, () -> settings(program, Duration.ofMinutes(1), "{Thumbprint}")
                .validate(pem), "placeholders are lower case");
        settings(program, Duration.ofMinutes(1), "{0}", "{ $_ }", "{}", "{-x}").validate(pem);

        // A definition edited by hand past the check is refused by the target too, before anything runs.
        var ran = temp.resolve("ran");
        var real = script("deploy.sh", "touch '" + ran + "'\n");
        var spec = spec(pfx, null, "mail.example.test");
        var outcome = target(settings(real, Duration.ofMinutes(1), "{key-file}"), spec)
                .deploy(certificate(FIRST, Optional.empty(), spec), false);
        assertEquals(DeploymentOutcome.Status.REFUSED, outcome.status());
        assertTrue(outcome.failure().orElseThrow().startsWith("not run: --deploy-script-arg '{key-file}'"),
                outcome.failure().toString());
        assertFalse(Files.exists(ran));
    }

    @Test
    void aScriptLeavesNothingToCleanUp() throws Exception {
        var spec = spec(new StoreSpec.Pem(temp.resolve("pem").toString(), null), null, "mail.example.test");
        var target = target(settings(recorder(), Duration.ofSeconds(5)), spec);
        assertEquals("script", target.name());
        assertEquals(List.of(), target.cleanUp(FIRST, Instant.now(), false));
        assertFalse(Files.exists(temp.resolve("argv.txt")), "cleanup runs nothing");
    }

    private static CertificateSpec withDeployment(CertificateSpec spec, DeploymentSpec deployment) {
        return new CertificateSpec(spec.schemaVersion(), spec.name(), spec.identifiers(), spec.ca(), spec.challenge(),
                spec.key(), spec.store(), Arrays.asList(deployment), spec.timeout(), spec.friendlyName(),
                spec.created());
    }
}
