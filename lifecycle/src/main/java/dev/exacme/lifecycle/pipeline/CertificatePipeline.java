package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.Phase;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import dev.exacme.store.Installation;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** How long certificates a deployed one superseded are kept before they are removed. */
    public static final Duration KEEP_SUPERSEDED = Duration.ofDays(7);

    /** What a pass is asked to do. */
    public enum Mode {
        /** Decide: renew when due, deploy again when a deployment did not complete, else nothing. */
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

    private final Steps steps;
    private final RenewalTiming timing;
    private final Clock clock;
    private final RandomGenerator random;

    /** A pipeline of {@code steps}, renewing by {@code timing}. */
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
            if (state.thumbprint() == null || state.phaseOrDone() == Phase.ISSUED) {
                return failed(state, record, "decide", new dev.exacme.acme.failure.InvalidRequest(spec.name() + " has no installed"
                        + " certificate to deploy; 'exacme renew " + spec.name() + "' orders one."), List.of());
            }
            return deploy(spec, state, record, progress, "deploying " + state.thumbprint() + " on request",
                    PipelineOutcome.Result.DEPLOYED, Optional.empty(), Optional.empty());
        }
        String reason;
        if (mode == Mode.ORDER) {
            reason = state.thumbprint() == null ? "new" : "asked to order now";
        } else {
            var decision = decide(spec, state, record, progress);
            state = decision.state();
            if (decision.action() == Action.NOTHING) {
                record.save(state);
                return new PipelineOutcome(PipelineOutcome.Result.NOT_DUE, decision.reason(), state, Optional.empty(),
                        Optional.empty(), List.of(), Optional.empty(), "");
            }
            if (decision.action() == Action.DEPLOY) {
                progress.line("deploying again: " + decision.reason());
                return deploy(spec, state, record, progress, decision.reason(), PipelineOutcome.Result.DEPLOYED,
                        Optional.empty(), Optional.empty());
            }
            reason = decision.reason();
            progress.line("renewing: " + reason);
        }
        return order(spec, state, record, progress, reason);
    }

    private enum Action { NOTHING, ORDER, DEPLOY }

    private record Decision(Action action, String reason, CertificateState state) {
    }

    private Decision decide(CertificateSpec spec, CertificateState state, StateRecord record, Progress progress) {
        if (state.thumbprint() == null) {
            return new Decision(Action.ORDER, "never issued", state);
        }
        if (state.phaseOrDone() == Phase.ISSUED) {
            return new Decision(Action.ORDER, "certificate " + state.thumbprint() + " was issued but never installed",
                    state);
        }
        try {
            var missing = steps.installing().missing(spec, state.thumbprint());
            if (missing.isPresent()) {
                return new Decision(Action.ORDER, missing.get(), state);
            }
        } catch (AcmeFailure | StoreException | IOException e) {
            progress.line("cannot look into the store (" + e.getMessage() + "); renewing by its schedule");
        }
        state = scheduled(spec, state, record, progress);
        var window = new RenewalWindow(state.windowStart(), state.windowEnd(), Optional.empty(), Optional.empty());
        var timed = timing.decide(state.renewAt(), window, state.windowSource(), clock.instant());
        if (timed.due()) {
            return new Decision(Action.ORDER, timed.reason(), state);
        }
        if (spec.deploys() && state.phaseOrDone() != Phase.DEPLOYED && clock.instant().isBefore(state.notAfter())) {
            var last = state.lastAttempt();
            return new Decision(Action.DEPLOY, "the deployment of " + state.thumbprint() + " did not complete"
                    + (last == null || last.outcome().isEmpty() ? "" : " (" + last.outcome() + ")"), state);
        }
        return new Decision(Action.NOTHING, timed.reason(), state);
    }

    /**
     * The state with a renewal time chosen: in the CA's window when it offers renewal
     * information and it is time to ask, else in the window already recorded, else from the
     * lifetime. A time once chosen in a window is kept.
     */
    private CertificateState scheduled(CertificateSpec spec, CertificateState state, StateRecord record,
                                       Progress progress) {
        var now = clock.instant();
        Optional<RenewalWindow> offered = Optional.empty();
        var asked = false;
        var kept = record.certificate();
        if (kept.isPresent() && (state.checkAfter() == null || !now.isBefore(state.checkAfter()))) {
            try {
                var certificate = PemFormat.readCertificates(Files.readString(kept.get())).get(0);
                offered = steps.ordering().renewalWindow(spec, certificate, progress);
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
                                  String reason) throws IOException {
        Ordering.Ordered ordered;
        try {
            steps.installing().prepare(spec);
            Optional<X509Certificate> replaces = Optional.empty();
            var kept = record.certificate();
            if (kept.isPresent()) {
                replaces = PemFormat.readCertificates(Files.readString(kept.get())).stream().findFirst();
            }
            ordered = steps.ordering().order(spec, replaces, progress);
        } catch (AcmeFailure | StoreException | IOException e) {
            return failed(state, record, "order", e, List.of());
        }
        var issued = ordered.certificate();
        record.saveCertificate(PemFormat.certificates(List.of(issued.leaf())));
        var now = clock.instant();
        var current = state.issued(issued.thumbprint(), issued.notBefore(), issued.notAfter(), Phase.ISSUED);
        var window = RenewalTiming.lifetimeWindow(issued.notBefore(), issued.notAfter());
        current = current.scheduled(timing.choose(window, issued.notBefore(), issued.notAfter(), Optional.empty(),
                Optional.empty(), random), window.start(), window.end(), "lifetime", null);
        record.save(current);
        Installation installation;
        try {
            installation = steps.installing().install(spec, issued);
        } catch (AcmeFailure | StoreException | IOException e) {
            return failed(current, record, "install", e, List.of());
        }
        current = current.in(Phase.INSTALLED);
        if (!spec.deploys()) {
            current = current.with(new Attempt(now, "issued", issued.thumbprint(), "", ""));
            record.save(current);
            return new PipelineOutcome(PipelineOutcome.Result.RENEWED, reason, current, Optional.of(ordered),
                    Optional.of(installation), List.of(), Optional.empty(), "");
        }
        current = current.with(new Attempt(now, "installed", issued.thumbprint(), "", ""));
        record.save(current);
        return deploy(spec, current, record, progress, reason, PipelineOutcome.Result.RENEWED, Optional.of(ordered),
                Optional.of(installation));
    }

    private PipelineOutcome deploy(CertificateSpec spec, CertificateState state, StateRecord record,
                                   Progress progress, String reason, PipelineOutcome.Result success,
                                   Optional<Ordering.Ordered> ordered, Optional<Installation> installation)
            throws IOException {
        var thumbprint = Thumbprint.parse(state.thumbprint());
        var outcomes = new ArrayList<DeploymentOutcome>();
        var targets = steps.deploying().targets(spec, progress);
        for (var target : targets) {
            DeploymentOutcome outcome;
            try {
                outcome = target.deploy(thumbprint, false);
            } catch (AcmeFailure | IOException e) {
                outcome = DeploymentOutcome.refused(target.name(), e.getMessage());
            }
            outcomes.add(outcome);
            if (!outcome.deployed()) {
                var message = target.name() + ": " + outcome.failure().orElse(outcome.status().id())
                        + "; the next 'exacme renew' (or 'exacme deploy " + spec.name() + "') deploys "
                        + state.thumbprint() + " again";
                var failed = state.in(Phase.INSTALLED).with(new Attempt(clock.instant(), outcome.status().id(),
                        state.thumbprint(), "deploy", message));
                record.save(failed);
                return new PipelineOutcome(PipelineOutcome.Result.FAILED, reason, failed, ordered, installation,
                        outcomes, Optional.empty(), "deploy");
            }
        }
        var deployed = state.in(Phase.DEPLOYED).with(new Attempt(clock.instant(), "deployed", state.thumbprint(), "",
                ""));
        record.save(deployed);
        for (var target : targets) {
            try {
                target.cleanUp(thumbprint, KEEP_SUPERSEDED, false)
                        .forEach(decision -> progress.line("cleanup: " + decision.describe(false)));
            } catch (AcmeFailure | IOException e) {
                progress.line("cleanup: " + e.getMessage());
            }
        }
        return new PipelineOutcome(success, reason, deployed, ordered, installation, outcomes, Optional.empty(), "");
    }

    private PipelineOutcome failed(CertificateState state, StateRecord record, String step, Exception failure,
                                   List<DeploymentOutcome> deployments) throws IOException {
        var after = state.with(new Attempt(clock.instant(), "failed", "", step, String.valueOf(failure.getMessage())));
        record.save(after);
        return new PipelineOutcome(PipelineOutcome.Result.FAILED, "", after, Optional.empty(), Optional.empty(),
                deployments, Optional.of(failure), step);
    }
}
