package dev.exacme.lifecycle.managed;

/**
 * How far the current certificate of a managed certificate got, recorded after each step.
 * Issuance itself is recorded as an attempt ({@code issued}) only: its key exists in memory
 * until the store holds it, so a certificate becomes current when it is installed, and the one
 * in service stays current (and its expiry shown) when an install fails.
 */
public enum Phase {
    /** In its store; when deployments are defined, not (yet) served by them. */
    INSTALLED,
    /** Deployed to every target and verified on the wire. */
    DEPLOYED;

    /** The name in JSON and tables. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The phase {@link #id()} names. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Phase of(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
