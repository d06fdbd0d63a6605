package dev.exacme.cli.managed;

import dev.exacme.acme.renewal.RenewalWindow;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a managed certificate is due and what an attempt changes in its state.
 *
 * <p>Due when: asked to ({@code --force}); never issued; its certificate or key is gone from
 * the store; or now is at or past the time chosen inside its renewal window. The window is
 * the CA's (ACME Renewal Information, RFC 9773) when it offers one, otherwise the last third
 * of the lifetime. The time is chosen at random inside the window once and kept, so that
 * repeated runs do not roll the dice again; a new window means a new choice.
 */
final class Renewals {

    private Renewals() {
    }

    /**
     * Whether to renew, and why.
     *
     * @param due    renew now
     * @param reason why (or why not), in words
     */
    record Decision(boolean due, String reason) {
    }

    /** The state with the window recorded and a time chosen in it, kept when the window did not change. */
    static CertificateState withWindow(CertificateState state, RenewalWindow window, String source,
                                       RandomGenerator random) {
        var same = window.start().equals(state.windowStart()) && window.end().equals(state.windowEnd())
                && state.renewAt() != null;
        var renewAt = same ? state.renewAt() : window.chooseTime(random);
        return new CertificateState(state.schemaVersion(), state.thumbprint(), state.notBefore(), state.notAfter(),
                renewAt, window.start(), window.end(), source, window.checkAfter().orElse(null), state.history());
    }

    /** The decision for a certificate whose window is already in {@code state}. */
    static Decision decide(CertificateState state, boolean force, Optional<String> missing, Instant now) {
        if (force) {
            return new Decision(true, "--force");
        }
        if (state.thumbprint() == null) {
            return new Decision(true, "never issued");
        }
        if (missing.isPresent()) {
            return new Decision(true, missing.get());
        }
        if (state.renewAt() == null) {
            return new Decision(true, "no renewal time known");
        }
        if (!now.isBefore(state.renewAt())) {
            return new Decision(true, "due since " + state.renewAt() + " (" + state.windowSource() + " window "
                    + state.windowStart() + " .. " + state.windowEnd() + ")");
        }
        return new Decision(false, "not due before " + state.renewAt() + " (" + state.windowSource() + " window "
                + state.windowStart() + " .. " + state.windowEnd() + ")");
    }

    /**
     * The state after an issue run: the new certificate and a window from its lifetime when it
     * was issued, and the attempt in the history either way. The certificate is kept beside
     * the state for renewal information and {@code replaces}.
     */
    static CertificateState recorded(CertificateState state, IssueRun run, ManagedCertificates managed, String name)
            throws IOException {
        var now = Instant.now();
        if (run.issued().isEmpty()) {
            return state.with(new Attempt(now, "failed", "", run.step(), run.message()));
        }
        var issued = run.issued().get();
        var thumbprint = issued.path("thumbprint").asText();
        managed.saveCertificate(name, issued.path("certificate").asText());
        var notBefore = Instant.parse(issued.path("notBefore").asText());
        var notAfter = Instant.parse(issued.path("notAfter").asText());
        var renewed = new CertificateState(state.schemaVersion(), thumbprint, notBefore, notAfter, null, null, null,
                null, null, state.history());
        renewed = withWindow(renewed, RenewalWindow.fromLifetime(notBefore, notAfter), "lifetime",
                RandomGenerator.getDefault());
        var outcome = run.deployed().map(document -> document.path("outcome").asText()).orElse("issued");
        return renewed.with(new Attempt(now, outcome, thumbprint, run.exitCode() == 0 ? "" : run.step(),
                run.exitCode() == 0 ? "" : run.message()));
    }
}
