package dev.exacme.exchange.verify;

import dev.exacme.store.Thumbprint;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether every endpoint presents the certificate just deployed. Only when
 * {@link #allPassed()} may the old certificate be taken out of service; otherwise the
 * deployment is rolled back.
 *
 * @param expected the thumbprint of the deployed certificate
 * @param outcomes one per endpoint, in the order the endpoints were given
 */
public record Verification(Thumbprint expected, List<Outcome> outcomes) {

    /** Copies the outcomes. */
    public Verification {
        Objects.requireNonNull(expected, "expected");
        outcomes = List.copyOf(outcomes);
    }

    /** Whether every endpoint presents the expected certificate (and there was at least one). */
    public boolean allPassed() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(Outcome::passed);
    }

    /** The endpoints that do not present the expected certificate or could not be checked. */
    public List<Outcome> failures() {
        return outcomes.stream().filter(outcome -> !outcome.passed()).toList();
    }

    /** One line per endpoint, for people. */
    public String describe() {
        if (outcomes.isEmpty()) {
            return "no endpoints to check for " + expected;
        }
        return outcomes.stream().map(outcome -> outcome.describe(expected)).collect(Collectors.joining("\n"));
    }
}
