package dev.exacme.lifecycle.pipeline;

import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.store.Installation;
import java.util.List;
import java.util.Optional;

/**
 * What one pass of the pipeline did for one certificate.
 *
 * @param result       how it ended
 * @param reason       why it was (or was not) renewed or deployed, in words
 * @param state        the state after it, as recorded
 * @param ordered      the new certificate, when one was ordered
 * @param installation where it was installed, when it was
 * @param deployments  what each target did, in order
 * @param failure      what stopped it, when it failed
 * @param failedStep   the step that failed ({@code decide}, {@code order}, {@code install}, {@code deploy}), or empty
 */
public record PipelineOutcome(Result result, String reason, CertificateState state,
                              Optional<Ordering.Ordered> ordered, Optional<Installation> installation,
                              List<DeploymentOutcome> deployments, Optional<Exception> failure, String failedStep) {

    /** How a pass ended. */
    public enum Result {
        /** Nothing to do yet. */
        NOT_DUE("not due"),
        /** A new certificate was ordered, installed and (when defined) deployed. */
        RENEWED("renewed"),
        /** The current certificate, whose deployment had not completed, is now deployed. */
        DEPLOYED("deployed"),
        /** A step failed; the state says how far it got. */
        FAILED("failed");

        private final String id;

        Result(String id) {
            this.id = id;
        }

        /** The name in JSON and tables. */
        public String id() {
            return id;
        }
    }

    /** Copies the list. */
    public PipelineOutcome {
        deployments = List.copyOf(deployments);
    }

    /**
     * What failed, in words: the failure's message, or for a deployment what the target said and
     * how it is retried.
     */
    public String message() {
        if (failure.isPresent()) {
            return String.valueOf(failure.get().getMessage());
        }
        var last = state.lastAttempt();
        return result == Result.FAILED && last != null && !last.message().isEmpty() ? last.message() : reason;
    }
}
