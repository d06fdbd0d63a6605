package dev.exacme.exchange.rollout;

import dev.exacme.exchange.powershell.PowerShellFailure;

/**
 * One change a deployment makes through a shell {@code S}, with the change that takes it
 * back. Every change records what was there before it, so that a failed verification can
 * restore exactly that. Exchange's steps are changes for its shell, IIS binding changes are
 * changes for the IIS shell, which the Exchange shell extends: one {@link Rollout} runs both.
 *
 * @param <S> what the change is made through
 */
public interface Change<S> {

    /** The change in words, for the plan. */
    String describe();

    /** Makes the change. */
    void apply(S shell) throws PowerShellFailure;

    /** Restores what was there before {@link #apply}. */
    void undo(S shell) throws PowerShellFailure;

    /**
     * Whether a failed {@link #apply} may have made part of its change (an SSL binding removed
     * before the new one could be added), so that its {@link #undo}, written to run on any part
     * of it, runs too.
     */
    default boolean undoneWhenFailed() {
        return false;
    }

    /** Whether the undo must run after every other change's undo (a restart that reads the restored state). */
    default boolean undoLast() {
        return false;
    }
}
