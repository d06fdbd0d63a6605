package dev.exacme.cli.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.renewal.RenewalWindow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** When a certificate is due, for a window before, around and after now. */
class RenewalsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static CertificateState issued() {
        return new CertificateState(1, "0123456789ABCDEF0123456789ABCDEF01234567", NOW.minus(60, ChronoUnit.DAYS),
                NOW.plus(30, ChronoUnit.DAYS), null, null, null, null, null, List.of());
    }

    private static RenewalWindow window(long startHours, long endHours) {
        return new RenewalWindow(NOW.plus(startHours, ChronoUnit.HOURS), NOW.plus(endHours, ChronoUnit.HOURS),
                Optional.empty(), Optional.empty());
    }

    @Test
    void aWindowAroundNowIsDueOnlyOnceItsChosenTimeHasCome() {
        var random = RandomGenerator.of("L64X128MixRandom");
        var state = Renewals.withWindow(issued(), window(-12, 12), "ari", random);
        var chosen = state.renewAt();
        assertFalse(chosen.isBefore(NOW.minus(12, ChronoUnit.HOURS)) || chosen.isAfter(NOW.plus(12, ChronoUnit.HOURS)));
        assertEquals(!NOW.isBefore(chosen), Renewals.decide(state, false, Optional.empty(), NOW).due());
        assertTrue(Renewals.decide(state, false, Optional.empty(), NOW.plus(12, ChronoUnit.HOURS)).due());
        assertFalse(Renewals.decide(state, false, Optional.empty(), NOW.minus(13, ChronoUnit.HOURS)).due());
    }

    @Test
    void theChosenTimeIsKeptForTheSameWindowAndChosenAnewForAnother() {
        var state = Renewals.withWindow(issued(), window(10, 20), "ari", RandomGenerator.of("L64X128MixRandom"));
        var again = Renewals.withWindow(state, window(10, 20), "ari", RandomGenerator.of("Xoshiro256PlusPlus"));
        assertEquals(state.renewAt(), again.renewAt());
        var moved = Renewals.withWindow(state, window(-48, -24), "ari", RandomGenerator.of("L64X128MixRandom"));
        assertTrue(moved.renewAt().isBefore(NOW), "a window in the past, as after a revocation: due now");
        assertTrue(Renewals.decide(moved, false, Optional.empty(), NOW).due());
    }

    @Test
    void forceNeverIssuedAndAMissingKeyAreDueWhateverTheWindow() {
        var state = Renewals.withWindow(issued(), window(100, 200), "lifetime", RandomGenerator.of("L64X128MixRandom"));
        assertFalse(Renewals.decide(state, false, Optional.empty(), NOW).due());
        assertTrue(Renewals.decide(state, true, Optional.empty(), NOW).due());
        assertTrue(Renewals.decide(CertificateState.empty(), false, Optional.empty(), NOW).due());
        var missing = Renewals.decide(state, false, Optional.of("the private key of X is no longer in LocalMachine\\My"), NOW);
        assertTrue(missing.due());
        assertTrue(missing.reason().contains("no longer in"));
    }
}
