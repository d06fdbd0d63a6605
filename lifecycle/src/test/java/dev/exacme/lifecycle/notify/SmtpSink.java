package dev.exacme.lifecycle.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-sink} (Debian {@code postfix}), a real SMTP server for tests, on a
 * free loopback port: it announces 8BITMIME and {@code AUTH PLAIN LOGIN} but no STARTTLS,
 * and dumps every message it accepts into a file of its own ({@code -d}), after undoing
 * the dot-stuffing, with lines ending in LF.
 */
public final class SmtpSink implements AutoCloseable {

    private static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");

    private final Process process;
    private final Path dumps;
    private final int port;

    private SmtpSink(Process process, Path dumps, int port) {
        this.process = process;
        this.dumps = dumps;
        this.port = port;
    }

    /** Starts it; {@code extra} are more options, e.g. {@code -f RCPT} to refuse every recipient. */
    public static SmtpSink start(Path directory, String... extra) throws Exception {
        Programs.require(SMTP_SINK, "postfix");
        Programs.requireRoot("smtp-sink (it must drop privileges with -u)");
        var dumps = Files.createDirectories(directory.resolve("sink"));
        int port = Programs.freePort();
        var command = new ArrayList<>(List.of(SMTP_SINK.toString(), "-u", "root", "-h", "sink.exacme.test",
                "-d", dumps + "/%M."));
        command.addAll(List.of(extra));
        command.addAll(List.of("127.0.0.1:" + port, "10"));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("smtp-sink.out").toFile()).start();
        var sink = new SmtpSink(process, dumps, port);
        sink.awaitListening(directory);
        return sink;
    }

    public int port() {
        return port;
    }

    /** The dumped messages, in no particular order. */
    public List<String> messages() throws IOException {
        var messages = new ArrayList<String>();
        try (var files = Files.list(dumps)) {
            for (var file : (Iterable<Path>) files::iterator) {
                // smtp-sink opens a dump file when a transaction starts and deletes it a moment after
                // the transaction is aborted (a refused recipient): an empty file is not a message.
                var content = Files.readString(file, StandardCharsets.UTF_8);
                if (!content.isEmpty()) {
                    messages.add(content);
                }
            }
        }
        return messages;
    }

    private void awaitListening(Path directory) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            if (!process.isAlive()) {
                fail("smtp-sink exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("smtp-sink.out")));
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                // Not yet.
            }
            if (Instant.now().isAfter(deadline)) {
                fail("smtp-sink did not listen on port " + port);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
