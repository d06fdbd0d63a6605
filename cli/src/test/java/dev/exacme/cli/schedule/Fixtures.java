package dev.exacme.cli.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reviewed expected files in {@code src/test/resources/schedule/} and the schedules they belong to. */
final class Fixtures {

    /** exacme installed in /opt/exacme, default state directory, default times. */
    static final RenewalSchedule LINUX = new RenewalSchedule(RenewalSchedule.DEFAULT_TIME,
            RenewalSchedule.DEFAULT_RANDOM_DELAY, RenewalSchedule.DEFAULT_TIME_LIMIT, "/opt/exacme/exacme",
            List.of("renew", "--quiet"));

    private Fixtures() {
    }

    static String expected(String name) {
        try (var in = Fixtures.class.getResourceAsStream("/schedule/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no expected file schedule/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
