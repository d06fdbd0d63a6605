package dev.exacme.cli.status;

import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.pipeline.CertificatePipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What needs attention first, most severe first, each with the command that fixes it.
 *
 * <p>How close to expiry counts is measured in each certificate's own lifetime (notBefore to
 * notAfter), never in days, so that a six-day certificate and a 90-day one are judged alike:
 * the renewal time is chosen in the last third of the lifetime, before its last tenth
 * ({@code RenewalTiming}). A certificate past its renewal time is overdue, because every daily
 * run renews what falls due before the next one: a warning, critical once less than a tenth of
 * its lifetime is left, when a failed attempt leaves no room for another before expiry.
 */
final class Triage {

    /** Less than this share of the lifetime left: the renewal window is open. */
    static final double EXPIRES_SOON = 1.0 / 3;
    /** Less than this share left: past the latest renewal time exacme ever chooses. */
    static final double EXPIRES_VERY_SOON = 1.0 / 10;

    private Triage() {
    }

    /** The items for these certificates, schedule and notifications at {@code now}, in order. */
    static List<Attention> of(List<CertificateStatus> certificates, ScheduleStatus schedule,
                              NotificationStatus notifications, Instant now) {
        var items = new ArrayList<Attention>();
        for (var certificate : certificates) {
            if (certificate instanceof CertificateStatus.Damaged damaged) {
                items.add(new Attention(Severity.CRITICAL, damaged.name(), damaged.problem(),
                        "fix or move away the file named, then run `exacme status` again"));
            } else {
                certificate((CertificateStatus.Current) certificate, now, items);
            }
        }
        schedule(schedule, !certificates.isEmpty(), now, items);
        // A damaged notify.json is said even before the first certificate; that none is configured is not.
        if (!certificates.isEmpty() || notifications.problem().isPresent()) {
            notifications(notifications, items);
        }
        // A stable sort: within a severity, certificates first, in their order, then the schedule, then notifications.
        items.sort(Comparator.comparing(Attention::severity));
        return items;
    }

    private static void certificate(CertificateStatus.Current certificate, Instant now, List<Attention> items) {
        var name = certificate.name();
        var state = certificate.state();
        var renew = "exacme renew " + name;
        var failed = certificate.failedAttempt();
        var failure = failed.map(attempt -> "the last attempt failed " + Times.text(attempt.time())
                + (attempt.message().isEmpty() ? " (" + attempt.outcome() + ")" : ": " + attempt.message())).orElse("");
        if (state.thumbprint() == null) {
            items.add(new Attention(Severity.CRITICAL, name, "has no certificate yet" + (failure.isEmpty() ? ""
                    : "; " + failure), renew));
            return;
        }
        if (!now.isBefore(state.notAfter())) {
            items.add(new Attention(Severity.CRITICAL, name, "expired " + Times.text(state.notAfter())
                    + (failure.isEmpty() ? "" : "; " + failure), renew));
            return;
        }
        if (state.heldAfterIncompleteRollback()) {
            items.add(new Attention(Severity.CRITICAL, name, certificate.outlook().why(),
                    "put back by hand what `exacme show " + name + "` names, then `exacme deploy " + name + "`"));
            return;
        }
        var left = certificate.lifetimeLeft(now).orElse(1.0);
        var expiry = "expires " + Times.text(state.notAfter()) + " (" + percent(left) + " of its lifetime left)";
        var pending = certificate.outlook().action() == CertificatePipeline.Action.DEPLOY;
        if (failed.isPresent()) {
            items.add(new Attention(left < EXPIRES_SOON ? Severity.CRITICAL : Severity.WARNING, name,
                    failure + "; " + expiry, pending ? "exacme deploy " + name : renew));
            return;
        }
        if (state.renewAt() != null && !now.isBefore(state.renewAt())) {
            items.add(new Attention(left < EXPIRES_VERY_SOON ? Severity.CRITICAL : Severity.WARNING, name,
                    "renewal overdue since " + Times.text(state.renewAt()) + "; " + expiry, renew));
            return;
        }
        if (state.renewAt() == null && left < EXPIRES_SOON) {
            items.add(new Attention(left < EXPIRES_VERY_SOON ? Severity.CRITICAL : Severity.WARNING, name,
                    "no renewal time chosen and " + expiry, renew));
            return;
        }
        if (pending) {
            var targets = certificate.targets().stream().filter(target -> !target.deployed())
                    .map(target -> target.target()).toList();
            items.add(new Attention(Severity.WARNING, name, "deployment pending: not deployed to "
                    + String.join(", ", targets) + " yet", "exacme deploy " + name));
        }
    }

    private static void schedule(ScheduleStatus schedule, boolean anyCertificate, Instant now, List<Attention> items) {
        schedule.lastRunProblem().ifPresent(problem -> items.add(new Attention(Severity.WARNING, "schedule", problem,
                "delete " + schedule.lastRunFile() + " (the next exacme renew writes it again)")));
        schedule.problem().ifPresent(problem -> items.add(new Attention(Severity.WARNING, "schedule", problem,
                "exacme schedule show")));
        if (schedule.otherExacme().isPresent()) {
            items.add(new Attention(Severity.WARNING, "schedule", schedule.otherExacme().get(),
                    "exacme schedule install"));
        } else if (schedule.schedule().isPresent() && anyCertificate) {
            var drift = schedule.schedule().get().drift();
            if (!drift.installed()) {
                items.add(new Attention(Severity.WARNING, "schedule", "no daily renewal is installed ("
                        + schedule.schedule().get().location() + "): nothing renews the certificates by itself",
                        "exacme schedule install"));
            } else if (!drift.inSync()) {
                items.add(new Attention(Severity.NOTICE, "schedule", "the installed schedule differs from what this"
                        + " exacme would write: " + String.join("; ", drift.differences()),
                        "exacme schedule install (details: exacme schedule show)"));
            }
        }
        if (schedule.installed() && anyCertificate) {
            schedule.lastRun().filter(run -> run.started().plus(schedule.gap().untilNextRunEnds()).isBefore(now))
                    .ifPresent(run -> items.add(new Attention(Severity.WARNING, "schedule", "no renewal has run since "
                            + Times.text(run.started()) + ", though the schedule runs daily",
                            "exacme schedule show, and the scheduler's log (journalctl -u exacme-renew, cron's log,"
                                    + " Task Scheduler's history)")));
        }
    }

    private static void notifications(NotificationStatus notifications, List<Attention> items) {
        if (notifications.problem().isPresent()) {
            items.add(new Attention(Severity.WARNING, "notifications", notifications.problem().get(),
                    "fix the file at the line named, or exacme notify clear and set the notifications again"));
        } else if (!notifications.configured()) {
            items.add(new Attention(Severity.NOTICE, "notifications", "none configured: a failed renewal is"
                    + " reported to nobody", "exacme notify set-smtp --smtp-host HOST --from ADDRESS --to ADDRESS"
                    + " (or exacme notify set-webhook --url URL), then exacme notify test"));
        }
    }

    /** A share as a whole percentage, {@code 27%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%d%%", Math.round(share * 100));
    }
}
