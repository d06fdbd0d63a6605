package dev.exacme.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsWhatPeopleWrite() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
        assertEquals(Duration.ofHours(2), converter.convert("2H"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1500ms"));
    }

    @Test
    void readsDaysAsTheKeepOldDefaultIsWritten() {
        assertEquals(Duration.ofDays(7), converter.convert("7d"));
        assertEquals(Duration.ofDays(1), converter.convert("1D"));
    }

    @Test
    void refusesNonsense() {
        assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
        assertThrows(TypeConversionException.class, () -> converter.convert("0"));
        assertThrows(TypeConversionException.class, () -> converter.convert("0d"));
        assertThrows(TypeConversionException.class, () -> converter.convert(""));
    }

    @Test
    void refusesWeeksNamingTheUnitsItReads() {
        var failure = assertThrows(TypeConversionException.class, () -> converter.convert("2w"));
        assertEquals("'2w' is not a positive duration: use e.g. 90s, 5m, 1h or 7d", failure.getMessage());
    }
}
