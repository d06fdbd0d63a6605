package dev.exacme.cli.managed;

import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import java.time.Instant;

/**
 * What the next {@code exacme renew} does with a managed certificate, decided from what is
 * recorded alone ({@link CertificatePipeline#decide}), and why in words; shown by
 * {@code exacme list} and {@code exacme status}.
 *
 * @param action what the next run does
 * @param why    the reason, with the command that acts on it when there is one
 */
public record RenewalOutlook(CertificatePipeline.Action action, String why) {

    /** The outlook of {@code spec} in {@code state} at {@code now}. */
    public static RenewalOutlook of(CertificateSpec spec, CertificateState state, Instant now, RenewalTiming timing) {
        var decision = CertificatePipeline.decide(spec, state, now, timing);
        var why = switch (decision.action()) {
            case ORDER -> "due: " + decision.reason();
            case DEPLOY -> "deployment pending: " + decision.reason() + "; the next 'exacme renew' (or 'exacme deploy "
                    + spec.name() + "') deploys it again";
            case NOTHING -> decision.reason();
        };
        return new RenewalOutlook(decision.action(), why);
    }
}
