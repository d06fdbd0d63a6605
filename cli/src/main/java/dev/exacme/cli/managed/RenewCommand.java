package dev.exacme.cli.managed;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.cli.DurationConverter;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.issue.IssueCommand;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.lifecycle.notify.CertificateOutcome;
import dev.exacme.lifecycle.notify.Notification;
import dev.exacme.lifecycle.notify.Notifier;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.cli.output.Console;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme renew}: renews every managed certificate that is due, with the whole pipeline
 * of {@code exacme issue} (order, install, deploy, verify), each independently: one failure
 * never stops the others. What the schedule runs; never prompts.
 */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renews the managed certificates that are due (the CA's renewal window when it offers renewal",
            "information, else the last third of the lifetime; also when the certificate or its key left the store),",
            "installs and deploys them as 'exacme add' defined, and prints a summary. Exit 1 when any failed."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:one or more certificates failed, or another renewal run holds the lock",
            ExitCodes.USAGE})
public final class RenewCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Mixin
    private NetworkOptions network;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Only these managed certificates (default: all).")
    private List<String> names = new ArrayList<>();

    @Option(names = "--force", description = "Renew even when not due.")
    private boolean force;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Certificates renewed at the same time (default: ${DEFAULT-VALUE}); HTTP-01 renewals on the"
                    + " same port always take turns.")
    private int concurrency;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for another renewal run to finish (default: ${DEFAULT-VALUE}).")
    private Duration wait;

    @Override
    public Integer call() throws InvalidRequest, IOException, InterruptedException {
        if (concurrency < 1 || concurrency > 32) {
            throw new InvalidRequest("--concurrency " + concurrency + ": choose 1 to 32.");
        }
        var console = global.console();
        var configDirectory = global.configDirectory();
        try (var lock = RenewalLock.acquire(configDirectory.resolve("renew.lock"), wait).orElse(null)) {
            if (lock == null) {
                var document = console.newDocument();
                document.put("status", "error");
                document.put("message", "another 'exacme renew' is running");
                console.error(document, "another 'exacme renew' is running for " + configDirectory + " (it holds "
                        + configDirectory.resolve("renew.lock") + "); waited " + wait.toSeconds() + " s. Try again when"
                        + " it has finished.");
                return 1;
            }
            var rows = renewAll(console, configDirectory);
            report(console, rows);
            notify(console, configDirectory, rows);
            return rows.stream().anyMatch(RenewCommand::failed) ? 1 : 0;
        }
    }

    private List<CertificateOutcome> renewAll(Console console, Path configDirectory)
            throws IOException, InterruptedException, InvalidRequest {
        var managed = new ManagedCertificates(configDirectory);
        var entries = managed.list();
        for (var name : names) {
            if (entries.stream().noneMatch(entry -> entry.name().equals(name))) {
                throw new InvalidRequest("no managed certificate named " + name + "; 'exacme list' shows them.");
            }
        }
        var ports = new ConcurrentHashMap<String, Semaphore>();
        var pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            var thread = new Thread(runnable, "exacme-renew");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var futures = new ArrayList<Future<CertificateOutcome>>();
            for (var entry : entries) {
                if (!names.isEmpty() && !names.contains(entry.name())) {
                    continue;
                }
                if (entry instanceof ManagedCertificates.Broken broken) {
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(new CertificateOutcome(broken.name(), "failed",
                            "", "", broken.problem().getMessage())));
                    continue;
                }
                var one = (ManagedCertificates.Managed) entry;
                futures.add(pool.submit(() -> renewOne(console, managed, configDirectory, one, ports)));
            }
            var rows = new ArrayList<CertificateOutcome>();
            for (var future : futures) {
                try {
                    rows.add(future.get());
                } catch (ExecutionException e) {
                    rows.add(new CertificateOutcome("?", "failed", "", "", String.valueOf(e.getCause())));
                }
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    private CertificateOutcome renewOne(Console console, ManagedCertificates managed, Path configDirectory,
                         ManagedCertificates.Managed entry, Map<String, Semaphore> ports) throws IOException {
        var name = entry.name();
        var definition = entry.definition();
        var state = entry.state();
        var prefix = "[" + name + "] ";
        var now = Instant.now();
        SecretArguments secrets;
        try {
            secrets = SecretArguments.materialize(definition.issueArguments(), configDirectory);
        } catch (InvalidRequest e) {
            return failedEarly(managed, name, state, now, e.getMessage());
        }
        // One set of secret files for the whole renewal: the checks before it and the issue run.
        try (secrets) {
            Optional<String> missing;
            try {
                var command = parsed(definition.name(), secrets.arguments(), configDirectory);
                state = refreshWindow(command, managed, name, state, now, console, prefix);
                missing = missingFromStore(command, state);
            } catch (InvalidRequest | StoreException e) {
                return failedEarly(managed, name, state, now, e.getMessage());
            }
            return renewIfDue(console, managed, configDirectory, entry, state, missing, secrets.arguments(), ports,
                    now);
        }
    }

    private static CertificateOutcome failedEarly(ManagedCertificates managed, String name, CertificateState state,
                                                  Instant now, String message) throws IOException {
        managed.save(name, state.with(new Attempt(now, "failed", "", "usage", message)));
        return new CertificateOutcome(name, "failed", "", "", message);
    }

    private CertificateOutcome renewIfDue(Console console, ManagedCertificates managed, Path configDirectory,
                                          ManagedCertificates.Managed entry, CertificateState state,
                                          Optional<String> missing, List<String> issueArguments,
                                          Map<String, Semaphore> ports, Instant now) throws IOException {
        var name = entry.name();
        var definition = entry.definition();
        var prefix = "[" + name + "] ";
        var decision = Renewals.decide(state, force, missing, now);
        if (!decision.due()) {
            managed.save(name, state);
            cleanUpExchange(console, configDirectory, definition, state.thumbprint(), prefix);
            return new CertificateOutcome(name, "not due", state.thumbprint(), String.valueOf(state.notAfter()),
                    decision.reason());
        }
        console.progress(prefix + "renewing: " + decision.reason());
        var replaces = Files.exists(managed.certificateFile(name)) ? Optional.of(managed.certificateFile(name))
                : Optional.<Path>empty();
        var port = port(definition);
        var semaphore = port.map(key -> ports.computeIfAbsent(key, unused -> new Semaphore(1)));
        IssueRun run;
        try {
            if (semaphore.isPresent()) {
                semaphore.get().acquireUninterruptibly();
            }
            run = IssueRun.runResolved(configDirectory, issueArguments, replaces, console::progress, prefix);
        } finally {
            semaphore.ifPresent(Semaphore::release);
        }
        var after = Renewals.recorded(state, run, managed, name);
        managed.save(name, after);
        if (run.exitCode() != 0) {
            return new CertificateOutcome(name, "failed", run.issued().isPresent() ? after.thumbprint() : "",
                    after.notAfter() == null ? "" : after.notAfter().toString(), run.message());
        }
        cleanUpExchange(console, configDirectory, definition, after.thumbprint(), prefix);
        return new CertificateOutcome(name, "renewed", after.thumbprint(), String.valueOf(after.notAfter()),
                decision.reason());
    }

    /** The definition's {@code exacme issue} command, parsed but not run, its output kept quiet. */
    static IssueCommand parsed(String name, List<String> issueArguments, Path configDirectory)
            throws InvalidRequest {
        var command = new IssueCommand();
        var arguments = new ArrayList<>(issueArguments);
        arguments.addAll(List.of("--config-dir", configDirectory.toString(), "--quiet"));
        var silent = new PrintWriter(Writer.nullWriter());
        try {
            new CommandLine(command).setOut(silent).setErr(silent).setCaseInsensitiveEnumValuesAllowed(true)
                    .parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InvalidRequest(name + ": its definition does not parse: " + e.getMessage());
        }
        return command;
    }

    /**
     * Asks the CA for its renewal window when it is time to ask; keeps the lifetime window when
     * the CA offers none or cannot be asked now (said as progress, never fatal).
     */
    private static CertificateState refreshWindow(IssueCommand command, ManagedCertificates managed, String name,
                                                  CertificateState state, Instant now, Console console, String prefix) {
        var file = managed.certificateFile(name);
        if (state.thumbprint() == null || !Files.exists(file)
                || state.checkAfter() != null && now.isBefore(state.checkAfter())) {
            return state;
        }
        try {
            var certificate = PemFormat.readCertificates(Files.readString(file)).get(0);
            var window = command.renewalWindow(certificate);
            if (window.isEmpty()) {
                return state;
            }
            window.get().explanation().ifPresent(link -> console.progress(prefix + "the CA explains its renewal"
                    + " window at " + link));
            return Renewals.withWindow(state, window.get(), "ari", RandomGenerator.getDefault());
        } catch (AcmeFailure | IOException | RuntimeException e) {
            console.progress(prefix + "renewal information not available (" + e.getMessage() + "); using the"
                    + " lifetime window");
            return state;
        }
    }

    /** Why the certificate must be renewed because it or its key is gone from the store, if so. */
    private static Optional<String> missingFromStore(IssueCommand command, CertificateState state)
            throws InvalidRequest, StoreException {
        if (state.thumbprint() == null) {
            return Optional.empty();
        }
        var store = command.store();
        var stored = store.find(Thumbprint.parse(state.thumbprint()));
        if (stored.isEmpty()) {
            return Optional.of("certificate " + state.thumbprint() + " is no longer in " + store.location());
        }
        if (stored.get().key().isEmpty()) {
            return Optional.of("the private key of " + state.thumbprint() + " is no longer in " + store.location());
        }
        return Optional.empty();
    }

    /**
     * For a certificate deployed to Exchange: removes the certificates it replaced once unused
     * and past the default grace period, as {@code exacme exchange cleanup} does (Windows only;
     * not yet run on Windows). Its outcome is progress, never the renewal's result.
     */
    private static void cleanUpExchange(Console console, Path configDirectory, CertificateDefinition definition,
                                        String thumbprint, String prefix) {
        if (thumbprint == null || !"exchange".equals(String.valueOf(definition.options().get("deploy")))
                || !System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        var arguments = new ArrayList<>(List.of("exchange", "cleanup", thumbprint, "--config-dir",
                configDirectory.toString()));
        var servers = definition.options().get("exchange-server");
        if (servers != null) {
            arguments.addAll(List.of("--exchange-server", String.join(",", servers instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(servers)))));
        }
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var code = dev.exacme.cli.Main.run(arguments.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        out.toString().lines().filter(line -> !line.isBlank())
                .forEach(line -> console.progress(prefix + "cleanup: " + line));
        if (code != 0) {
            console.progress(prefix + "cleanup of replaced certificates failed: " + err.toString().strip());
        }
    }

    /** The HTTP-01 port a renewal listens on, if it listens itself: such renewals take turns. */
    private static Optional<String> port(CertificateDefinition definition) {
        var options = definition.options();
        if (options.containsKey("dns") || options.containsKey("webroot")) {
            return Optional.empty();
        }
        return Optional.of("http:" + options.getOrDefault("http-port", "80"));
    }

    private static boolean failed(CertificateOutcome outcome) {
        return CertificateOutcome.FAILED.equals(outcome.result());
    }

    /** Mail, webhook and event log as {@code exacme notify} configured them; a delivery failure is said, never fatal. */
    private void notify(Console console, Path configDirectory, List<CertificateOutcome> rows) throws IOException,
            InvalidRequest {
        if (rows.isEmpty()) {
            return;
        }
        var http = network.resolve(configDirectory, TrustedCertificates.systemDefault()).network().httpClient().build();
        var report = Notifier.load(configDirectory, http).notify(Notification.of(rows));
        var described = report.describe();
        if (!described.isBlank()) {
            console.progress(described.stripTrailing());
        }
    }

    private static void report(Console console, List<CertificateOutcome> rows) {
        var document = console.newDocument();
        var array = document.putArray("certificates");
        var text = new StringBuilder(String.format("%-20s %-9s %-40s %-22s %s%n", "NAME", "RESULT", "THUMBPRINT",
                "NOT AFTER", "REASON"));
        for (var row : rows) {
            array.addObject().put("name", row.name()).put("result", row.result()).put("thumbprint", row.thumbprint())
                    .put("notAfter", row.notAfter()).put("reason", row.reason());
            text.append(String.format("%-20s %-9s %-40s %-22s %s%n", row.name(), row.result(), row.thumbprint(),
                    row.notAfter(), row.reason()));
        }
        var failed = rows.stream().filter(RenewCommand::failed).count();
        document.put("failed", failed);
        text.append(rows.isEmpty() ? "No managed certificates; 'exacme add' creates one.\n"
                : failed == 0 ? "" : failed + " failed.\n");
        console.result(document, text.toString());
    }
}
