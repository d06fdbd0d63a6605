package dev.exacme.cli.status;

import dev.exacme.cli.managed.RenewalOutlook;
import dev.exacme.cli.managed.TargetState;
import dev.exacme.lifecycle.managed.Attempt;
import dev.exacme.lifecycle.managed.CertificateState;
import dev.exacme.lifecycle.managed.ManagedCertificates;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.timing.RenewalTiming;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One managed certificate as {@code exacme status} shows it: readable, or a file that cannot be read. */
public sealed interface CertificateStatus {

    /** The managed certificate's name. */
    String name();

    /**
     * A managed certificate and what the next renewal does with it.
     *
     * @param spec    its definition
     * @param state   its recorded state
     * @param outlook what the next {@code exacme renew} does, and why
     * @param targets its deployment targets and whether the current certificate is deployed at each
     */
    record Current(CertificateSpec spec, CertificateState state, RenewalOutlook outlook, List<TargetState> targets)
            implements CertificateStatus {

        public Current {
            targets = List.copyOf(targets);
        }

        @Override
        public String name() {
            return spec.name();
        }

        /** The store it is installed in, as one text ({@code pem:/dir}); {@code windows:LocalMachine\My}. */
        public String store() {
            var location = spec.store().location();
            return location.isEmpty() ? "windows:LocalMachine\\My" : location;
        }

        /** The share of its lifetime (notBefore to notAfter) still ahead at {@code now}, 0 to 1; empty before issuance. */
        public Optional<Double> lifetimeLeft(Instant now) {
            if (state.thumbprint() == null || state.notBefore() == null || state.notAfter() == null
                    || !state.notAfter().isAfter(state.notBefore())) {
                return Optional.empty();
            }
            var lifetime = Duration.between(state.notBefore(), state.notAfter()).toSeconds();
            var left = Math.max(0, Duration.between(now, state.notAfter()).toSeconds());
            return Optional.of(Math.min(1.0, (double) left / lifetime));
        }

        /** The last attempt, if it failed: the current certificate (if any) was not replaced or not deployed. */
        public Optional<Attempt> failedAttempt() {
            var last = state.lastAttempt();
            return last != null && FAILED.contains(last.outcome()) ? Optional.of(last) : Optional.empty();
        }

        private static final java.util.Set<String> FAILED = java.util.Set.of("failed", "rolled-back", "refused");
    }

    /**
     * A definition or state file that cannot be read.
     *
     * @param name    the name it is filed under
     * @param problem why, with the file's path
     */
    record Damaged(String name, String problem) implements CertificateStatus {
    }

    /** Every managed certificate of {@code managed}, in its order, as seen at {@code now}. */
    static List<CertificateStatus> all(ManagedCertificates managed, Instant now, RenewalTiming timing)
            throws IOException {
        var all = new ArrayList<CertificateStatus>();
        for (var entry : managed.list()) {
            if (entry instanceof ManagedCertificates.Broken broken) {
                all.add(new Damaged(broken.name(), broken.problem().getMessage()));
            } else {
                var one = (ManagedCertificates.Managed) entry;
                all.add(new Current(one.spec(), one.state(), RenewalOutlook.of(one.spec(), one.state(), now, timing),
                        TargetState.of(one.spec(), one.state())));
            }
        }
        return all;
    }
}
