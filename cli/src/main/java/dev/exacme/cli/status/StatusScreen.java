package dev.exacme.cli.status;

import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code exacme status} for people: what needs attention first, then the certificates, the schedule, notifications. */
final class StatusScreen {

    private StatusScreen() {
    }

    static String text(Path configDirectory, List<CertificateStatus> certificates, ScheduleStatus schedule,
                       NotificationStatus notifications, List<Attention> attention, Instant now) {
        var text = new StringBuilder("exacme status of ").append(configDirectory).append(" at ")
                .append(Times.text(now)).append("\n\n");
        if (attention.isEmpty()) {
            text.append("Nothing needs attention.\n");
        } else {
            text.append("Needs attention (").append(attention.size()).append("), most urgent first:\n");
            var severities = attention.stream().mapToInt(item -> item.severity().name().length()).max().orElse(0);
            var subjects = attention.stream().mapToInt(item -> item.subject().length()).max().orElse(0);
            var format = "  %-" + severities + "s  %-" + subjects + "s  %s%n";
            for (var item : attention) {
                text.append(String.format(format, item.severity().name(), item.subject(), item.message()));
                text.append(String.format(format, "", "", "fix: " + item.fix()));
            }
        }
        text.append('\n');
        if (certificates.isEmpty()) {
            text.append("No managed certificates: `exacme setup exchange -d NAME... --email ADDRESS` or"
                    + " `exacme add NAME -d NAME...` creates one.\n");
        } else {
            var table = new TextTable("NAME", "PHASE", "NOT AFTER", "LEFT", "RENEW AT", "STORE", "DEPLOYED TO",
                    "NEXT RENEWAL");
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
            text.append(table.render());
        }
        text.append('\n');
        schedule(text, schedule);
        notifications(text, notifications);
        return text.toString();
    }

    private static String targets(CertificateStatus.Current certificate) {
        if (certificate.targets().isEmpty()) {
            return "-";
        }
        return String.join(", ", certificate.targets().stream()
                .map(target -> target.target() + (target.deployed() ? "" : " (pending)")).toList());
    }

    private static void schedule(StringBuilder text, ScheduleStatus status) {
        text.append("Schedule       ");
        if (status.schedule().isEmpty()) {
            text.append("unknown\n");
        } else {
            var schedule = status.schedule().get();
            text.append(schedule.kind()).append(", ").append(!schedule.drift().installed() ? "not installed"
                    : status.otherExacme().isPresent() ? "installed, runs another exacme"
                    : schedule.drift().inSync() ? "installed, up to date" : "installed, differs (exacme schedule show)")
                    .append(" (").append(schedule.location()).append(")\n");
        }
        text.append("  last run     ").append(status.lastRun().map(run -> Times.text(run.started()) + ", exit code "
                + run.exitCode() + ", " + run.renewed() + " renewed, " + run.failed() + " failed")
                .orElse("none recorded")).append('\n');
        text.append("  next run     ").append(status.nextRun().map(next -> next.earliest().equals(next.latest())
                ? Times.text(next.earliest()) : Times.text(next.earliest()) + " to " + Times.text(next.latest()))
                .orElse("-")).append('\n');
    }

    private static void notifications(StringBuilder text, NotificationStatus status) {
        text.append("Notifications  ");
        if (status.settings().isEmpty()) {
            text.append("cannot be read (see above)\n");
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
        text.append(channels.isEmpty() ? "none" : String.join("; ", channels)).append('\n');
    }
}
