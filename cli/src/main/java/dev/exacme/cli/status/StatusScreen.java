package dev.exacme.cli.status;

import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** {@code exacme status} for people: what needs attention first, then the certificates, the schedule, notifications. */
final class StatusScreen {

    private StatusScreen() {
    }

    /** The screen fitted to {@code width} characters when there is one ({@link TerminalWidth}). */
    static String text(Path configDirectory, List<CertificateStatus> certificates, ScheduleStatus schedule,
                       NotificationStatus notifications, List<Attention> attention, Instant now, OptionalInt width) {
        var text = new StringBuilder("exacme status of ").append(configDirectory).append(" at ")
                .append(Times.text(now)).append("\n\n");
        if (attention.isEmpty()) {
            text.append("Nothing needs attention.\n");
        } else {
            text.append("Needs attention (").append(attention.size()).append("), most urgent first:\n");
            // The subject is what the item is about (a name, "notifications"): cut, it would not say.
            var table = new TextTable("SEVERITY", "SUBJECT", "PROBLEM").whole("SEVERITY", "SUBJECT");
            for (var item : attention) {
                table.row(item.severity().name(), item.subject(), item.message()).note("fix: " + item.fix());
            }
            text.append(table.render(width));
        }
        text.append('\n');
        if (certificates.isEmpty()) {
            text.append("No managed certificates: `exacme setup exchange -d NAME... --email ADDRESS` or"
                    + " `exacme add NAME -d NAME...` creates one.\n");
        } else {
            // Only a name is cut: "pem:/..." names no store, and a cut target may hide its "(pending)".
            var table = new TextTable("NAME", "PHASE", "NOT AFTER", "LEFT", "RENEW AT", "STORE", "DEPLOYED TO",
                    "NEXT RENEWAL").whole("PHASE", "NOT AFTER", "LEFT", "RENEW AT", "STORE", "DEPLOYED TO");
            for (var certificate : certificates) {
                if (certificate instanceof CertificateStatus.Damaged damaged) {
                    table.row(damaged.name(), "damaged", "", "", "", "", "", "cannot be read (see above)");
                    continue;
                }
                var current = (CertificateStatus.Current) certificate;
                var state = current.state();
                table.row(current.name(), state.thumbprint() == null ? "none" : state.phaseOrDone().id(),
                        Times.text(state.notAfter()), current.lifetimeLeft(now).map(Triage::percent).orElse(""),
                        Times.text(state.renewAt()), current.store(), targets(current), current.outlook().why());
            }
            text.append(table.render(width));
        }
        text.append('\n');
        var fields = TextTable.fields();
        schedule(fields, schedule);
        notifications(fields, notifications);
        return text.append(fields.render(width)).toString();
    }

    private static String targets(CertificateStatus.Current certificate) {
        if (certificate.targets().isEmpty()) {
            return "-";
        }
        return String.join(", ", certificate.targets().stream()
                .map(target -> target.target() + (target.deployed() ? "" : " (pending)")).toList());
    }

    private static void schedule(TextTable fields, ScheduleStatus status) {
        if (status.schedule().isEmpty()) {
            fields.row("Schedule", "unknown");
        } else {
            var schedule = status.schedule().get();
            fields.row("Schedule", schedule.kind() + ", " + (!schedule.drift().installed() ? "not installed"
                    : status.otherExacme().isPresent() ? "installed, runs another exacme"
                    : schedule.drift().inSync() ? "installed, up to date" : "installed, differs (exacme schedule show)")
                    + " (" + schedule.location() + ")");
        }
        fields.row("  last run", status.lastRun().map(run -> Times.text(run.started()) + ", exit code "
                + run.exitCode() + ", " + run.renewed() + " renewed, " + run.failed() + " failed")
                .orElse(status.lastRunProblem().isPresent() ? "cannot be read (see above)" : "none recorded"));
        fields.row("  next run", status.nextRun().map(next -> next.earliest().equals(next.latest())
                ? Times.text(next.earliest()) : Times.text(next.earliest()) + " to " + Times.text(next.latest()))
                .orElse("-"));
    }

    private static void notifications(TextTable fields, NotificationStatus status) {
        if (status.settings().isEmpty()) {
            fields.row("Notifications", "cannot be read (see above)");
            return;
        }
        var settings = status.settings().get();
        var channels = new ArrayList<String>();
        if (settings.smtp() != null) {
            channels.add("mail to " + String.join(", ", settings.smtp().to()) + " via " + settings.smtp().host()
                    + (settings.onSuccess() ? " (failures and renewals)" : " (failures)"));
        }
        if (settings.webhook() != null) {
            channels.add("webhook " + NotificationSettings.Webhook.display(settings.webhook().url()));
        }
        if (status.eventLogWritten()) {
            channels.add("Event Log");
        }
        fields.row("Notifications", channels.isEmpty() ? "none" : String.join("; ", channels));
    }
}
