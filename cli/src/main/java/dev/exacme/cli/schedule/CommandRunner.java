package dev.exacme.cli.schedule;

import dev.exacme.cli.schedule.windows.ConsoleCodePage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a system tool ({@code systemctl}, {@code schtasks.exe}) and returns its exit code
 * and output. The real one starts processes; tests record the calls.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command} to its end, with no input. */
    Result run(List<String> command) throws IOException;

    /** Exit code and combined stdout and stderr. */
    record Result(int exitCode, String output) {

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Starts real processes; their output is read in the platform's encoding. */
    static CommandRunner processes() {
        return new ProcessCommandRunner(ProcessCommandRunner::platform);
    }

    /**
     * Starts real processes on Windows: console tools' output is read in the console's code
     * page ({@link ConsoleCodePage}), found the first time some output needs it.
     */
    static CommandRunner windowsProcesses() {
        // chcp's own output is read for its digits only, which are ASCII in every code page.
        var chcp = new ProcessCommandRunner(() -> StandardCharsets.ISO_8859_1);
        return new ProcessCommandRunner(() -> ConsoleCodePage.of(System.getProperties(), chcp,
                ConsoleCodePage.systemChcp()));
    }

    /** Runs the command and fails with its output unless it exits with 0. */
    default Result require(List<String> command) throws IOException {
        var result = run(command);
        if (!result.succeeded()) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + result.exitCode()
                    + (result.output().isBlank() ? "" : ": " + result.output().strip()));
        }
        return result;
    }
}
