package dev.exacme.lifecycle.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.renewal.RenewalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RenewalTimingTest {

    private static final Instant NOT_BEFORE = Instant.parse("2026-11-28T08:00:00Z");
    private static final Instant SIX_DAYS = NOT_BEFORE.plus(Duration.ofDays(6));
    private static final Instant NINETY_DAYS = NOT_BEFORE.plus(Duration.ofDays(90));

    private static final RenewalTiming DAILY_RUNS = new RenewalTiming(RenewalTiming.DAILY);

    /** A generator for choices that must not be made again: asking it fails the test. */
    private static final RandomGenerator NO_DICE = () -> {
        throw new AssertionError("rolled the dice again for an unchanged window");
    };

    private static RenewalWindow ari(String start, String end) {
        return new RenewalWindow(Instant.parse(start), Instant.parse(end), Optional.empty(), Optional.empty());
    }

    /** Where the last tenth of the lifetime begins. */
    private static Instant lastTenth(Instant notBefore, Instant notAfter) {
        return notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(10));
    }

    @Test
    void aNinetyDayCertificateRenewsFromTwoThirdsUntilTheLastTenth() {
        var window = RenewalTiming.lifetimeWindow(NOT_BEFORE, NINETY_DAYS);

        assertEquals(NOT_BEFORE.plus(Duration.ofDays(60)), window.start());
        assertEquals(NOT_BEFORE.plus(Duration.ofDays(81)), window.end());
        assertEquals(Optional.empty(), window.checkAfter());
        assertEquals(Optional.empty(), window.explanation());
    }

    @Test
    void aSixDayCertificateRenewsFromHalfItsLifetimeUntilTheLastTenth() {
        var window = RenewalTiming.lifetimeWindow(NOT_BEFORE, SIX_DAYS);

        assertEquals(Instant.parse("2026-12-01T08:00:00Z"), window.start());
        assertEquals(Instant.parse("2026-12-03T17:36:00Z"), window.end(), "six days less 14 h 24 min");
    }

    @Test
    void tenDaysIsNoLongerShortLived() {
        var tenDays = RenewalTiming.lifetimeWindow(NOT_BEFORE, NOT_BEFORE.plus(Duration.ofDays(10)));
        assertEquals(NOT_BEFORE.plus(Duration.ofDays(6).plusHours(16)), tenDays.start(), "two thirds");
        assertEquals(NOT_BEFORE.plus(Duration.ofDays(9)), tenDays.end());

        var justUnder = Duration.ofDays(10).minusSeconds(1);
        var shortLived = RenewalTiming.lifetimeWindow(NOT_BEFORE, NOT_BEFORE.plus(justUnder));
        assertEquals(NOT_BEFORE.plus(justUnder.dividedBy(2)), shortLived.start(), "half");
    }

    @Test
    void refusesACertificateThatEndsBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> RenewalTiming.lifetimeWindow(NOT_BEFORE, NOT_BEFORE));
        assertThrows(IllegalArgumentException.class,
                () -> RenewalTiming.lifetimeWindow(NOT_BEFORE, NOT_BEFORE.minusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> DAILY_RUNS.choose(ari("2026-12-01T00:00:00Z",
                "2026-12-02T00:00:00Z"), SIX_DAYS, NOT_BEFORE, Optional.empty(), Optional.empty(), NO_DICE));
    }

    @Test
    void theChoiceIsInTheWindowAndNeverInTheLastTenth() {
        for (var notAfter : new Instant[] {SIX_DAYS, NINETY_DAYS}) {
            var window = RenewalTiming.lifetimeWindow(NOT_BEFORE, notAfter);
            var latest = lastTenth(NOT_BEFORE, notAfter);
            var random = new SplittableRandom(9773);
            for (var i = 0; i < 10_000; i++) {
                var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, notAfter, Optional.empty(), Optional.empty(),
                        random);
                assertFalse(chosen.isBefore(window.start()), chosen + " before " + window.start());
                assertTrue(chosen.isBefore(window.end()), chosen + " not before " + window.end());
                assertTrue(chosen.isBefore(latest), chosen + " in the last tenth from " + latest);
            }
        }
    }

    @Test
    void aWindowOfTheCaReachingIntoTheLastTenthIsCutUniformly() {
        // The CA suggests day 70 to day 95 of a 90-day certificate; day 81 starts the last tenth.
        var window = new RenewalWindow(NOT_BEFORE.plus(Duration.ofDays(70)), NOT_BEFORE.plus(Duration.ofDays(95)),
                Optional.empty(), Optional.empty());
        var latest = NOT_BEFORE.plus(Duration.ofDays(81));
        var perDay = new int[11];
        var random = new SplittableRandom(42);
        for (var i = 0; i < 11_000; i++) {
            var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, NINETY_DAYS, Optional.empty(), Optional.empty(), random);
            assertFalse(chosen.isBefore(window.start()), chosen.toString());
            assertTrue(chosen.isBefore(latest), chosen + " in the last tenth");
            perDay[(int) Duration.between(window.start(), chosen).toDays()]++;
        }
        // Uniform over the eleven days left, not piled up at the cut: about 1000 a day each.
        for (var day = 0; day < perDay.length; day++) {
            assertTrue(perDay[day] > 850 && perDay[day] < 1150, "day " + (70 + day) + ": " + perDay[day]);
        }
    }

    @Test
    void aWindowOfTheCaStartingInTheLastTenthGivesItsBeginning() {
        var window = ari("2026-12-04T00:00:00Z", "2026-12-05T00:00:00Z");

        var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, SIX_DAYS, Optional.empty(), Optional.empty(), NO_DICE);

        assertEquals(lastTenth(NOT_BEFORE, SIX_DAYS), chosen);
    }

    @Test
    void aWindowAlreadyOverGivesItsStart() {
        var window = ari("2026-12-01T12:00:00Z", "2026-12-01T12:00:00Z");

        var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, SIX_DAYS, Optional.empty(), Optional.empty(),
                new SplittableRandom(1));

        assertEquals(window.start(), chosen);
    }

    @Test
    void anUnchangedWindowKeepsTheEarlierChoice() {
        var window = RenewalTiming.lifetimeWindow(NOT_BEFORE, NINETY_DAYS);
        var first = DAILY_RUNS.choose(window, NOT_BEFORE, NINETY_DAYS, Optional.empty(), Optional.empty(),
                new SplittableRandom(5));

        var again = DAILY_RUNS.choose(window, NOT_BEFORE, NINETY_DAYS, Optional.of(first), Optional.of(window),
                NO_DICE);

        assertEquals(first, again);
    }

    @Test
    void onlyStartAndEndMakeAWindowTheSame() {
        // The CA's Retry-After moves with every poll; that alone is no reason for a new choice.
        var polled = ari("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
        var repolled = new RenewalWindow(polled.start(), polled.end(),
                Optional.of(Instant.parse("2026-12-01T06:00:00Z")), Optional.of("https://ca.example/incident"));
        var previous = Instant.parse("2026-12-01T13:14:00Z");

        var chosen = DAILY_RUNS.choose(repolled, NOT_BEFORE, SIX_DAYS, Optional.of(previous), Optional.of(polled),
                NO_DICE);

        assertEquals(previous, chosen);
    }

    @Test
    void aKeptChoiceIsStillHeldOutOfTheLastTenth() {
        // A time chosen before the last-tenth rule, e.g. over the whole of a CA's window.
        var window = ari("2026-12-02T00:00:00Z", "2026-12-04T06:00:00Z");
        var previous = Instant.parse("2026-12-04T01:00:00Z");

        var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, SIX_DAYS, Optional.of(previous), Optional.of(window),
                NO_DICE);

        assertEquals(lastTenth(NOT_BEFORE, SIX_DAYS), chosen);
    }

    @Test
    void aChangedWindowGetsANewChoice() {
        var before = ari("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
        var previous = Instant.parse("2026-12-01T13:14:00Z");
        var moved = ari("2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z");
        var endMoved = ari("2026-12-01T00:00:00Z", "2026-12-01T12:00:00Z");

        for (var seed = 0; seed < 100; seed++) {
            var random = new SplittableRandom(seed);
            var chosen = DAILY_RUNS.choose(moved, NOT_BEFORE, SIX_DAYS, Optional.of(previous), Optional.of(before),
                    random);
            assertFalse(chosen.isBefore(moved.start()) || !chosen.isBefore(moved.end()), chosen.toString());

            var shortened = DAILY_RUNS.choose(endMoved, NOT_BEFORE, SIX_DAYS, Optional.of(previous),
                    Optional.of(before), random);
            assertTrue(shortened.isBefore(endMoved.end()), shortened.toString());
        }
    }

    @Test
    void withoutAnEarlierWindowTheChoiceIsNew() {
        var window = ari("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");
        var outside = Instant.parse("2026-11-30T00:00:00Z");

        var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, SIX_DAYS, Optional.of(outside), Optional.empty(),
                new SplittableRandom(3));

        assertNotEquals(outside, chosen);
        assertFalse(chosen.isBefore(window.start()), chosen.toString());
    }

    @Test
    void dueOnceTheChosenTimeHasCome() {
        var window = ari("2026-11-28T08:00:00Z", "2026-12-03T08:00:00Z");
        var chosen = Instant.parse("2026-12-01T10:00:00Z");

        var atIt = DAILY_RUNS.decide(chosen, window, "lifetime", chosen);
        var after = DAILY_RUNS.decide(chosen, window, "lifetime", chosen.plus(Duration.ofDays(3)));

        assertEquals(new RenewalTiming.Decision(true,
                "due since 2026-12-01 10:00 UTC (lifetime window 2026-11-28 08:00 UTC to 2026-12-03 08:00 UTC)"), atIt);
        assertEquals(atIt, after);
    }

    @Test
    void aCaWindowEndingBeforeTheNextDailyRunIsDueNow() {
        var now = Instant.parse("2026-12-01T10:00:00Z");
        var window = ari("2026-12-01T12:00:00Z", "2026-12-01T20:00:00Z");
        var chosen = DAILY_RUNS.choose(window, NOT_BEFORE, SIX_DAYS, Optional.empty(), Optional.empty(),
                new SplittableRandom(11));

        var decision = DAILY_RUNS.decide(chosen, window, "ari", now);

        assertTrue(decision.due(), decision.reason());
        assertTrue(decision.reason().startsWith("due now: the chosen time 2026-12-01 "), decision.reason());
        assertTrue(decision.reason().endsWith(" comes before the next scheduled run (every 24 h)"), decision.reason());
    }

    @Test
    void aChosenTimeBeforeTheNextRunIsDueNow() {
        var now = Instant.parse("2026-12-01T15:00:00Z");
        var window = ari("2026-12-01T12:00:00Z", "2026-12-02T20:00:00Z");

        var decision = DAILY_RUNS.decide(now.plus(Duration.ofHours(3)), window, "ari", now);

        assertEquals(new RenewalTiming.Decision(true,
                "due now: the chosen time 2026-12-01 18:00 UTC comes before the next scheduled run (every 24 h)"),
                decision);
    }

    @Test
    void aChosenTimeAfterTheNextRunIsNotDue() {
        var now = Instant.parse("2026-12-01T10:00:00Z");
        var window = ari("2026-12-02T10:00:00Z", "2026-12-05T10:00:00Z");

        var decision = DAILY_RUNS.decide(now.plus(Duration.ofDays(2)), window, "ari", now);

        assertEquals(new RenewalTiming.Decision(false,
                "not due before 2026-12-03 10:00 UTC (ari window 2026-12-02 10:00 UTC to 2026-12-05 10:00 UTC)"),
                decision);
    }

    @Test
    void aChosenTimeAtTheNextRunIsLeftToThatRun() {
        var now = Instant.parse("2026-12-01T10:00:00Z");
        var window = ari("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z");

        assertFalse(DAILY_RUNS.decide(now.plus(RenewalTiming.DAILY), window, "ari", now).due());
        assertTrue(DAILY_RUNS.decide(now.plus(RenewalTiming.DAILY).minusMillis(1), window, "ari", now).due());
    }

    @Test
    void theReasonStatesTheScheduleInItsOwnUnit() {
        var now = Instant.parse("2026-12-01T10:00:00Z");
        var window = ari("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z");
        var chosen = now.plus(Duration.ofMinutes(30));

        assertTrue(new RenewalTiming(Duration.ofMinutes(90)).decide(chosen, window, "ari", now).reason()
                .endsWith("(every 90 min)"));
        assertTrue(new RenewalTiming(Duration.ofHours(1)).decide(chosen, window, "ari", now).reason()
                .endsWith("(every 1 h)"));
        assertTrue(new RenewalTiming(Duration.ofSeconds(3601)).decide(chosen, window, "ari", now).reason()
                .endsWith("(every 3601 s)"));
    }

    @Test
    void refusesASchedulePeriodThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new RenewalTiming(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RenewalTiming(Duration.ofHours(-24)));
        assertThrows(IllegalArgumentException.class, () -> new RenewalTiming(null));
    }

    @Test
    void dailyRunsRenewASixDayCertificateBeforeItsLastTenth() {
        var latest = lastTenth(NOT_BEFORE, SIX_DAYS);
        for (var seed = 0; seed < 10_000; seed++) {
            var random = new SplittableRandom(seed);
            // Half the runs start on the dot of notBefore, half at some time of day after it.
            var firstRun = seed % 2 == 0 ? NOT_BEFORE : NOT_BEFORE.plusMillis(random.nextLong(86_400_000L));
            var renewal = renewalRun(DAILY_RUNS, NOT_BEFORE, SIX_DAYS, firstRun, random);

            assertTrue(renewal.run().isBefore(latest), "seed " + seed + ": " + renewal);
            assertFalse(renewal.run().isAfter(renewal.chosen()), "seed " + seed + ": " + renewal);
            assertTrue(renewal.run().isAfter(renewal.chosen().minus(RenewalTiming.DAILY)), "seed " + seed + ": "
                    + renewal);
        }
    }

    @Test
    void dailyRunsRenewANinetyDayCertificateBeforeItsLastTenth() {
        var latest = lastTenth(NOT_BEFORE, NINETY_DAYS);
        for (var seed = 0; seed < 2_000; seed++) {
            var random = new SplittableRandom(seed);
            var firstRun = NOT_BEFORE.plusMillis(random.nextLong(86_400_000L));
            var renewal = renewalRun(DAILY_RUNS, NOT_BEFORE, NINETY_DAYS, firstRun, random);

            assertTrue(renewal.run().isBefore(latest), "seed " + seed + ": " + renewal);
            assertFalse(renewal.run().isAfter(renewal.chosen()), "seed " + seed + ": " + renewal);
        }
    }

    /** The run that renewed, and the time chosen for it. */
    private record Renewal(Instant run, Instant chosen) {
    }

    /**
     * Runs on the schedule from {@code firstRun} as the scheduled task would, keeping the choice
     * between runs, until one decides to renew.
     */
    private static Renewal renewalRun(RenewalTiming timing, Instant notBefore, Instant notAfter, Instant firstRun,
                                      RandomGenerator random) {
        var previous = Optional.<Instant>empty();
        var previousWindow = Optional.<RenewalWindow>empty();
        for (var run = firstRun; run.isBefore(notAfter); run = run.plus(timing.schedulePeriod())) {
            var window = RenewalTiming.lifetimeWindow(notBefore, notAfter);
            var chosen = timing.choose(window, notBefore, notAfter, previous, previousWindow, random);
            if (previous.isPresent()) {
                assertEquals(previous.get(), chosen, "the choice changed between runs");
            }
            if (timing.decide(chosen, window, "lifetime", run).due()) {
                return new Renewal(run, chosen);
            }
            previous = Optional.of(chosen);
            previousWindow = Optional.of(window);
        }
        throw new AssertionError("no run renewed the certificate before it expired");
    }
}
