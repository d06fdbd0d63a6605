package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A certificate's life, one pass, top to bottom: decide → order → install → deploy and verify →
 * clean up superseded certificates → record. The state is recorded after every step, so that a
 * certificate issued and installed whose deployment failed or was rolled back is deployed again
 * at the next pass, without a new order, until it is served or due for renewal. {@code exacme
 * issue}, {@code add}, {@code renew} and {@code deploy} all come through here; notifications are
 * sent by the caller for the whole run.
 */
public final class CertificatePipeline {

    /** When to ask the CA for renewal information again if it did not say (no Retry-After). */
    private static final Duration CHECK_AGAIN = Duration.ofHours(6);

    /** What a pass is asked to do. */
    public enum Mode {
        /** Decide: renew when due, deploy again when a deployment did not complete, else clean up. */
        RENEW,
        /** Order now ({@code issue}, {@code add}, {@code renew --force}). */
        ORDER,
        /** Deploy the current certificate again, without ordering ({@code exacme deploy}). */
        DEPLOY
    }

    /**
     * The steps, each with its real implementation per platform.
     *
     * @param ordering   the CA
     * @param installing the store
     * @param deploying  the deployment targets
     */
    public record Steps(Ordering ordering, Installing installing, Deploying deploying) {
    }

    /** What a pass does next, and why. */
    public enum Action { NOTHING, ORDER, DEPLOY }

    /**
     * A decision.
     *
     * @param action what to do
     * @param reason why, in words
     */
    public record Decision(Action action, String reason) {
    }

    private final Steps steps;
    private final RenewalTiming timing;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * A pipeline of {@code steps}, renewing by {@code timing}; {@code random} chooses renewal
     * times and must be safe to share between threads (renewals run concurrently).
     */
    public CertificatePipeline(Steps steps, RenewalTiming timing, Clock clock, RandomGenerator random) {
        this.steps = steps;
        this.timing = timing;
        this.clock = clock;
        this.random = random;
    }

    /** One pass for {@code spec}, whose recorded state is {@code state}. */
    public PipelineOutcome run(CertificateSpec spec, CertificateState state, Mode mode, StateRecord record,
                               Progress progress) throws IOException {
        if (mode == Mode.DEPLOY) {
            if (state.thumbprint() == null) {
                return failed(state, record, "decide", new InvalidRequest(spec.name() + " has no installed"
                        + " certificate to deploy; 'exacme renew " + spec.name() + "' orders one."));
            }
            return deploy(spec, state, record, progress, "deploying " + state.thumbprint() + " on request",
                    PipelineOutcome.Result.DEPLOYED, Optional.empty(), Optional.empty(), true);
        }
        if (mode == Mode.ORDER) {
            return order(spec, state, record, progress, state.thumbprint() == null ? "new" : "asked to order now",
                    kept(record, state, progress));
        }
        return carryOut(plan(spec, state, record, progress), record, progress);
    }

    /**
     * What a {@link Mode#RENEW} pass is to do, found without changing anything: the kept
     * certificate and the store read, the CA asked for its renewal window when it is time to ask.
     * {@code exacme renew} finds this for many certificates at once and then carries out, taking
     * turns, only what orders or deploys.
     *
     * @param spec   the specification
     * @param state  the state with the renewal time chosen (the CA's answer in it, not recorded yet)
     * @param kept   the kept current certificate, when readable
     * @param action what to do
     * @param reason why, in words
     */
    public record Plan(CertificateSpec spec, CertificateState state, Optional<X509Certificate> kept, Action action,
                       String reason) {
    }

    /** The plan of a {@link Mode#RENEW} pass for {@code spec}, whose recorded state is {@code state}. */
    public Plan plan(CertificateSpec spec, CertificateState state, StateRecord record, Progress progress) {
        if (state.thumbprint() == null) {
            return new Plan(spec, state, Optional.empty(), Action.ORDER, "never issued");
        }
        // Read once: the store check, the renewal information and the order's "replaces" all use it.
        var kept = kept(record, state, progress);
        var missing = replacementNeeded(spec, state, kept, progress);
        if (missing.isPresent()) {
            return new Plan(spec, state, kept, Action.ORDER, missing.get());
        }
        state = scheduled(spec, state, kept, progress);
        var decision = decide(spec, state, clock.instant(), timing);
        return new Plan(spec, state, kept, decision.action(), decision.reason());
    }

    /** Carries out {@code plan}: orders, deploys again, or records the renewal time and cleans up. */
    public PipelineOutcome carryOut(Plan plan, StateRecord record, Progress progress) throws IOException {
        var spec = plan.spec();
        var state = plan.state();
        switch (plan.action()) {
            case ORDER -> {
                progress.line("renewing: " + plan.reason());
                return order(spec, state, record, progress, plan.reason(), plan.kept());
            }
            case DEPLOY -> {
                progress.line("deploying again: " + plan.reason());
                return deploy(spec, state, record, progress, plan.reason(), PipelineOutcome.Result.DEPLOYED,
                        Optional.empty(), Optional.empty(), false);
            }
            default -> {
                // A state written before targets were recorded one by one learns them now, so that a target an
                // edit adds later is seen as pending.
                state = state.knowingDeployments(spec.deploymentKeys());
                record.save(state);
                if (state.thumbprint() != null && state.phaseOrDone() == Phase.DEPLOYED) {
                    cleanUp(spec, state, progress);
                }
                return new PipelineOutcome(PipelineOutcome.Result.NOT_DUE, plan.reason(), state,
                        Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "");
            }
        }
    }

    /**
     * Whether a {@link Mode#RENEW} pass over {@code state} asks the CA for renewal information
     * (when the current certificate is kept): never asked, or its Retry-After has passed.
     */
    public static boolean asksForRenewalInformation(CertificateState state, Instant now) {
        return state.thumbprint() != null && (state.checkAfter() == null || !now.isBefore(state.checkAfter()));
    }

    /**
     * The decision from what is recorded alone, without the CA or the store: what the next pass
     * will do unless the store lost the certificate or the CA moves its window. Also for
     * {@code exacme list}.
     */
    public static Decision decide(CertificateSpec spec, CertificateState state, Instant now, RenewalTiming timing) {
        if (state.thumbprint() == null) {
            return new Decision(Action.ORDER, "never issued");
        }
        if (state.renewAt() == null || state.windowStart() == null) {
            return new Decision(Action.ORDER, "no renewal time known");
        }
        var window = new RenewalWindow(state.windowStart(), state.windowEnd(), Optional.empty(), Optional.empty());
        var timed = timing.decide(state.renewAt(), window, state.windowSource(), now);
        if (timed.due()) {
            return new Decision(Action.ORDER, timed.reason());
        }
        var pending = pending(spec, state);
        if (!pending.isEmpty() && now.isBefore(state.notAfter())) {
            if (state.heldAfterIncompleteRollback()) {
                return new Decision(Action.NOTHING, "held: the last deployment of " + state.thumbprint()
                        + " could not be rolled back completely; put back by hand what it names ('exacme show "
                        + spec.name() + "'), then 'exacme deploy " + spec.name() + "'");
            }
            var targets = String.join(", ", pending.stream().map(DeploymentSpec::target).toList());
            if (state.phaseOrDone() == Phase.DEPLOYED) {
                return new Decision(Action.DEPLOY, state.thumbprint() + " is not deployed to " + targets
                        + " yet (added or changed since)");
            }
            var last = state.lastAttempt();
            return new Decision(Action.DEPLOY, "the deployment of " + state.thumbprint() + " to " + targets
                    + " did not complete" + (last == null || last.outcome().isEmpty() ? "" : " (" + last.outcome()
                    + ")"));
        }
        return new Decision(Action.NOTHING, timed.reason());
    }

    /** The deployments of {@code spec} the current certificate is not deployed and verified at yet. */
    static List<DeploymentSpec> pending(CertificateSpec spec, CertificateState state) {
        var keys = spec.deploymentKeys();
        var pending = new ArrayList<DeploymentSpec>();
        for (var i = 0; i < keys.size(); i++) {
            if (!state.isDeployedAt(keys.get(i))) {
                pending.add(spec.deployments().get(i));
            }
        }
        return pending;
    }

    /**
     * Why the current certificate must be replaced regardless of its renewal time: it or its key
     * left the store, or the specification asks for other names or another key type than it has
     * (after {@code exacme edit}).
     */
    private Optional<String> replacementNeeded(CertificateSpec spec, CertificateState state,
                                               Optional<X509Certificate> kept, Progress progress) {
        if (state.thumbprint() == null) {
            return Optional.empty();
        }
        try {
            var gone = steps.installing().missing(spec, state.thumbprint());
            if (gone.isPresent()) {
                return gone;
            }
        } catch (AcmeFailure | StoreException | IOException e) {
            progress.line("cannot look into the store (" + e.getMessage() + "); renewing by its schedule");
        }
        return kept.flatMap(certificate -> differences(spec, certificate));
    }

    /**
     * The kept copy of the current certificate, when it is readable and is the current one (a run
     * killed between writing the state and the copy leaves them apart); said when it is not.
     */
    private static Optional<X509Certificate> kept(StateRecord record, CertificateState state, Progress progress) {
        var file = record.certificate();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            var certificates = PemFormat.readCertificates(Files.readString(file.get()));
            if (certificates.isEmpty()) {
                progress.line(file.get() + " holds no certificate; it is written again at the next issuance");
                return Optional.empty();
            }
            var certificate = certificates.get(0);
            if (state.thumbprint() != null && !Thumbprint.of(certificate).hex().equalsIgnoreCase(state.thumbprint())) {
                progress.line(file.get() + " is not the current certificate " + state.thumbprint() + "; it is"
                        + " written again at the next issuance");
                return Optional.empty();
            }
            return Optional.of(certificate);
        } catch (IOException | RuntimeException e) {
            progress.line(file.get() + " cannot be read (" + e.getMessage() + "); it is written again at the next"
                    + " issuance");
            return Optional.empty();
        }
    }

    /**
     * The kept chain of the current certificate, leaf first (only the leaf for a definition
     * imported from another client), or empty when the kept copy is missing, unreadable or not
     * the current certificate.
     */
    private static List<X509Certificate> keptChain(StateRecord record, CertificateState state) {
        var file = record.certificate();
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            var certificates = PemFormat.readCertificates(Files.readString(file.get()));
            if (certificates.isEmpty()
                    || !Thumbprint.of(certificates.get(0)).hex().equalsIgnoreCase(state.thumbprint())) {
                return List.of();
            }
            return certificates;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Whether the kept certificate has other names or another key type than {@code spec} asks for. */
    static Optional<String> differences(CertificateSpec spec, X509Certificate certificate) {
        try {
            var wanted = new TreeSet<String>();
            spec.identifiers().forEach(name -> wanted.add(name.toLowerCase(Locale.ROOT)));
            var has = new TreeSet<String>();
            var names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (var entry : names) {
                    if (Integer.valueOf(2).equals(entry.get(0))) {
                        has.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (!wanted.equals(has)) {
                return Optional.of("the specification names " + String.join(", ", wanted) + ", the certificate "
                        + String.join(", ", has));
            }
            if (!spec.key().reuse()) {
                var type = KeyType.of(new KeyPair(certificate.getPublicKey(), null));
                if (!type.id().equals(spec.key().type())) {
                    return Optional.of("the specification asks for a " + spec.key().type() + " key, the certificate"
                            + " has " + type.id());
                }
            }
            return Optional.empty();
        } catch (CertificateParsingException | InvalidRequest e) {
            return Optional.empty();
        }
    }

    /**
     * The state with a renewal time chosen: in the CA's window when it offers renewal
     * information and it is time to ask, else in the CA's window already recorded, else from the
     * lifetime. A time once chosen in a window is kept.
     */
    private CertificateState scheduled(CertificateSpec spec, CertificateState state, Optional<X509Certificate> kept,
                                       Progress progress) {
        var now = clock.instant();
        Optional<RenewalWindow> offered = Optional.empty();
        var asked = false;
        if (kept.isPresent() && asksForRenewalInformation(state, now)) {
            try {
                offered = steps.ordering().renewalWindow(spec, kept.get(), progress);
                asked = true;
                offered.flatMap(RenewalWindow::explanation).ifPresent(link -> progress.line("the CA explains its"
                        + " renewal window at " + link));
            } catch (AcmeFailure | IOException | RuntimeException e) {
                progress.line("renewal information not available (" + e.getMessage() + "); using the recorded window");
            }
        }
        var previous = state.windowStart() == null ? Optional.<RenewalWindow>empty()
                : Optional.of(new RenewalWindow(state.windowStart(), state.windowEnd(), Optional.empty(),
                        Optional.empty()));
        RenewalWindow window;
        String source;
        if (offered.isPresent()) {
            window = offered.get();
            source = "ari";
        } else if (!asked && "ari".equals(state.windowSource()) && previous.isPresent()) {
            // Not to be asked yet (Retry-After), or asking failed: the CA's last word stands.
            window = previous.get();
            source = "ari";
        } else {
            window = RenewalTiming.lifetimeWindow(state.notBefore(), state.notAfter());
            source = "lifetime";
        }
        var chosen = timing.choose(window, state.notBefore(), state.notAfter(), Optional.ofNullable(state.renewAt()),
                previous, random);
        var checkAfter = offered.flatMap(RenewalWindow::checkAfter)
                .orElse(asked ? now.plus(CHECK_AGAIN) : state.checkAfter());
        return state.scheduled(chosen, window.start(), window.end(), source, checkAfter);
    }

    private PipelineOutcome order(CertificateSpec spec, CertificateState state, StateRecord record, Progress progress,
                                  String reason, Optional<X509Certificate> replaces) throws IOException {
        Ordering.Ordered ordered;
        try {
            steps.installing().prepare(spec);
            ordered = steps.ordering().order(spec, replaces, progress);
        } catch (AcmeFailure | StoreException | IOException e) {
            return failed(state, record, "order", e);
        }
        var issued = ordered.certificate();
        if (ordered.defaultedProfile().isPresent()) {
            // Recorded with the certificate it gave: renewals ask for the same profile, whatever the CA's default becomes.
            spec = new CertificateSpec(spec.schemaVersion(), spec.name(), spec.identifiers(),
                    spec.ca().withProfile(ordered.defaultedProfile().get()), spec.challenge(), spec.key(), spec.store(),
                    spec.deployments(), spec.timeout(), spec.friendlyName(), spec.created());
            record.saveDefinition(spec);
        }
        // The certificate in service stays current until the new one is in the store.
        var issuedNow = state.with(new Attempt(clock.instant(), "issued", issued.thumbprint(), "", ""));
        record.save(issuedNow);
        Installation installation;
        try {
            installation = steps.installing().install(spec, issued);
        } catch (AcmeFailure | StoreException | IOException e) {
            return failed(issuedNow, record, "install", e);
        }
        var window = RenewalTiming.lifetimeWindow(issued.notBefore(), issued.notAfter());
        var current = issuedNow.issued(issued.thumbprint(), issued.notBefore(), issued.notAfter(),
                Phase.INSTALLED).scheduled(timing.choose(window, issued.notBefore(), issued.notAfter(),
                Optional.empty(), Optional.empty(), random), window.start(), window.end(), "lifetime", null);
        current = current.with(new Attempt(clock.instant(), "installed", issued.thumbprint(), "", ""));
        record.save(current);
        // The whole chain: a later 'exacme deploy' fetches the intermediates' CRLs too.
        record.saveCertificate(PemFormat.certificates(issued.chain()));
        if (!spec.deploys()) {
            return new PipelineOutcome(PipelineOutcome.Result.RENEWED, reason, current, Optional.of(ordered),
                    Optional.of(installation), List.of(), Optional.empty(), "");
        }
        return deploy(spec, current, record, progress, reason, PipelineOutcome.Result.RENEWED, Optional.of(ordered),
                Optional.of(installation), false);
    }

    /**
     * Deploys the current certificate to each target it is not deployed to yet, in order,
     * recording each; the first that fails ends the pass, and the next pass starts from it.
     * {@code exacme deploy} ({@code all}) deploys to every target again.
     */
    private PipelineOutcome deploy(CertificateSpec spec, CertificateState state, StateRecord record,
                                   Progress progress, String reason, PipelineOutcome.Result success,
                                   Optional<Ordering.Ordered> ordered, Optional<Installation> installation,
                                   boolean all) throws IOException {
        var chain = ordered.map(order -> order.certificate().chain()).orElseGet(() -> keptChain(record, state));
        var certificate = new DeployedCertificate(Thumbprint.parse(state.thumbprint()),
                Optional.ofNullable(state.previous()).map(Thumbprint::parse), spec.identifiers(), chain);
        var outcomes = new ArrayList<DeploymentOutcome>();
        var deployments = spec.deployments();
        var keys = spec.deploymentKeys();
        var current = all ? state.in(Phase.INSTALLED).withoutDeployments() : state.in(Phase.INSTALLED);
        if (all) {
            // Recorded first: a run killed inside a target leaves the certificate pending, not deployed.
            record.save(current);
        }
        for (var i = 0; i < deployments.size(); i++) {
            var key = keys.get(i);
            if (current.isDeployedAt(key)) {
                continue;
            }
            var target = steps.deploying().target(spec, deployments.get(i), progress);
            DeploymentOutcome outcome;
            try {
                outcome = target.deploy(certificate, false);
            } catch (AcmeFailure | IOException e) {
                outcome = DeploymentOutcome.refused(target.name(), e.getMessage());
            }
            outcomes.add(outcome);
            if (!outcome.deployed()) {
                var message = target.name() + ": " + outcome.failure().orElse(outcome.status().id())
                        + (outcome.status() == DeploymentOutcome.Status.ROLLBACK_INCOMPLETE
                        ? "; put back by hand what could not be restored, then 'exacme deploy " + spec.name() + "'"
                        : "; the next 'exacme renew' (or 'exacme deploy " + spec.name() + "') deploys "
                        + state.thumbprint() + " again");
                var failed = current.with(new Attempt(clock.instant(), outcome.status().id(), state.thumbprint(),
                        "deploy", message));
                record.save(failed);
                return new PipelineOutcome(PipelineOutcome.Result.FAILED, reason, failed, ordered, installation,
                        outcomes, Optional.empty(), "deploy");
            }
            current = current.withDeployment(key);
            if (deployments.size() > 1) {
                // Recorded before the next target runs: a run killed there does not deploy this one again.
                record.save(current);
            }
        }
        var deployed = current.in(Phase.DEPLOYED).with(new Attempt(clock.instant(), "deployed", state.thumbprint(), "",
                ""));
        record.save(deployed);
        cleanUp(spec, deployed, progress);
        return new PipelineOutcome(success, reason, deployed, ordered, installation, outcomes, Optional.empty(), "");
    }

    /**
     * Removes what the current certificate superseded at each target once its grace period since
     * the deployment has passed; said as progress, never the pass's result.
     */
    private void cleanUp(CertificateSpec spec, CertificateState state, Progress progress) {
        var since = state.deployedAt().orElse(state.notBefore());
        for (var deployment : spec.deployments()) {
            var target = steps.deploying().target(spec, deployment, progress);
            try {
                target.cleanUp(Thumbprint.parse(state.thumbprint()), since, false).stream()
                        .filter(decision -> decision.remove())
                        .forEach(decision -> progress.line("cleanup: " + decision.describe(false)));
            } catch (AcmeFailure | IOException e) {
                progress.line("cleanup: " + e.getMessage());
            }
        }
    }

    private PipelineOutcome failed(CertificateState state, StateRecord record, String step, Exception failure)
            throws IOException {
        var after = state.with(new Attempt(clock.instant(), "failed", "", step, String.valueOf(failure.getMessage())));
        record.save(after);
        return new PipelineOutcome(PipelineOutcome.Result.FAILED, "", after, Optional.empty(), Optional.empty(),
                List.of(), Optional.of(failure), step);
    }
}
