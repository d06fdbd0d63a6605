package dev.exacme.lifecycle.deploy;

import dev.exacme.exchange.rollout.Change;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.rollout.RolloutPlan;
import dev.exacme.exchange.verify.Verification;
import java.util.List;
import java.util.Optional;

/**
 * What one deployment did.
 *
 * @param target          the target's name
 * @param status          how it ended
 * @param plan            the steps planned, in words
 * @param notes           what the plan explains (why a default is kept, what is left alone)
 * @param failure         why it was not deployed, when it was not
 * @param verification    what was seen on the wire, when verified
 * @param restoreFailures what could not be restored and must be put back by hand
 */
public record DeploymentOutcome(String target, Status status, List<String> plan, List<String> notes,
                                Optional<String> failure, Optional<String> verification,
                                List<String> restoreFailures) {

    /** How a deployment ended. */
    public enum Status {
        /** Served on every endpoint, verified on the wire (for a script: it exited with code 0). */
        DEPLOYED,
        /** Only planned ({@code --dry-run}). */
        DRY_RUN,
        /** Refused before anything changed. */
        REFUSED,
        /** Tried and did not complete, with nothing of exacme's to restore (a script that failed or hung). */
        FAILED,
        /** Not served; everything changed was restored. */
        ROLLED_BACK,
        /** Not served, and restoring failed for some changes. */
        ROLLBACK_INCOMPLETE;

        /** The name in JSON and in the history: {@code rolled-back}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Copies the lists. */
    public DeploymentOutcome {
        plan = List.copyOf(plan);
        notes = List.copyOf(notes);
        restoreFailures = List.copyOf(restoreFailures);
    }

    /** An outcome refused before anything changed. */
    public static DeploymentOutcome refused(String target, String why) {
        return new DeploymentOutcome(target, Status.REFUSED, List.of(), List.of(), Optional.of(why), Optional.empty(),
                List.of());
    }

    /** The plan of a dry run: what {@code target} would change. */
    public static DeploymentOutcome dryRun(String target, RolloutPlan<?> plan) {
        return new DeploymentOutcome(target, Status.DRY_RUN, steps(plan), plan.notes(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** How carrying out {@code plan} at {@code target} ended. */
    public static DeploymentOutcome of(String target, RolloutPlan<?> plan, DeployResult<?> result) {
        var status = switch (result.outcome()) {
            case DEPLOYED -> Status.DEPLOYED;
            case ROLLED_BACK -> Status.ROLLED_BACK;
            case ROLLBACK_INCOMPLETE -> Status.ROLLBACK_INCOMPLETE;
        };
        return new DeploymentOutcome(target, status, steps(plan), plan.notes(), result.failure(),
                result.verification().map(Verification::describe), result.rollbackFailures());
    }

    private static List<String> steps(RolloutPlan<?> plan) {
        return plan.steps().stream().map(Change::describe).toList();
    }

    /** The same outcome with {@code earlier} notes (found before the target was asked) ahead of its own. */
    public DeploymentOutcome withNotesFirst(List<String> earlier) {
        var all = new java.util.ArrayList<>(earlier);
        all.addAll(notes);
        return new DeploymentOutcome(target, status, plan, all, failure, verification, restoreFailures);
    }

    /** Whether the certificate is now served, verified on the wire. */
    public boolean deployed() {
        return status == Status.DEPLOYED;
    }
}
