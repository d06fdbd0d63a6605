package dev.exacme.cli.status;

import java.util.Locale;

/** How soon something {@code exacme status} lists needs a person, most urgent first. */
public enum Severity {
    /** A certificate is out of service, or will be before the schedule can put it right by itself. */
    CRITICAL,
    /** Renewal or deployment will not happen by itself: something failed, or nothing runs it. */
    WARNING,
    /** Works today, but a failure would go unnoticed or the schedule is not what this exacme writes. */
    NOTICE;

    /** The name in JSON: {@code critical}, {@code warning}, {@code notice}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
