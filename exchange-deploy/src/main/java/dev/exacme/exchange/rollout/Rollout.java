package dev.exacme.exchange.rollout;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.exchange.verify.Verification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Carries out a {@link RolloutPlan}: applies its changes in order, then checks on the wire that
 * every endpoint presents the new certificate. If a change fails or an endpoint does not, every
 * applied change is undone in reverse order, so the services end as they were. The one engine
 * behind the Exchange and the IIS deployments.
 *
 * @param <S> the shell the changes are made through
 */
public final class Rollout<S> {

    private final S shell;
    private final ServedCertificateCheck check;
    private final Consumer<String> progress;

    /** A rollout through {@code shell}, verified by {@code check}, telling {@code progress} what it waits for. */
    public Rollout(S shell, ServedCertificateCheck check, Consumer<String> progress) {
        this.shell = shell;
        this.check = check;
        this.progress = progress;
    }

    /** Runs the plan. */
    public <C extends Change<? super S>> DeployResult<C> run(RolloutPlan<C> plan) {
        var applied = new ArrayList<C>();
        for (var step : plan.steps()) {
            progress.accept("Applying: " + step.describe());
            try {
                step.apply(shell);
                applied.add(step);
            } catch (PowerShellFailure e) {
                var undone = new ArrayList<>(applied);
                if (step.undoneWhenFailed()) {
                    undone.add(step);
                }
                return rollBack(applied, undone, Optional.empty(), "step failed: " + step.describe() + ": "
                        + describe(e));
            }
        }
        progress.accept("Verifying on the wire: " + plan.endpoints().size() + " endpoint(s)");
        var verification = check.verify(plan.endpoints(), plan.thumbprint());
        if (!verification.allPassed()) {
            return rollBack(applied, applied, Optional.of(verification), "not served as expected:\n"
                    + verification.describe());
        }
        return new DeployResult<>(DeployResult.Outcome.DEPLOYED, applied, Optional.of(verification), Optional.empty(),
                List.of());
    }

    private <C extends Change<? super S>> DeployResult<C> rollBack(List<C> applied, List<C> undone,
                                                                 Optional<Verification> seen, String failure) {
        var failures = new ArrayList<String>();
        var reversed = new ArrayList<>(undone);
        Collections.reverse(reversed);
        // Restarts go last, so that the services read the restored configuration.
        reversed.sort((one, other) -> Boolean.compare(one.undoLast(), other.undoLast()));
        for (var step : reversed) {
            progress.accept("Restoring: " + step.describe());
            try {
                step.undo(shell);
            } catch (PowerShellFailure e) {
                failures.add(step.describe() + ": " + describe(e));
            }
        }
        return new DeployResult<>(failures.isEmpty() ? DeployResult.Outcome.ROLLED_BACK
                : DeployResult.Outcome.ROLLBACK_INCOMPLETE, applied, seen, Optional.of(failure), failures);
    }

    private static String describe(PowerShellFailure failure) {
        return failure.getMessage() + failure.cmdlet().map(cmdlet -> " (" + cmdlet
                + (failure.category().isEmpty() ? "" : ", " + failure.category()) + ")").orElse("");
    }
}
