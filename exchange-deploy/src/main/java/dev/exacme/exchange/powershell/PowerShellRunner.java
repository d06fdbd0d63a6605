package dev.exacme.exchange.powershell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts in Windows PowerShell 5.1 ({@code powershell.exe}, which the Exchange
 * Management Shell needs) and returns their result as JSON.
 *
 * <p>The script is wrapped so that errors stop it ({@code $ErrorActionPreference = 'Stop'})
 * and both outcomes come back as one JSON document on stdout: the result, or PowerShell's
 * error record (message, category, cmdlet). It is passed with {@code -EncodedCommand}
 * (Base64 of UTF-16LE), which no command-line quoting can break, or, when too long for a
 * command line, as a temporary {@code .ps1} file, deleted
 * afterwards (in the user's own temporary folder). A run past its timeout has its whole process tree killed.
 */
public final class PowerShellRunner {

    private static final Logger LOG = LoggerFactory.getLogger(PowerShellRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Windows limits a command line to 32767 characters; leave room for the rest. */
    private static final int ENCODED_COMMAND_LIMIT = 30_000;

    private final List<String> executable;
    private final Duration timeout;

    /**
     * A runner starting {@code executable} (normally {@code powershell.exe}) and allowing
     * each run {@code timeout}.
     */
    public PowerShellRunner(List<String> executable, Duration timeout) {
        this.executable = List.copyOf(executable);
        this.timeout = timeout;
    }

    /** Windows PowerShell 5.1 from the system directory, as Exchange needs it. */
    public static PowerShellRunner windowsPowerShell(Duration timeout) {
        var root = System.getenv().getOrDefault("SystemRoot", "C:\\Windows");
        return new PowerShellRunner(List.of(root + "\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"), timeout);
    }

    /** The wrapper around every script: stop on errors, one JSON document either way. */
    static String wrap(PowerShellScript script) {
        return String.join("\n",
                "$ErrorActionPreference = 'Stop'",
                "$ProgressPreference = 'SilentlyContinue'",
                "[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false",
                "try {",
                "  $exacmeResult = & {",
                script.text(),
                "  }",
                "  ConvertTo-Json -InputObject @{ ok = $true; result = $exacmeResult } -Depth 8 -Compress",
                "} catch {",
                "  $exacmeError = @{ message = $_.Exception.Message; category = \"$($_.CategoryInfo.Category)\";"
                        + " cmdlet = \"$($_.InvocationInfo.MyCommand.Name)\"; errorId = \"$($_.FullyQualifiedErrorId)\" }",
                "  ConvertTo-Json -InputObject @{ ok = $false; error = $exacmeError } -Compress",
                "  exit 1",
                "}");
    }

    /**
     * Runs {@code script} and returns what it produced ({@code null} JSON when nothing).
     *
     * @throws PowerShellFailure with PowerShell's error, or why there is no result
     */
    public JsonNode run(PowerShellScript script) throws PowerShellFailure {
        var wrapped = wrap(script);
        var encoded = Base64.getEncoder().encodeToString(wrapped.getBytes(StandardCharsets.UTF_16LE));
        Path scriptFile = null;
        Path stdout = null;
        Path stderr = null;
        try {
            var command = new ArrayList<>(executable);
            command.addAll(List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass"));
            if (encoded.length() <= ENCODED_COMMAND_LIMIT) {
                command.addAll(List.of("-EncodedCommand", encoded));
            } else {
                // In this user's temporary folder: owner-only on POSIX, the user's own %TEMP% on Windows.
                scriptFile = Files.createTempFile("exacme-", ".ps1");
                Files.writeString(scriptFile, "\uFEFF" + wrapped, StandardCharsets.UTF_8);
                command.addAll(List.of("-File", scriptFile.toString()));
            }
            stdout = Files.createTempFile("exacme-ps-", ".out");
            stderr = Files.createTempFile("exacme-ps-", ".err");
            var process = start(command, stdout, stderr);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new PowerShellFailure(PowerShellFailure.Kind.TIMEOUT, "PowerShell did not finish within "
                        + timeout.toSeconds() + " s; it was stopped.");
            }
            return result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PowerShellFailure(PowerShellFailure.Kind.NOT_STARTED, "PowerShell cannot be run ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerShellFailure(PowerShellFailure.Kind.NO_RESULT, "interrupted while PowerShell ran");
        } finally {
            delete(scriptFile);
            delete(stdout);
            delete(stderr);
        }
    }

    private static Process start(List<String> command, Path stdout, Path stderr) throws IOException {
        try {
            return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static JsonNode result(int exit, String out, String err) throws PowerShellFailure {
        var document = lastJsonLine(out);
        if (document == null) {
            var detail = !err.isBlank() ? err.strip() : out.strip();
            throw new PowerShellFailure(PowerShellFailure.Kind.NO_RESULT, "PowerShell ended with exit code " + exit
                    + " and no result" + (detail.isEmpty() ? "" : ": " + firstLines(detail)));
        }
        if (document.path("ok").asBoolean(false)) {
            if (!err.isBlank()) {
                LOG.debug("PowerShell wrote to stderr: {}", firstLines(err));
            }
            return document.path("result");
        }
        var error = document.path("error");
        throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, error.path("message").asText("unknown error"),
                error.path("category").asText(""), error.path("cmdlet").asText(""), error.path("errorId").asText(""));
    }

    /** The last line of stdout that is a JSON object: scripts may print warnings before it. */
    private static JsonNode lastJsonLine(String out) {
        var lines = out.strip().lines().toList();
        for (var i = lines.size() - 1; i >= 0; i--) {
            var line = lines.get(i).strip();
            if (line.startsWith("{")) {
                try {
                    return JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String firstLines(String text) {
        var lines = text.lines().limit(5).toList();
        return String.join(" | ", lines);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("temporary file {} could not be deleted: {}", file, e.getMessage());
            }
        }
    }
}
