package dev.exacme.acme.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * One running Pebble and, unless Pebble resolves through another DNS server, one
 * pebble-challtestsrv: started, waited for until both really serve, and stopped with
 * everything they spawned.
 *
 * <p>challtestsrv is only Pebble's DNS server here. It answers every A query with 127.0.0.1
 * and AAAA queries with nothing, so that Pebble's validation authority reaches the test's
 * own listeners over IPv4 whatever name is being validated. Its HTTP-01, HTTPS and
 * TLS-ALPN-01 servers are switched off: they would compete with the test for those ports.
 */
final class PebbleProcesses {

    static final Path PEBBLE = Path.of("/usr/bin/pebble");
    static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** challtestsrv's default answer for any name; queried to prove its DNS server is up. */
    private static final String PROBE_NAME = "readiness-probe.exacme.test.";

    private final List<Launched> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyForcibly, "pebble-shutdown");
    private final boolean ownDns;

    private PebbleProcesses(boolean ownDns) {
        this.ownDns = ownDns;
    }

    /**
     * Starts both processes and returns once Pebble serves its directory over TLS with
     * {@code tls}'s certificate and challtestsrv answers DNS. On failure, whatever was
     * started is stopped again.
     */
    static PebbleProcesses start(PebbleSettings settings, PebblePorts ports, Path config, PebbleTls tls,
                                 PebbleLogs logs, Duration timeout) throws StartupFailure, InterruptedException {
        var ownDns = settings.dnsServer().isEmpty();
        var resolver = settings.dnsServer().orElse("127.0.0.1:" + ports.dns());
        var pebble = List.of(PEBBLE.toString(), "-config", config.toString(), "-dnsserver", resolver);
        var challtestsrv = List.of(CHALLTESTSRV.toString(),
                "-management", "127.0.0.1:" + ports.challengeTestServerManagement(),
                "-dns01", "127.0.0.1:" + ports.dns(),
                "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "");
        var started = new PebbleProcesses(ownDns);
        // A JVM that exits without afterAll (Ctrl-C, a surefire timeout) would otherwise leave
        // both servers running and their ports taken.
        Runtime.getRuntime().addShutdownHook(started.shutdownHook);
        try {
            var mark = logs.mark();
            if (ownDns) {
                started.launch(challtestsrv, Map.of(), config.getParent(), logs.challengeTestServer());
            }
            started.launch(pebble, settings.environment(), config.getParent(), logs.pebble());
            started.awaitReady(ports, tls.sslContext(), logs, mark, timeout);
            return started;
        } catch (StartupFailure | InterruptedException | RuntimeException e) {
            started.stop();
            throw e;
        } catch (IOException e) {
            started.stop();
            throw new StartupFailure("cannot start Pebble: " + e.getMessage() + "\n" + logs.tails(), false, e);
        }
    }

    /**
     * Stops both processes and their descendants: politely first so that they release their
     * ports cleanly, forcibly after a grace period, and in both cases waits until they are
     * gone, so the next test class never finds them still holding a port. Idempotent.
     */
    void stop() {
        var handles = new ArrayList<ProcessHandle>();
        for (var launched : processes) {
            // Descendants first: once the parent is gone they would be reparented and lost.
            launched.process().descendants().forEach(handles::add);
            handles.add(launched.process().toHandle());
        }
        handles.forEach(ProcessHandle::destroy);
        var interrupted = false;
        for (var handle : handles) {
            try {
                handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                handle.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        var survivors = new ArrayList<String>();
        for (var launched : processes) {
            try {
                // Reaps the direct children, so that no zombie outlives the test class.
                if (!launched.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    survivors.add(launched.name() + " (pid " + launched.process().pid() + ")");
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        processes.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrRemoved) {
            // Nothing left for the hook to do either way.
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("still running after SIGKILL: " + String.join(", ", survivors));
        }
    }

    private void destroyForcibly() {
        for (var launched : processes) {
            launched.process().descendants().forEach(ProcessHandle::destroyForcibly);
            launched.process().destroyForcibly();
        }
    }

    private void launch(List<String> command, Map<String, String> environment, Path workingDirectory, Path log)
            throws IOException {
        var builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A developer's exported PEBBLE_VA_ALWAYS_VALID or the like would silently change
        // what the tests prove: only the variables set here reach Pebble.
        builder.environment().keySet().removeIf(name -> name.startsWith("PEBBLE_"));
        builder.environment().putAll(environment);
        PebbleLogs.writeHeader(log, command, environment.entrySet().stream()
                .map(variable -> variable.getKey() + "=" + variable.getValue())
                .collect(Collectors.joining(" ")));
        processes.add(new Launched(Path.of(command.get(0)).getFileName().toString(), builder.start()));
    }

    private void awaitReady(PebblePorts ports, SSLContext sslContext, PebbleLogs logs, PebbleLogs.Mark mark,
                            Duration timeout)
            throws IOException, InterruptedException {
        var directory = URI.create("https://127.0.0.1:" + ports.acme() + "/dir");
        var https = HttpClient.newBuilder().sslContext(sslContext).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(PROBE_TIMEOUT).build();
        var http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(PROBE_TIMEOUT).build();
        var management = URI.create("http://127.0.0.1:" + ports.challengeTestServerManagement() + "/");
        var dnsReady = !ownDns;
        var pebbleReady = false;
        var deadline = Instant.now().plus(timeout);
        while (true) {
            checkAlive(logs, mark);
            dnsReady = dnsReady || challengeTestServerAnswers(ports, http, management);
            pebbleReady = pebbleReady || directoryAnswers(https, directory);
            // Checked once more after both answered: challtestsrv's bind failures are logged
            // from goroutines and may trail its first answers, which a stray server on a
            // recycled port could have given.
            if (dnsReady && pebbleReady) {
                checkAlive(logs, mark);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartupFailure("Pebble did not serve " + directory
                        + (dnsReady ? "" : " (and challtestsrv did not answer on DNS 127.0.0.1:" + ports.dns()
                                + " and management 127.0.0.1:" + ports.challengeTestServerManagement() + ")")
                        + " within " + timeout.toSeconds() + " s\n" + logs.tails(), false);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private void checkAlive(PebbleLogs logs, PebbleLogs.Mark mark) throws StartupFailure {
        if (logs.reportPortTaken(mark)) {
            throw new StartupFailure("a port Pebble or challtestsrv needed was taken by another process\n"
                    + logs.tails(), true);
        }
        for (var launched : processes) {
            if (!launched.process().isAlive()) {
                throw new StartupFailure(launched.name() + " exited with code " + launched.process().exitValue()
                        + " while starting\n" + logs.tails(), false);
            }
        }
    }

    private static boolean directoryAnswers(HttpClient https, URI directory) throws InterruptedException {
        try {
            var response = https.send(HttpRequest.newBuilder(directory).timeout(PROBE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListeningYetOrNotOurs) {
            // A refused connection means not yet; a failed handshake means a server that does not
            // hold our certificate, which is not Pebble either.
            return false;
        }
    }

    private static boolean challengeTestServerAnswers(PebblePorts ports, HttpClient http, URI management)
            throws InterruptedException {
        try {
            // Any status will do (it has no page at /): tests POST to it as soon as this returns.
            http.send(HttpRequest.newBuilder(management).timeout(PROBE_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            var resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.dns()));
            resolver.setTimeout(PROBE_TIMEOUT);
            var query = Message.newQuery(Record.newRecord(Name.fromString(PROBE_NAME), Type.A, DClass.IN));
            var answer = resolver.send(query);
            return answer.getRcode() == Rcode.NOERROR && answer.getSection(Section.ANSWER).stream()
                    .anyMatch(record -> record instanceof ARecord a && a.getAddress().isLoopbackAddress());
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private record Launched(String name, Process process) {
    }

    /** Pebble or challtestsrv did not come up. */
    static final class StartupFailure extends IOException {

        private static final long serialVersionUID = 1L;
        private final boolean portTaken;

        StartupFailure(String message, boolean portTaken) {
            super(message);
            this.portTaken = portTaken;
        }

        StartupFailure(String message, boolean portTaken, Throwable cause) {
            super(message, cause);
            this.portTaken = portTaken;
        }

        /** Whether starting again on other ports can help. */
        boolean portTaken() {
            return portTaken;
        }
    }
}
