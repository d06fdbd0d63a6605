package dev.exacme.exchange.deploy;

import dev.exacme.exchange.rollout.Change;
import dev.exacme.exchange.rollout.DeployResult;
import dev.exacme.exchange.rollout.Rollout;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import java.util.function.Consumer;

/**
 * Carries out a {@link DeployPlan}: applies its steps in order, then checks on the wire that
 * every endpoint presents the new certificate. If a step fails or an endpoint does not,
 * every applied step is undone in reverse order, so the services end as they were. The
 * {@link Rollout} over the Exchange shell, under the name the Exchange side has always used.
 */
public final class Deployment {

    private final Rollout<ExchangeShell> rollout;

    /** A deployment through {@code shell}, verified by {@code check}, telling {@code progress} what it waits for. */
    public Deployment(ExchangeShell shell, ServedCertificateCheck check, Consumer<String> progress) {
        this.rollout = new Rollout<>(shell, check, progress);
    }

    /** Runs the plan. */
    public DeployResult<Change<? super ExchangeShell>> run(DeployPlan plan) {
        return rollout.run(plan);
    }
}
