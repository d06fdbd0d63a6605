package dev.exacme.cli.managed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What exacme knows of a managed certificate's current issue, in {@code state/NAME.json};
 * the certificate itself is beside it in {@code state/NAME.pem}. Nullable fields are absent
 * until known.
 *
 * @param schemaVersion  1
 * @param thumbprint     the current certificate, null before the first issuance
 * @param notBefore      its start of validity
 * @param notAfter       its end of validity
 * @param renewAt        the time chosen inside the renewal window (RFC 9773: random within it)
 * @param windowStart    the renewal window the choice was made in
 * @param windowEnd      its end
 * @param windowSource   {@code ari} when the CA suggested it, {@code lifetime} otherwise
 * @param checkAfter     when the CA's renewal information may be asked for again
 * @param history        every attempt, oldest first (the last 50)
 */
public record CertificateState(int schemaVersion, String thumbprint, Instant notBefore, Instant notAfter,
                               Instant renewAt, Instant windowStart, Instant windowEnd, String windowSource,
                               Instant checkAfter, List<Attempt> history) {

    private static final int HISTORY = 50;

    /** Copies the history. */
    public CertificateState {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The state of a certificate never issued yet. */
    public static CertificateState empty() {
        return new CertificateState(CertificateDefinition.SCHEMA_VERSION, null, null, null, null, null, null, null,
                null, List.of());
    }

    /** The same state with one more attempt recorded. */
    public CertificateState with(Attempt attempt) {
        var longer = new ArrayList<>(history);
        longer.add(attempt);
        var kept = longer.subList(Math.max(0, longer.size() - HISTORY), longer.size());
        return new CertificateState(schemaVersion, thumbprint, notBefore, notAfter, renewAt, windowStart, windowEnd,
                windowSource, checkAfter, kept);
    }

    /** The last attempt, if any. */
    public Attempt lastAttempt() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
