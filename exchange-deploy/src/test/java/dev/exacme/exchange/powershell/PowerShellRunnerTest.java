package dev.exacme.exchange.powershell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.Thumbprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's process handling, with a real interpreter ({@code fake-powershell.py}) standing in for PowerShell. */
class PowerShellRunnerTest {

    private static final Path STAND_IN = Path.of("src/test/resources/fake-powershell.py").toAbsolutePath();

    private static PowerShellRunner runner(Duration timeout) {
        return new PowerShellRunner(List.of("python3", STAND_IN.toString()), timeout);
    }

    @Test
    void hostileValuesReachPowerShellByteForByteAsInertLiterals() throws Exception {
        var hostile = "Contoso's \u2018mail\u2019 \u201A\u201B; $(Remove-Item C:\\ -Recurse) `whoami` \"x\"\nline2 ü 日本";
        var script = PowerShellScript.builder()
                .line("Get-ExchangeCertificate -Thumbprint {} -Server {}",
                        Thumbprint.parse("0123456789abcdef0123456789abcdef01234567"), hostile)
                .build();

        var result = runner(Duration.ofSeconds(20)).run(script);

        assertEquals(script.text(), result.get("script").asText());
        assertEquals("-EncodedCommand", result.get("mode").asText());
        var literal = script.text().substring(script.text().indexOf(" -Server ") + " -Server ".length());
        assertEquals(hostile, PowerShellLexer.singleQuoted(literal), "one literal token that decodes to the value");
    }

    @Test
    void aScriptTooLongForACommandLineGoesThroughATemporaryFileThatIsDeleted() throws Exception {
        var builder = PowerShellScript.builder();
        for (var i = 0; i < 2_000; i++) {
            builder.line("$name{} = {}", i, "value number " + i);
        }
        var script = builder.build();
        var before = temporaryScripts();

        var result = runner(Duration.ofSeconds(20)).run(script);

        assertEquals("-File", result.get("mode").asText());
        assertEquals(script.text(), result.get("script").asText());
        assertEquals(before, temporaryScripts(), "the .ps1 file is gone");
    }

    @Test
    void aThrownErrorComesBackAsPowerShellsErrorRecord() {
        var failure = assertThrows(PowerShellFailure.class, () -> runner(Duration.ofSeconds(20))
                .run(PowerShellScript.builder().line("throw {}", "The certificate isn't valid for IIS").build()));

        assertEquals(PowerShellFailure.Kind.ERROR_RECORD, failure.kind());
        assertEquals("The certificate isn't valid for IIS", failure.getMessage());
        assertEquals("OperationStopped", failure.category());
        assertEquals("Enable-ExchangeCertificate", failure.cmdlet().orElseThrow());
    }

    @Test
    void warningsBeforeTheResultAreSkipped() throws Exception {
        var result = runner(Duration.ofSeconds(20)).run(PowerShellScript.builder().line("Write-Warning 'w'").build());
        assertEquals("Write-Warning 'w'", result.get("script").asText());
    }

    @Test
    void anExitWithoutResultAndOutputThatIsNotJsonAreFailuresSayingSo() {
        var exit = assertThrows(PowerShellFailure.class,
                () -> runner(Duration.ofSeconds(20)).run(PowerShellScript.builder().line("exit 3").build()));
        assertEquals(PowerShellFailure.Kind.NO_RESULT, exit.kind());
        assertTrue(exit.getMessage().contains("exit code 3"), exit.getMessage());

        var garbage = assertThrows(PowerShellFailure.class, () -> runner(Duration.ofSeconds(20))
                .run(PowerShellScript.builder().line("Write-Output 'not json'").build()));
        assertTrue(garbage.getMessage().contains("not json"), garbage.getMessage());
    }

    @Test
    void aRunPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        var started = System.nanoTime();
        var failure = assertThrows(PowerShellFailure.class, () -> runner(Duration.ofSeconds(2))
                .run(PowerShellScript.builder().line("Start-Sleep 600").build()));

        assertEquals(PowerShellFailure.Kind.TIMEOUT, failure.kind());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
        Thread.sleep(200);
        var sleepers = ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .map(line -> line.equals("sleep 600")).orElse(false)).toList();
        assertEquals(List.of(), sleepers, "the child process was killed too");
    }

    @Test
    void aMissingPowerShellIsReportedNotThrownAsIoException() {
        var failure = assertThrows(PowerShellFailure.class, () -> new PowerShellRunner(
                List.of("/nonexistent/powershell.exe"), Duration.ofSeconds(5)).run(PowerShellScript.builder().build()));
        assertEquals(PowerShellFailure.Kind.NOT_STARTED, failure.kind());
        assertTrue(failure.getMessage().contains("/nonexistent/powershell.exe"), failure.getMessage());
    }

    @Test
    void scriptsTakeOnlyTypedValues() {
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.builder().line("Get-Item {}", new Object()));
        assertThrows(IllegalArgumentException.class, () -> PowerShellScript.builder().line("Get-Item {} {}", "one"));
        assertEquals("Set-X -Names @('a','b''c') -Force:$true -Port 443",
                PowerShellScript.builder().line("Set-X -Names {} -Force:{} -Port {}", List.of("a", "b'c"), true, 443)
                        .build().text());
        assertEquals("'x\u2019\u2019; rm'", PowerShellLiteral.quote("x\u2019; rm"), "a typographic quote is doubled");
    }

    private static List<Path> temporaryScripts() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ps1")).sorted().toList();
        }
    }
}
