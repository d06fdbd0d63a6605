package dev.exacme.lifecycle.deploy.script;

import dev.exacme.acme.program.Program;
import dev.exacme.acme.program.ProgramNotStarted;
import dev.exacme.acme.program.ProgramResult;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec.Script.Placeholder;
import dev.exacme.lifecycle.spec.SecretSource;
import dev.exacme.lifecycle.spec.StoreSpec;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.pem.PemStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The administrator's program as a deployment target ({@code --deploy script}): run with the
 * certificate's values as arguments and {@code EXACME_*} variables, as
 * {@link DeploymentSpec.Script} defines them; exit code 0 is deployed, any other code or a run
 * past the timeout fails the deployment, which the pipeline tries again at the next pass like
 * any other. There is nothing of exacme's to restore after a failure: what the program changed
 * is its own. On Windows a {@code .ps1} runs under Windows PowerShell, which is not yet run on
 * Windows.
 */
public final class ScriptTarget implements DeploymentTarget {

    /** Arguments shown as they are in a plan; any other is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+\\\\-]+");

    private final DeploymentSpec.Script settings;
    private final CertificateSpec spec;
    private final Progress progress;
    private final ScriptHost host;

    /** The target running {@code settings}' program for the certificate of {@code spec}. */
    public ScriptTarget(DeploymentSpec.Script settings, CertificateSpec spec, Progress progress) {
        this(settings, spec, progress, ScriptHost.current());
    }

    ScriptTarget(DeploymentSpec.Script settings, CertificateSpec spec, Progress progress, ScriptHost host) {
        this.settings = settings;
        this.spec = spec;
        this.progress = progress;
        this.host = host;
    }

    @Override
    public String name() {
        return settings.target();
    }

    @Override
    public DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun) throws IOException {
        try {
            // Checked when the specification was added too; again here for one edited by hand.
            settings.validate(spec.store());
        } catch (dev.exacme.acme.failure.InvalidRequest e) {
            return DeploymentOutcome.refused(name(), "not run: " + e.getMessage());
        }
        var missing = missingProgram();
        if (missing.isPresent()) {
            return DeploymentOutcome.refused(name(), missing.get());
        }
        var values = values(certificate);
        var arguments = settings.arguments().stream()
                .map(argument -> DeploymentSpec.Script.expand(argument, values)).toList();
        List<String> command;
        try {
            command = host.command(settings.program(), arguments);
        } catch (IllegalArgumentException e) {
            return DeploymentOutcome.refused(name(), "not run: " + e.getMessage() + ".");
        }
        var environment = new LinkedHashMap<String, String>();
        values.forEach((placeholder, value) -> environment.put(placeholder.variable(), value));
        var timeout = durationOption(settings.timeout());
        var shown = commandLine(command);
        var plan = List.of("run " + shown, "wait for it to finish, at most " + timeout + "; exit code 0 is deployed");
        var notes = List.of("its environment has " + String.join(", ", environment.keySet()) + "; exacme's own"
                + " EXACME_* variables and the variables secrets are read from are withheld");
        if (dryRun) {
            return new DeploymentOutcome(name(), DeploymentOutcome.Status.DRY_RUN, plan, notes, Optional.empty(),
                    Optional.empty(), List.of());
        }
        progress.line("running " + shown);
        progress.line("waiting for " + settings.program() + " to finish (at most " + timeout + ") ...");
        ProgramResult result;
        try {
            result = new Program(host.started(command), environment, withheld(), settings.timeout()).run();
        } catch (ProgramNotStarted e) {
            return DeploymentOutcome.refused(name(), "cannot start " + settings.program() + " (" + e.getMessage()
                    + "); check --deploy-script.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(plan, notes, "interrupted while " + settings.program() + " ran; it was stopped, with the"
                    + " processes it started.");
        } catch (IOException e) {
            throw new IOException("cannot run " + settings.program() + ": " + e.getMessage(), e);
        }
        if (result instanceof ProgramResult.TimedOut) {
            return failed(plan, notes, settings.program() + " did not finish within " + timeout + " and was stopped,"
                    + " with the processes it started; raise --deploy-script-timeout (at most "
                    + durationOption(DeploymentSpec.Script.LONGEST) + ") if it needs longer." + result.outputText());
        }
        var exitCode = ((ProgramResult.Exited) result).exitCode();
        var took = String.format(Locale.ROOT, "%.1f s", result.took().toMillis() / 1000.0);
        progress.line(settings.program() + " exited with code " + exitCode + " after " + took);
        if (exitCode != 0) {
            return failed(plan, notes, settings.program() + " failed with exit code " + exitCode + "."
                    + result.outputText());
        }
        return new DeploymentOutcome(name(), DeploymentOutcome.Status.DEPLOYED, plan, notes, Optional.empty(),
                Optional.of(settings.program() + " exited with code 0 after " + took), List.of());
    }

    /** A script leaves nothing of exacme's behind: what it replaced is its own business. */
    @Override
    public List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun) {
        return List.of();
    }

    /**
     * Why a program given by its path cannot be run, said before starting anything: for a
     * {@code .ps1} on Windows it is PowerShell that would start and fail, with an exit code that
     * would read as the script's own. A bare name is looked up in {@code PATH} when started.
     */
    private Optional<String> missingProgram() {
        try {
            var path = Path.of(settings.program());
            if (path.getParent() != null && !Files.isRegularFile(path)) {
                return Optional.of("cannot start " + settings.program() + " (" + (Files.exists(path) ? "not a file"
                        : "no such file") + "); check --deploy-script.");
            }
        } catch (InvalidPathException e) {
            // Not a path of this system: starting it says why.
        }
        return Optional.empty();
    }

    /** Every value of the certificate, as {@link DeploymentSpec.Script} defines them. */
    private Map<Placeholder, String> values(DeployedCertificate certificate) {
        var values = new EnumMap<Placeholder, String>(Placeholder.class);
        values.put(Placeholder.NAME, spec.name());
        values.put(Placeholder.THUMBPRINT, certificate.thumbprint().hex());
        values.put(Placeholder.PREVIOUS_THUMBPRINT, certificate.previous().map(Thumbprint::hex).orElse(""));
        values.put(Placeholder.NAMES, String.join(",", certificate.names()));
        values.put(Placeholder.COMMON_NAME, certificate.names().isEmpty() ? "" : certificate.names().get(0));
        values.put(Placeholder.FRIENDLY_NAME, spec.friendlyName() == null ? "" : spec.friendlyName());
        var store = spec.store();
        values.put(Placeholder.STORE, DeploymentSpec.Script.storeType(store));
        if (store instanceof StoreSpec.Pem pem) {
            var directory = Path.of(pem.directory()).normalize();
            values.put(Placeholder.STORE_PATH, directory.toString());
            values.put(Placeholder.CERTIFICATE_FILE, directory.resolve(PemStore.CERTIFICATE_FILE).toString());
            values.put(Placeholder.CHAIN_FILE, directory.resolve(PemStore.CHAIN_FILE).toString());
            values.put(Placeholder.FULLCHAIN_FILE, directory.resolve(PemStore.FULL_CHAIN_FILE).toString());
            values.put(Placeholder.KEY_FILE, directory.resolve(PemStore.KEY_FILE).toString());
        } else if (store instanceof StoreSpec.Pfx pfx) {
            values.put(Placeholder.STORE_PATH, Path.of(pfx.file()).normalize().toString());
        } else if (store instanceof StoreSpec.Keystore keystore) {
            values.put(Placeholder.STORE_PATH, Path.of(keystore.file()).normalize().toString());
        } else {
            values.put(Placeholder.STORE_PATH, "Cert:\\LocalMachine\\My");
        }
        return values;
    }

    /**
     * The variables of exacme's environment the program does not get: exacme's own
     * ({@code EXACME_PFX_PASSWORD} and the like, and any {@code EXACME_*} that could be taken for
     * one of the program's) and every variable the specification reads a secret from.
     */
    private java.util.Set<String> withheld() {
        var withheld = new TreeSet<String>();
        System.getenv().keySet().stream()
                .filter(variable -> variable.toUpperCase(Locale.ROOT).startsWith("EXACME_"))
                .forEach(withheld::add);
        spec.secretSources().stream().filter(SecretSource::fromEnvironment)
                .map(source -> source.reference().substring(SecretSource.ENVIRONMENT.length()))
                .forEach(withheld::add);
        return withheld;
    }

    private DeploymentOutcome failed(List<String> plan, List<String> notes, String why) {
        return new DeploymentOutcome(name(), DeploymentOutcome.Status.FAILED, plan, notes, Optional.of(why),
                Optional.empty(), List.of());
    }

    /** The command as one line for people: arguments with spaces or quotes in double quotes. */
    static String commandLine(List<String> command) {
        return String.join(" ", command.stream().map(argument -> PLAIN.matcher(argument).matches() ? argument
                : "\"" + argument.replace("\"", "\\\"") + "\"").toList());
    }

    /** A duration as {@code --deploy-script-timeout} takes it: {@code 300ms}, {@code 90s}, {@code 5m}, {@code 1h}. */
    static String durationOption(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        var seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
