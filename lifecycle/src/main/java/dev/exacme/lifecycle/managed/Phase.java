package dev.exacme.lifecycle.managed;

/**
 * How far the current certificate of a managed certificate got. Recorded after each step, so
 * that a run killed or failing after issuance resumes from there rather than ordering again.
 */
public enum Phase {
    /** Issued by the CA; its key was only in memory, so an interrupted install means a new order. */
    ISSUED,
    /** In its store; when deployments are defined, not yet served by them. */
    INSTALLED,
    /** Deployed to every target and verified on the wire. */
    DEPLOYED;

    /** The name in JSON and tables. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
