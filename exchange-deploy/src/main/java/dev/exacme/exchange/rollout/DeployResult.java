package dev.exacme.exchange.rollout;

import dev.exacme.exchange.verify.Verification;
import java.util.List;
import java.util.Optional;

/**
 * How a deployment ended.
 *
 * @param <C>              the kind of change the deployment made
 * @param outcome          deployed, or rolled back (completely or not)
 * @param applied          the steps that were applied (and, when rolled back, undone)
 * @param verification     what the wire check saw, if it ran
 * @param failure          why it was rolled back, in words
 * @param rollbackFailures the undo steps that failed: what the person must restore by hand
 */
public record DeployResult<C>(Outcome outcome, List<C> applied, Optional<Verification> verification,
                              Optional<String> failure, List<String> rollbackFailures) {

    /** How a deployment ended. */
    public enum Outcome {
        /** Every step applied and every endpoint presents the new certificate. */
        DEPLOYED,
        /** A step or the verification failed; everything applied was restored. */
        ROLLED_BACK,
        /** A step or the verification failed, and restoring failed too: see {@link #rollbackFailures}. */
        ROLLBACK_INCOMPLETE
    }

    /** Copies the lists. */
    public DeployResult {
        applied = List.copyOf(applied);
        rollbackFailures = List.copyOf(rollbackFailures);
    }
}
