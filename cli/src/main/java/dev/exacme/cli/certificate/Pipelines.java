package dev.exacme.cli.certificate;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.cli.schedule.ScheduleCheck;
import dev.exacme.cli.schedule.ScheduleGap;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess;
import dev.exacme.lifecycle.deploy.revocation.CrlReachability;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.managed.RenewalLock;
import dev.exacme.lifecycle.managed.V1Definition;
import dev.exacme.lifecycle.pipeline.AcmeOrdering;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.pipeline.Deploying;
import dev.exacme.lifecycle.pipeline.StoreInstalling;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.timing.RenewalTiming;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;

/**
 * How the commands reach the lifecycle: a run's context from its options, the pipeline with its
 * real steps, the managed certificates with the migration of version 1 files, and the one lock
 * that {@code issue}, {@code add}, {@code renew} and {@code deploy} share.
 */
public final class Pipelines {

    /** The lock file under the state directory. */
    public static final String LOCK = "renew.lock";

    /** How long {@code issue} and {@code add} wait for another run of the same state directory. */
    public static final Duration LONG_WAIT = Duration.ofMinutes(10);

    private Pipelines() {
    }

    /** The context of a run in {@code configDirectory}. */
    public static RunContext context(Path configDirectory, NetworkOptions network, Progress progress) {
        return new RunContext(configDirectory, trust -> network.resolve(configDirectory, trust), progress,
                System.getenv());
    }

    /**
     * The pipeline with its real steps for passes that order or deploy now ({@code issue},
     * {@code add}, {@code deploy}): they decide nothing by the schedule, so it is not read.
     */
    public static CertificatePipeline pipeline(RunContext run) {
        return pipeline(run, RenewalTiming.DAILY);
    }

    /**
     * The pipeline with its real steps, deciding with {@code scheduleGap} (see {@link #scheduleGap()}).
     * ThreadLocalRandom is the generator renewals running concurrently can share.
     */
    public static CertificatePipeline pipeline(RunContext run, Duration scheduleGap) {
        return new CertificatePipeline(new CertificatePipeline.Steps(new AcmeOrdering(run), new StoreInstalling(run),
                new Deploying(new WindowsExchangeAccess(), new dev.exacme.lifecycle.deploy.iis.WindowsIisAccess(),
                        CrlReachability.of(run.network()))), new RenewalTiming(scheduleGap),
                Clock.systemUTC(), ThreadLocalRandom.current());
    }

    /**
     * The longest time from one scheduled run to the next: every schedule runs daily (systemd
     * timer, cron, Task Scheduler), each run started up to its random delay late, so up to a day
     * plus that delay, the installed schedule's when it can be read, else the default's
     * ({@link ScheduleGap#betweenStarts()}).
     */
    public static Duration scheduleGap() {
        return scheduleGap(ScheduleHost.thisMachine());
    }

    /** {@link #scheduleGap()} of the schedule on {@code host}. */
    public static Duration scheduleGap(ScheduleHost host) {
        return ScheduleGap.of(ScheduleCheck.installed(host)).betweenStarts();
    }

    /** The managed certificates of {@code configDirectory}, version 1 files migrated by the options' parser. */
    public static ManagedCertificates managed(Path configDirectory) {
        return new ManagedCertificates(configDirectory, definition -> migrate(definition, configDirectory));
    }

    /**
     * A version 1 definition as a specification: its arguments parsed as {@code exacme issue}
     * parsed them, the defaults of this release resolved once and then kept.
     */
    static dev.exacme.lifecycle.spec.CertificateSpec migrate(V1Definition definition, Path configDirectory)
            throws InvalidRequest {
        var options = parse(definition.issueArguments());
        // Version 1 put PEM files for the first name, which is where its certificates are.
        var spec = options.spec(definition.name(), first -> ConfigDirectory.pem(configDirectory)
                .resolve(first.replace('*', '_')));
        return new dev.exacme.lifecycle.spec.CertificateSpec(spec.schemaVersion(), spec.name(), spec.identifiers(),
                spec.ca(), spec.challenge(), spec.key(), spec.store(), spec.deployments(), spec.timeout(),
                spec.friendlyName(), definition.created() != null ? definition.created() : spec.created());
    }

    /** Certificate options parsed from {@code arguments}, refused with picocli's words as on the command line. */
    public static CertificateOptions parse(java.util.List<String> arguments) throws InvalidRequest {
        var options = new CertificateOptions();
        var silent = new PrintWriter(Writer.nullWriter());
        try {
            new CommandLine(options).setOut(silent).setErr(silent).setCaseInsensitiveEnumValuesAllowed(true)
                    .setAllowOptionsAsOptionParameters(true).parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new InvalidRequest(e.getMessage());
        }
        return options;
    }

    /**
     * The lock, waiting up to {@code wait} and saying so after a moment.
     *
     * @throws InvalidRequest when another run held it all that time, naming the lock file
     */
    public static RenewalLock lockOrRefuse(Path configDirectory, Duration wait, Progress progress)
            throws IOException, InvalidRequest {
        try {
            return lock(configDirectory, wait, progress).orElseThrow(() -> new InvalidRequest("another exacme run"
                    + " holds " + configDirectory.resolve(LOCK) + " and did not finish within " + words(wait)
                    + "; try again when it has finished."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidRequest("interrupted while waiting for another exacme run to finish.");
        }
    }

    private static String words(Duration wait) {
        return wait.toSeconds() < 120 ? wait.toSeconds() + " s" : wait.toMinutes() + " minutes";
    }

    /**
     * The lock, waiting up to {@code wait} and saying so after a moment; empty when another run
     * held it all that time.
     */
    public static Optional<RenewalLock> lock(Path configDirectory, Duration wait, Progress progress)
            throws IOException, InterruptedException {
        // The lock is the first thing a run writes: on Windows the state directory is made protected before it.
        SecretStore.open(configDirectory).createProtected();
        var file = configDirectory.resolve(LOCK);
        var quick = RenewalLock.acquire(file, Duration.ZERO);
        if (quick.isPresent() || wait.isZero()) {
            return quick;
        }
        progress.line("waiting for another exacme run to finish (it holds " + file + ") ...");
        return RenewalLock.acquire(file, wait);
    }
}
