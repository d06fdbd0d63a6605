package dev.exacme.exchange.rollout;

/** A deployment that is not started because a precondition fails; nothing was changed. */
public final class DeployRefused extends Exception {

    /** The precondition that failed and what to do, in words. */
    public DeployRefused(String message) {
        super(message);
    }
}
