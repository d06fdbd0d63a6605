package dev.exacme.acme.program;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One of the administrator's programs, run once by exacme: a DNS script, a deployment script.
 * It reads from the null device (a program that asks a question gets end of file instead of
 * waiting until its timeout), its standard output and error go together into an owner-only
 * temporary file (a chatty program never blocks on a full pipe, and its last lines can be
 * shown), and when it runs past its timeout, or the run is interrupted, it is stopped together
 * with every process it started.
 *
 * @param command     the program and its arguments, each one argument as given (no shell in between)
 * @param environment variables set for it, on top of exacme's own environment
 * @param withheld    variables of exacme's environment it does not get (secrets exacme reads from
 *                    its environment, exacme's own {@code EXACME_*} settings)
 * @param timeout     the longest it may run
 */
public record Program(List<String> command, Map<String, String> environment, Set<String> withheld,
                      Duration timeout) {

    /** How many of the last output lines a result keeps. */
    public static final int OUTPUT_LINES_SHOWN = 10;

    /** How much of the output's end is read for the last lines: a program may write megabytes. */
    private static final int TAIL_BYTES = 16 * 1024;

    /** A longer line is cut here, so that one line without an end cannot fill a message. */
    private static final int LONGEST_LINE = 400;

    /** How long a stopped process is given to be gone before the run returns anyway. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** Copies the collections; refuses an empty command and a timeout that is not positive. */
    public Program {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        withheld = Set.copyOf(withheld);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a program to run is required");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a program's timeout must be positive: " + timeout);
        }
    }

    /**
     * Runs the program and waits for it, at most the timeout.
     *
     * @return how it ended, with its last output lines
     * @throws ProgramNotStarted    when the program cannot be started (not found, not executable)
     * @throws InterruptedException when the waiting thread is interrupted; the program and the
     *                              processes it started are stopped first
     * @throws IOException          when the temporary file for its output cannot be created
     */
    public ProgramResult run() throws IOException, InterruptedException {
        var output = Files.createTempFile("exacme-program-", ".log");
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            var variables = builder.environment();
            withheld.forEach(variables::remove);
            variables.putAll(environment);
            var started = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ProgramNotStarted(e.getMessage(), e);
            }
            var finished = false;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (!finished) {
                    // Interrupted, timed out, or anything else: nothing of it keeps running.
                    stop(process);
                }
            }
            var took = Duration.ofNanos(System.nanoTime() - started);
            return finished ? new ProgramResult.Exited(process.exitValue(), lastLines(output), took)
                    : new ProgramResult.TimedOut(lastLines(output), took);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // Windows: a process the program left behind may still hold the file open.
                output.toFile().deleteOnExit();
            }
        }
    }

    /**
     * Stops the program and everything it started. The descendants are listed before the
     * program is stopped, because once it is gone its children belong to another parent and are
     * no longer found as its descendants; the program goes first so it starts no more.
     */
    private static void stop(Process process) {
        var descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        var deadline = System.nanoTime() + STOP_WAIT.toNanos();
        var interrupted = Thread.interrupted();
        try {
            process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (var descendant : descendants) {
                var left = deadline - System.nanoTime();
                if (left > 0) {
                    descendant.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Killed forcibly: what has not gone yet is going; the run does not wait longer for it.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The last output lines, from the end of the file only, decoded as UTF-8 with anything else
     * replaced (a Windows program may write its console code page); control characters are
     * replaced too, so that the output cannot move a terminal's cursor or fake lines of a log.
     */
    static List<String> lastLines(Path output) {
        try (var channel = FileChannel.open(output, StandardOpenOption.READ)) {
            var size = channel.size();
            var start = Math.max(0, size - TAIL_BYTES);
            var buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // read until the buffer is full or the file ends
            }
            var text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            var lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
            if (start > 0) {
                lines.remove(0); // begun in the middle of a line
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            var shown = lines.subList(Math.max(0, lines.size() - OUTPUT_LINES_SHOWN), lines.size());
            return shown.stream().map(Program::printable).toList();
        } catch (IOException e) {
            return List.of("(its output could not be read: " + e.getMessage() + ")");
        }
    }

    private static String printable(String line) {
        var cleaned = line.replaceAll("[\\p{Cntrl}&&[^\\t]]", "?");
        return cleaned.length() <= LONGEST_LINE ? cleaned : cleaned.substring(0, LONGEST_LINE) + " ...";
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
