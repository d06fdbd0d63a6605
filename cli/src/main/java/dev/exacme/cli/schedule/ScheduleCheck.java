package dev.exacme.cli.schedule;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The check an interactive run makes: if a schedule is installed but does not run this
 * exacme's launcher (exacme was moved, or upgraded into another directory, and the schedule
 * would run an old or missing copy), a one-paragraph warning. Whatever {@code --config-dir}
 * the schedule names is accepted, since the person running exacme now may use another
 * state directory than the scheduled account; {@code exacme schedule show} compares
 * everything. Never fails the run that asks.
 */
public final class ScheduleCheck {

    private ScheduleCheck() {
    }

    /** The warning, or empty when no schedule is installed or it runs this exacme. */
    public static Optional<String> warning(ScheduleHost host) {
        return warning(host, installed(host));
    }

    /**
     * The settings of the schedule installed on {@code host}, empty when none is or it cannot be
     * read: a command that needs them twice (the gap, the warning) reads them once here.
     */
    public static Optional<Map<String, String>> installed(ScheduleHost host) {
        try {
            return host.scheduler().installed();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // said by 'exacme schedule show', which fails on it
        }
    }

    /** {@link #warning(ScheduleHost)} for the schedule already read from {@code host}, {@code installed}. */
    public static Optional<String> warning(ScheduleHost host, Optional<Map<String, String>> installed) {
        try {
            var scheduler = host.scheduler();
            if (installed.isEmpty()) {
                return Optional.empty();
            }
            var wanted = new ScheduleOptions().schedule(host.launcherPath(), Optional.empty(), installed.get());
            var expected = scheduler.settings(wanted).get(Setting.COMMAND);
            var actual = installed.get().get(Setting.COMMAND);
            if (actual != null && (actual.equals(expected) || actual.startsWith(expected + " --config-dir "))) {
                return Optional.empty();
            }
            return Optional.of("The scheduled renewal (" + scheduler.location() + ") runs "
                    + (actual == null ? "no command exacme can read" : actual) + ", not this exacme (" + expected
                    + "). Run `exacme schedule install` to update it, or `exacme schedule show` for details.");
        } catch (InvalidRequest | RuntimeException e) {
            return Optional.empty();
        }
    }
}
