package dev.exacme.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The next start of a daily schedule from the settings every scheduler reports alike, in local time. */
class NextRunTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Map<String, String> NINE_PLUS_FOUR = Map.of(Setting.TIME, "09:00", Setting.RANDOM_DELAY, "4h");

    private static ZonedDateTime at(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN);
    }

    @Test
    void beforeTodaysTimeItIsToday() {
        var next = NextRun.of(NINE_PLUS_FOUR, at("2026-03-10T08:00"), Optional.empty()).orElseThrow();
        assertEquals(at("2026-03-10T09:00").toInstant(), next.earliest());
        assertEquals(at("2026-03-10T13:00").toInstant(), next.latest());
    }

    @Test
    void insideTodaysDelayItIsTodayUntilARunHasStarted() {
        var now = at("2026-03-10T11:00");
        assertEquals(at("2026-03-10T09:00").toInstant(),
                NextRun.of(NINE_PLUS_FOUR, now, Optional.of(at("2026-03-09T10:15").toInstant())).orElseThrow().earliest());
        assertEquals(at("2026-03-11T09:00").toInstant(),
                NextRun.of(NINE_PLUS_FOUR, now, Optional.of(at("2026-03-10T10:15").toInstant())).orElseThrow().earliest());
    }

    @Test
    void afterTodaysWindowItIsTomorrowAcrossAChangeToSummerTime() {
        var next = NextRun.of(NINE_PLUS_FOUR, at("2026-03-28T14:00"), Optional.empty()).orElseThrow();
        assertEquals(at("2026-03-29T09:00").toInstant(), next.earliest());
        assertEquals(Duration.ofHours(18), Duration.between(at("2026-03-28T14:00").toInstant(), next.earliest()),
                "19 hours on the clock, one of them skipped");
    }

    @Test
    void noDelayAndNoDailyTime() {
        var next = NextRun.of(Map.of(Setting.TIME, "21:30"), at("2026-03-10T22:00"), Optional.empty()).orElseThrow();
        assertEquals(next.earliest(), next.latest());
        assertEquals(at("2026-03-11T21:30").toInstant(), next.earliest());
        assertEquals(Optional.empty(), NextRun.of(Map.of(Setting.TIME, "Mon *-*-* 09:00:00"), at("2026-03-10T08:00"),
                Optional.empty()));
        assertEquals(Optional.empty(), NextRun.of(Map.of(), at("2026-03-10T08:00"), Optional.empty()));
    }
}
