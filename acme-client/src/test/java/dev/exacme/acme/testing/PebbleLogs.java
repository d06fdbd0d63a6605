package dev.exacme.acme.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Where Pebble and challtestsrv write their stdout and stderr: two files that outlive the
 * test run, so that a failed validation can be read afterwards.
 *
 * @param pebble              Pebble's output
 * @param challengeTestServer challtestsrv's output
 */
record PebbleLogs(Path pebble, Path challengeTestServer) {

    private static final int TAIL_LINES = 25;

    /** The two files in {@code directory}, emptied: one test class's run starts a fresh log. */
    static PebbleLogs createIn(Path directory) throws IOException {
        Files.createDirectories(directory);
        var logs = new PebbleLogs(directory.resolve("pebble.log"), directory.resolve("challtestsrv.log"));
        Files.deleteIfExists(logs.pebble());
        Files.deleteIfExists(logs.challengeTestServer());
        return logs;
    }

    /** Records how a process is started, ahead of its output, in its log. */
    static void writeHeader(Path log, List<String> command, String environment) throws IOException {
        var header = "$ " + (environment.isEmpty() ? "" : environment + " ") + String.join(" ", quoted(command)) + "\n";
        Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Where the logs end now, so that a new start is judged by its own lines only. */
    Mark mark() throws IOException {
        return new Mark(size(pebble), size(challengeTestServer));
    }

    /**
     * Whether a listener could not bind since {@code mark}. Pebble exits on that, but
     * challtestsrv only logs it and keeps running without the listener, so its log is the
     * only place to see it.
     */
    boolean reportPortTaken(Mark mark) {
        return contains(pebble, mark.pebble(), "address already in use")
                || contains(challengeTestServer, mark.challengeTestServer(), "address already in use");
    }

    /** Lengths of both logs at one moment. */
    record Mark(long pebble, long challengeTestServer) {
    }

    /** The last lines of both logs, with their paths, for a failure message. */
    String tails() {
        return tail(pebble) + tail(challengeTestServer);
    }

    private static String tail(Path log) {
        var text = new StringBuilder("--- last lines of ").append(log.toAbsolutePath()).append('\n');
        if (!Files.exists(log)) {
            return text.append("(not written: the process was never started)\n").toString();
        }
        var lines = readLines(log, 0);
        lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                .forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static boolean contains(Path log, long from, String text) {
        return Files.exists(log)
                && readLines(log, from).stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).contains(text));
    }

    private static long size(Path log) throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private static List<String> readLines(Path log, long from) {
        try {
            var bytes = Files.readAllBytes(log);
            var start = (int) Math.min(from, bytes.length);
            // Lenient decoding: a process killed mid-write can leave a broken UTF-8 sequence.
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static List<String> quoted(List<String> command) {
        // Empty arguments (challtestsrv's "-http01 ''") vanish from a log line unless quoted.
        return command.stream().map(argument -> argument.isEmpty() ? "''" : argument).toList();
    }
}
