package dev.exacme.exchange.doctor;

/**
 * One thing the preflight found.
 *
 * @param severity whether a cumulative update's setup would fail on it
 * @param subject  what it is about (a certificate, a binding, a connector)
 * @param problem  what is wrong
 * @param fix      the command that fixes it
 */
public record Finding(Severity severity, String subject, String problem, String fix) {

    /** How bad a finding is. */
    public enum Severity {
        /** Exchange setup or a service fails on this. */
        BLOCKS_UPDATE,
        /** Works today, fails later or degrades something. */
        WARNING
    }
}
