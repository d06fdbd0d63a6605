package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.NetworkFailure;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.cli.DurationConverter;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.RenewalRun;
import dev.exacme.lifecycle.notify.CertificateOutcome;
import dev.exacme.lifecycle.notify.Notification;
import dev.exacme.lifecycle.notify.NotificationChannel;
import dev.exacme.lifecycle.notify.Notifier;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.pipeline.PipelineOutcome;
import dev.exacme.lifecycle.pipeline.StateRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
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
        description = {"Renews, installs and deploys the managed certificates that are due.",
            "Due: in the CA's renewal window when it offers renewal information, else in the last third of the"
                + " lifetime; also when the certificate or its key left the store. Each is installed and deployed as"
                + " 'exacme add' defined it (a deployment that did not complete is retried with the same certificate,"
                + " without a new order). Prints a summary; exit 1 when any failed."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:one or more certificates failed, notify.json cannot be read (no"
                + " notification sent), or another renewal run holds the lock",
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

    private Instant endOfRun;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Certificates renewed at the same time, and as many asked about at the CA (renewal"
                    + " information) beside them (default: ${DEFAULT-VALUE}); HTTP-01 renewals on the same port, the"
                    + " same store file or the same deployment target always take turns, asking about them does not.")
    private int concurrency;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for another renewal run to finish (default: ${DEFAULT-VALUE}).")
    private Duration wait;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Further attempts for a certificate whose CA or network failed for a moment (no answer, a"
                    + " timeout, badNonce, serverInternal: exit 4's kind), each after a longer wait (default:"
                    + " ${DEFAULT-VALUE}).")
    private int retries;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "The wait before the first further attempt, doubled for each next (default:"
                    + " ${DEFAULT-VALUE}).")
    private Duration retryDelay;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "110m", converter = DurationConverter.class,
            description = "The longest this run goes on starting renewals and attempts: what is not started by then"
                    + " is left to the next run, which keeps inside the schedule's time limit of 2 h (default:"
                    + " ${DEFAULT-VALUE}).")
    private Duration deadline;

    @Override
    public Integer call() throws InvalidRequest, IOException, InterruptedException {
        if (concurrency < 1 || concurrency > 32) {
            throw new InvalidRequest("--concurrency " + concurrency + ": choose 1 to 32.");
        }
        if (retries < 0 || retries > 10) {
            throw new InvalidRequest("--retries " + retries + ": choose 0 to 10.");
        }
        endOfRun = Instant.now().plus(deadline);
        var console = global.console();
        var configDirectory = global.configDirectory();
        try (var lock = Pipelines.lock(configDirectory, wait, console).orElse(null)) {
            if (lock == null) {
                return console.error(1, "locked", "another exacme run (renew, add, issue, deploy, edit or remove) is"
                        + " changing " + configDirectory + " (it holds " + configDirectory.resolve(Pipelines.LOCK)
                        + "); waited " + wait.toSeconds() + " s. Try again when it has finished.", null);
            }
            var started = Instant.now();
            var rows = renewAll(console, configDirectory);
            var notificationProblem = notify(console, configDirectory, rows);
            var failed = (int) rows.stream().filter(RenewCommand::failed).count();
            // Settings that cannot be read send no mail at any run: that needs attention as a failure does.
            var code = failed == 0 && notificationProblem.isEmpty() ? 0 : 1;
            if (names.isEmpty()) {
                // A run over every certificate, as the schedule's: 'exacme status' tells from it whether the schedule runs.
                new RenewalRun(started, Instant.now(), code, (int) rows.stream().filter(CertificateOutcome::isRenewed)
                        .count(), failed).save(configDirectory);
            }
            // The one result document comes last, when everything it reports has happened.
            return report(console, rows, failed, notificationProblem, code);
        }
    }

    private List<CertificateOutcome> renewAll(Console console, Path configDirectory)
            throws IOException, InterruptedException, InvalidRequest {
        var managed = Pipelines.managed(configDirectory);
        var entries = managed.list();
        for (var name : names) {
            if (entries.stream().noneMatch(entry -> entry.name().equals(name))) {
                throw new InvalidRequest("no managed certificate named " + name + "; 'exacme list' shows them.");
            }
        }
        var run = Pipelines.context(configDirectory, network, console);
        var pipeline = Pipelines.pipeline(run, Pipelines.scheduleGap());
        var turns = new ConcurrentHashMap<String, Semaphore>();
        // Two pools: looking a certificate up never waits for the orders and deployments of others.
        var lookUps = Executors.newFixedThreadPool(concurrency, daemon("exacme-renew-lookup"));
        var pool = Executors.newFixedThreadPool(concurrency, daemon("exacme-renew"));
        try {
            var chosen = entries.stream().filter(entry -> names.isEmpty() || names.contains(entry.name())).toList();
            var now = Instant.now();
            var asking = force ? 0 : chosen.stream().filter(entry -> entry instanceof ManagedCertificates.Managed one
                    && CertificatePipeline.asksForRenewalInformation(one.state(), now)
                    && Files.exists(managed.certificateFile(one.name()))).count();
            if (asking > 0) {
                console.progress("asking the CA for renewal information of " + asking + " certificate"
                        + (asking == 1 ? "" : "s") + (asking > concurrency ? " (" + concurrency + " at a time)" : "")
                        + " ...");
            }
            var futures = new ArrayList<CompletableFuture<CertificateOutcome>>();
            for (var entry : chosen) {
                if (entry instanceof ManagedCertificates.Broken broken) {
                    futures.add(CompletableFuture.completedFuture(new CertificateOutcome(broken.name(),
                            CertificateOutcome.FAILED, "", "", broken.problem().getMessage())));
                    continue;
                }
                var one = (ManagedCertificates.Managed) entry;
                if (force) {
                    futures.add(CompletableFuture.supplyAsync(unchecked(() -> renewOne(console, managed, pipeline, one,
                            Optional.empty(), turns)), pool));
                    continue;
                }
                futures.add(CompletableFuture.supplyAsync(unchecked(() -> lookUp(console, managed, pipeline, one)),
                        lookUps).thenCompose(looked -> looked.outcome().isPresent()
                        ? CompletableFuture.completedFuture(looked.outcome().get())
                        : CompletableFuture.supplyAsync(unchecked(() -> renewOne(console, managed, pipeline, one,
                        looked.plan(), turns)), pool)));
            }
            var rows = new ArrayList<CertificateOutcome>();
            for (var future : futures) {
                try {
                    rows.add(future.get());
                } catch (ExecutionException e) {
                    rows.add(new CertificateOutcome("?", CertificateOutcome.FAILED, "", "", String.valueOf(e.getCause())));
                }
            }
            return rows;
        } finally {
            lookUps.shutdownNow();
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A step of a renewal that may fail with an I/O error, for a pool. */
    private interface Step<T> {
        T call() throws IOException;
    }

    private static <T> Supplier<T> unchecked(Step<T> step) {
        return () -> {
            try {
                return step.call();
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        };
    }

    /**
     * What looking a certificate up found: its outcome when that is all (not due, nothing to
     * clean up at a deployment target, or not attempted), else the plan to carry out.
     */
    private record LookedUp(Optional<CertificateOutcome> outcome, Optional<CertificatePipeline.Plan> plan) {
    }

    /**
     * The first half of one certificate's renewal, without turns: the store and the kept
     * certificate read, the CA asked for renewal information when it is time. Changes nothing but
     * the certificate's own state when that is all it needs; what orders, deploys or cleans up at
     * a deployment target is left to {@link #renewOne}.
     */
    private LookedUp lookUp(Console console, ManagedCertificates managed, CertificatePipeline pipeline,
                            ManagedCertificates.Managed entry) throws IOException {
        var name = entry.name();
        try {
            if (!Instant.now().isBefore(endOfRun)) {
                return new LookedUp(Optional.of(notAttempted(entry)), Optional.empty());
            }
            var progress = console.prefixed("[" + name + "] ");
            var record = StateRecord.of(managed, name);
            var plan = pipeline.plan(entry.spec(), entry.state(), record, progress);
            if (plan.action() != CertificatePipeline.Action.NOTHING || !plan.spec().deployments().isEmpty()) {
                return new LookedUp(Optional.empty(), Optional.of(plan));
            }
            return new LookedUp(Optional.of(row(name, pipeline.carryOut(plan, record, progress))), Optional.empty());
        } catch (RuntimeException e) {
            return new LookedUp(Optional.of(defect(managed, entry, e)), Optional.empty());
        }
    }

    /**
     * One certificate through the pipeline, carrying out {@code plan} when it was looked up (else
     * a whole pass). Renewals that need the same thing take turns: the HTTP-01 port, a store file
     * (two keystore aliases share one file) and a deployment target (two deployments verifying
     * one Exchange would see each other's certificate); cleaning up after a certificate not due
     * takes only its deployment targets' turns.
     */
    private CertificateOutcome renewOne(Console console, ManagedCertificates managed, CertificatePipeline pipeline,
                                        ManagedCertificates.Managed entry, Optional<CertificatePipeline.Plan> plan,
                                        Map<String, Semaphore> turns)
            throws IOException {
        var name = entry.name();
        var spec = entry.spec();
        var needs = new TreeSet<String>();
        if (plan.isEmpty() || plan.get().action() != CertificatePipeline.Action.NOTHING) {
            spec.challenge().listenerPort().ifPresent(port -> needs.add("http:" + port));
            if (!spec.store().location().isEmpty()) {
                needs.add(spec.store().location().replaceFirst("#.*$", ""));
            }
        }
        spec.deployments().forEach(deployment -> needs.add("deploy:" + deployment.target()));
        // Taken in one order everywhere, so two renewals never wait for each other.
        var held = needs.stream().map(need -> turns.computeIfAbsent(need, unused -> new Semaphore(1))).toList();
        held.forEach(Semaphore::acquireUninterruptibly);
        try {
            var progress = console.prefixed("[" + name + "] ");
            if (!Instant.now().isBefore(endOfRun)) {
                return notAttempted(entry);
            }
            var mode = force ? CertificatePipeline.Mode.ORDER : CertificatePipeline.Mode.RENEW;
            var outcome = plan.isPresent() ? pipeline.carryOut(plan.get(), StateRecord.of(managed, name), progress)
                    : pipeline.run(spec, entry.state(), mode, StateRecord.of(managed, name), progress);
            var delay = retryDelay;
            for (var attempt = 1; attempt <= retries && transientFailure(outcome)
                    && Instant.now().plus(delay).isBefore(endOfRun); attempt++) {
                progress.line("the CA or the network failed for a moment (" + outcome.message() + "); trying again in "
                        + (delay.toMillis() < 1000 ? delay.toMillis() + " ms" : delay.toSeconds() + " s") + " (attempt " + (attempt + 1) + " of " + (retries + 1) + ")");
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                // The failed attempt is recorded: the next one starts from the state it left.
                outcome = pipeline.run(spec, outcome.state(), mode, StateRecord.of(managed, name), progress);
                delay = delay.multipliedBy(2);
            }
            return row(name, outcome);
        } catch (RuntimeException e) {
            return defect(managed, entry, e);
        } finally {
            held.forEach(Semaphore::release);
        }
    }

    /** The summary's row of a pass. */
    private CertificateOutcome row(String name, PipelineOutcome outcome) {
        var state = outcome.state();
        var failed = outcome.result() == PipelineOutcome.Result.FAILED;
        var result = !failed ? outcome.result().id() : "deploy".equals(outcome.failedStep())
                ? CertificateOutcome.DEPLOY_FAILED : CertificateOutcome.FAILED;
        return new CertificateOutcome(name, result, state.thumbprint() == null ? "" : state.thumbprint(),
                state.notAfter() == null ? "" : state.notAfter().toString(),
                failed ? outcome.message() : force ? "--force" : outcome.reason());
    }

    private static CertificateOutcome notAttempted(ManagedCertificates.Managed entry) {
        return new CertificateOutcome(entry.name(), CertificateOutcome.FAILED, entry.state().thumbprint() == null ? ""
                : entry.state().thumbprint(), "", "not attempted: the run's --deadline passed; the next run"
                + " renews it");
    }

    /** A defect, not a refusal: recorded like any failed attempt so that 'exacme show' tells it too. */
    private static CertificateOutcome defect(ManagedCertificates managed, ManagedCertificates.Managed entry,
                                             RuntimeException e) throws IOException {
        managed.save(entry.name(), entry.state().with(new dev.exacme.lifecycle.managed.Attempt(Instant.now(),
                "failed", "", "internal", String.valueOf(e))));
        return new CertificateOutcome(entry.name(), CertificateOutcome.FAILED, entry.state().thumbprint() == null ? ""
                : entry.state().thumbprint(), "", String.valueOf(e));
    }

    /** A failure another attempt in a moment may not meet: the network, a timeout, badNonce, serverInternal. */
    private static boolean transientFailure(PipelineOutcome outcome) {
        return outcome.result() == PipelineOutcome.Result.FAILED
                && outcome.failure().filter(failure -> failure instanceof NetworkFailure).isPresent();
    }

    private static boolean failed(CertificateOutcome outcome) {
        return outcome.isFailed();
    }

    /**
     * Sends the run's report by mail, webhook and event log as {@code exacme notify} configured
     * them; a delivery failure is said, never fatal; settings that cannot be read are returned.
     */
    private Optional<String> notify(Console console, Path configDirectory, List<CertificateOutcome> rows)
            throws InvalidRequest, IOException {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // The settings are read (and refused) here as before; the HTTP client is built only when a webhook
        // sends: a run without one loads no trust store or TLS for it.
        var outbound = network.resolve(configDirectory, TrustedCertificates.systemDefault()).network();
        Supplier<HttpClient> http = () -> outbound.httpClient().build();
        Notifier notifier;
        try {
            notifier = Notifier.load(configDirectory, http);
        } catch (IOException e) {
            // The message names the file, the line and what to do ('exacme notify set-smtp' would fail on it too).
            var problem = "no notification sent: " + e.getMessage();
            console.progress(problem);
            return Optional.of(problem);
        }
        var notification = Notification.of(rows);
        // A mail server or webhook may take seconds (up to Notifier.TIMEOUT each): say what we wait for.
        var sending = notifier.channels().stream().filter(channel -> channel.wants(notification))
                .map(NotificationChannel::name).toList();
        if (!sending.isEmpty()) {
            console.progress("sending the run's report (" + String.join(", ", sending) + ") ...");
        }
        var report = notifier.notify(notification);
        var described = report.describe();
        if (!described.isBlank()) {
            console.progress(described.stripTrailing());
        }
        return Optional.empty();
    }

    private static int report(Console console, List<CertificateOutcome> rows, int failed,
                              Optional<String> notificationProblem, int exitCode) {
        var document = console.newDocument();
        var array = document.putArray("certificates");
        var table = new TextTable("NAME", "RESULT", "THUMBPRINT", "NOT AFTER", "REASON");
        for (var row : rows) {
            var notAfter = row.notAfter().isEmpty() ? null : Instant.parse(row.notAfter());
            array.addObject().put("name", row.name()).put("outcome", row.result())
                    .put("thumbprint", row.thumbprint().isEmpty() ? null : row.thumbprint())
                    .put("notAfter", Times.json(notAfter)).put("reason", row.reason());
            table.row(row.name(), row.result(), row.thumbprint(), Times.text(notAfter), row.reason());
        }
        document.put("failed", failed);
        document.put("notificationProblem", notificationProblem.orElse(null));
        var text = new StringBuilder(rows.isEmpty() ? "" : table.render(TerminalWidth.current()));
        text.append(rows.isEmpty() ? "No managed certificates; 'exacme add' creates one.\n"
                : failed == 0 ? "" : failed + " failed.\n");
        notificationProblem.ifPresent(problem -> text.append(problem).append('\n'));
        return console.result(document, text.toString(), exitCode);
    }
}
