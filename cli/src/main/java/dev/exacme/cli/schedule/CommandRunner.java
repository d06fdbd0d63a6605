package dev.exacme.cli.schedule;

import java.io.IOException;
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

    /** Starts real processes. */
    static CommandRunner processes() {
        return new ProcessCommandRunner();
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
