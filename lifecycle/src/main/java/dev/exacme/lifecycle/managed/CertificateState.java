package dev.exacme.lifecycle.managed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What exacme knows of a managed certificate's current certificate, in {@code state/NAME.json};
 * the certificate itself is beside it in {@code state/NAME.pem}. Nullable fields are absent
 * until known.
 *
 * @param schemaVersion  {@value #SCHEMA_VERSION}
 * @param thumbprint     the current certificate, null before the first issuance
 * @param notBefore      its start of validity
 * @param notAfter       its end of validity
 * @param phase          how far it got: installed, deployed (null before the first issuance and in version 1)
 * @param renewAt        the time chosen inside the renewal window (RFC 9773: random within it)
 * @param windowStart    the renewal window the choice was made in
 * @param windowEnd      its end
 * @param windowSource   {@code ari} when the CA suggested it, {@code lifetime} otherwise
 * @param checkAfter     when the CA's renewal information may be asked for again
 * @param history        every attempt, oldest first (the last 50)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateState(int schemaVersion, String thumbprint, Instant notBefore, Instant notAfter, Phase phase,
                               Instant renewAt, Instant windowStart, Instant windowEnd, String windowSource,
                               Instant checkAfter, List<Attempt> history) {

    /** The schema this exacme writes; version 1 files (without phase) are read as {@link #phaseOrDone()} says. */
    public static final int SCHEMA_VERSION = 2;

    private static final int HISTORY = 50;

    /** Copies the history. */
    public CertificateState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The state of a certificate never issued yet. */
    public static CertificateState empty() {
        return new CertificateState(SCHEMA_VERSION, null, null, null, null, null, null, null, null, null, List.of());
    }

    /** The same state with one more attempt recorded. */
    public CertificateState with(Attempt attempt) {
        var longer = new ArrayList<>(history);
        longer.add(attempt);
        var kept = longer.subList(Math.max(0, longer.size() - HISTORY), longer.size());
        return new CertificateState(schemaVersion, thumbprint, notBefore, notAfter, phase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, kept);
    }

    /** A new current certificate, in {@code phase}, its renewal time not chosen yet. */
    public CertificateState issued(String newThumbprint, Instant newNotBefore, Instant newNotAfter, Phase newPhase) {
        return new CertificateState(SCHEMA_VERSION, newThumbprint, newNotBefore, newNotAfter, newPhase, null, null,
                null, null, null, history);
    }

    /** The same certificate in another phase. */
    public CertificateState in(Phase newPhase) {
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, newPhase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, history);
    }

    /** The same certificate with a renewal time chosen in a window. */
    public CertificateState scheduled(Instant chosen, Instant start, Instant end, String source, Instant nextCheck) {
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, phase, chosen, start, end, source,
                nextCheck, history);
    }

    /** Deployment outcomes after which exacme 0.1 still made the certificate current: not served. */
    private static final java.util.Set<String> NOT_SERVED = java.util.Set.of("rolled-back", "rollback-incomplete",
            "refused");

    /**
     * The phase. A version 1 state has none: it recorded a certificate as current once issued,
     * also when its deployment was rolled back, so such a certificate counts as installed (and is
     * deployed again); any other as deployed.
     */
    public Phase phaseOrDone() {
        if (phase != null) {
            return phase;
        }
        var last = lastAttempt();
        return last != null && NOT_SERVED.contains(last.outcome()) && last.thumbprint().equals(thumbprint)
                ? Phase.INSTALLED : Phase.DEPLOYED;
    }

    /** When the current certificate was deployed and verified, if the history still says. */
    public java.util.Optional<Instant> deployedAt() {
        for (var i = history.size() - 1; i >= 0; i--) {
            var attempt = history.get(i);
            if ("deployed".equals(attempt.outcome()) && attempt.thumbprint().equals(thumbprint)) {
                return java.util.Optional.of(attempt.time());
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the current certificate's last deployment could not be fully rolled back: what it
     * changed must be put back by hand before exacme touches Exchange again.
     */
    public boolean heldAfterIncompleteRollback() {
        var last = lastAttempt();
        return last != null && "rollback-incomplete".equals(last.outcome()) && last.thumbprint().equals(thumbprint);
    }

    /** The last attempt, if any. */
    public Attempt lastAttempt() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
