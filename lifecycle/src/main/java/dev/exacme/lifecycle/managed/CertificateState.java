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
 * @param previous       the certificate the current one replaced, when known (handed to deployment scripts)
 * @param deployedTo     the deployment targets ({@code DeploymentSpec.key()}) the current certificate is deployed to and
 *                       verified at; null in states written before targets were recorded one by one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateState(int schemaVersion, String thumbprint, Instant notBefore, Instant notAfter, Phase phase,
                               Instant renewAt, Instant windowStart, Instant windowEnd, String windowSource,
                               Instant checkAfter, List<Attempt> history, String previous,
                               List<String> deployedTo) {

    /** The schema this exacme writes; version 1 files (without phase) are read as {@link #phaseOrDone()} says. */
    public static final int SCHEMA_VERSION = 2;

    private static final int HISTORY = 50;

    /** Copies the history. */
    public CertificateState {
        history = history == null ? List.of() : List.copyOf(history);
        deployedTo = deployedTo == null ? null : List.copyOf(deployedTo);
    }

    /** The state of a certificate never issued yet. */
    public static CertificateState empty() {
        return new CertificateState(SCHEMA_VERSION, null, null, null, null, null, null, null, null, null, List.of(),
                null, List.of());
    }

    /** The same state with one more attempt recorded. */
    public CertificateState with(Attempt attempt) {
        var longer = new ArrayList<>(history);
        longer.add(attempt);
        var kept = longer.subList(Math.max(0, longer.size() - HISTORY), longer.size());
        return new CertificateState(schemaVersion, thumbprint, notBefore, notAfter, phase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, kept, previous, deployedTo);
    }

    /**
     * A new current certificate, in {@code phase}, its renewal time not chosen yet, deployed
     * nowhere; the certificate it replaces becomes {@link #previous}.
     */
    public CertificateState issued(String newThumbprint, Instant newNotBefore, Instant newNotAfter, Phase newPhase) {
        return new CertificateState(SCHEMA_VERSION, newThumbprint, newNotBefore, newNotAfter, newPhase, null, null,
                null, null, null, history, thumbprint == null || thumbprint.equalsIgnoreCase(newThumbprint) ? previous
                : thumbprint, List.of());
    }

    /** The same certificate in another phase. */
    public CertificateState in(Phase newPhase) {
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, newPhase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, history, previous, deployedTo);
    }

    /** The same certificate, deployed and verified at one more target. */
    public CertificateState withDeployment(String targetKey) {
        var targets = new ArrayList<>(deployedTo == null ? List.of() : deployedTo);
        if (!targets.contains(targetKey)) {
            targets.add(targetKey);
        }
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, phase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, history, previous, targets);
    }

    /**
     * The same certificate with {@code keys} recorded as its deployments when this state, written
     * before targets were recorded one by one, says it is deployed as a whole; otherwise unchanged.
     */
    public CertificateState knowingDeployments(List<String> keys) {
        if (deployedTo != null || thumbprint == null || phaseOrDone() != Phase.DEPLOYED) {
            return this;
        }
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, phase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, history, previous, List.copyOf(keys));
    }

    /** The same certificate, deployed to no target yet ({@code exacme deploy} deploys to every one again). */
    public CertificateState withoutDeployments() {
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, phase, renewAt, windowStart,
                windowEnd, windowSource, checkAfter, history, previous, List.of());
    }

    /**
     * Whether the current certificate is deployed at the target {@code targetKey}: recorded so,
     * or, in a state written before targets were recorded one by one, deployed as a whole.
     */
    public boolean isDeployedAt(String targetKey) {
        return deployedTo == null ? phaseOrDone() == Phase.DEPLOYED : deployedTo.contains(targetKey);
    }

    /** The same certificate with a renewal time chosen in a window. */
    public CertificateState scheduled(Instant chosen, Instant start, Instant end, String source, Instant nextCheck) {
        return new CertificateState(SCHEMA_VERSION, thumbprint, notBefore, notAfter, phase, chosen, start, end, source,
                nextCheck, history, previous, deployedTo);
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

    /**
     * When the current certificate was deployed and verified (or imported, deployed by the other
     * tool), if the history still says.
     */
    public java.util.Optional<Instant> deployedAt() {
        for (var i = history.size() - 1; i >= 0; i--) {
            var attempt = history.get(i);
            // Imported: deployed by the other tool; its grace period for clean-ups starts at the import.
            if (("deployed".equals(attempt.outcome()) || "imported".equals(attempt.outcome()))
                    && attempt.thumbprint().equals(thumbprint)) {
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
