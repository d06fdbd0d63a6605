package dev.exacme.exchange.doctor;

/**
 * One thing the preflight found.
 *
 * @param severity whether a cumulative update's setup would fail on it, or only a service
 * @param check    which check found it
 * @param subject  what it is about (a certificate, a binding, a connector)
 * @param problem  what is wrong
 * @param fix      the command or step that fixes it
 */
public record Finding(Severity severity, Check check, String subject, String problem, String fix) {

    /** How bad a finding is, worst first (the order findings are listed in). */
    public enum Severity {
        /** Exchange setup (a cumulative or security update) fails on this. */
        BLOCKS_UPDATE("blocks-update"),
        /** A service fails or will fail soon (HealthChecker's red), but setup does not. */
        ERROR("error"),
        /** Works today, fails later or degrades something (HealthChecker's yellow). */
        WARNING("warning");

        private final String word;

        Severity(String word) {
            this.word = word;
        }

        /** The word {@code --json} and the report use. */
        public String word() {
            return word;
        }
    }
}
