package dev.exacme.cli.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.cli.output.Times;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The fields of {@code exacme status --json} (the envelope is the console's): what a
 * monitoring check reads. Every field is always there, null when not known, so that a check
 * can tell "none" from "not asked".
 */
final class StatusDocument {

    private StatusDocument() {
    }

    /** Fills {@code document} with the certificates, schedule, notifications and attention items. */
    static ObjectNode fill(ObjectNode document, List<CertificateStatus> certificates, ScheduleStatus schedule,
                           NotificationStatus notifications, List<Attention> attention, Instant now) {
        var items = document.putArray("attention");
        for (var item : attention) {
            items.addObject().put("severity", item.severity().id()).put("subject", item.subject())
                    .put("message", item.message()).put("fix", item.fix());
        }
        var array = document.putArray("certificates");
        for (var certificate : certificates) {
            var node = array.addObject().put("name", certificate.name());
            if (certificate instanceof CertificateStatus.Damaged damaged) {
                node.put("problem", damaged.problem());
            } else {
                current(node, (CertificateStatus.Current) certificate, now);
            }
        }
        schedule(document.putObject("schedule"), schedule);
        notifications(document.putObject("notifications"), notifications);
        return document;
    }

    private static void current(ObjectNode node, CertificateStatus.Current certificate, Instant now) {
        var state = certificate.state();
        node.putNull("problem");
        var domains = node.putArray("domains");
        certificate.spec().identifiers().forEach(domains::add);
        node.put("thumbprint", state.thumbprint());
        node.put("phase", state.thumbprint() == null ? null : state.phaseOrDone().id());
        Times.put(node, "notBefore", state.notBefore());
        Times.put(node, "notAfter", state.notAfter());
        var left = certificate.lifetimeLeft(now);
        if (left.isPresent()) {
            node.put("lifetimeLeftPercent", Math.round(left.get() * 100));
        } else {
            node.putNull("lifetimeLeftPercent");
        }
        Times.put(node, "renewAt", state.renewAt());
        node.put("next", certificate.outlook().action().name().toLowerCase(Locale.ROOT));
        node.put("why", certificate.outlook().why());
        var last = state.lastAttempt();
        if (last == null) {
            node.putNull("lastAttempt");
        } else {
            var attempt = node.putObject("lastAttempt");
            Times.put(attempt, "time", last.time());
            attempt.put("outcome", last.outcome()).put("step", last.step()).put("message", last.message());
        }
        node.put("store", certificate.store());
        var targets = node.putArray("targets");
        for (var target : certificate.targets()) {
            targets.addObject().put("target", target.target()).put("deployed", target.deployed());
        }
    }

    private static void schedule(ObjectNode node, ScheduleStatus status) {
        var schedule = status.schedule();
        node.put("scheduler", schedule.map(state -> state.kind()).orElse(null));
        node.put("location", schedule.map(state -> state.location()).orElse(null));
        node.put("installed", status.installed());
        node.put("inSync", schedule.map(state -> state.drift().inSync()).orElse(false));
        node.put("runsThisExacme", status.installed() && status.otherExacme().isEmpty());
        var differences = node.putArray("differences");
        schedule.ifPresent(state -> {
            if (state.drift().installed()) {
                state.drift().differences().forEach(differences::add);
            }
        });
        if (status.lastRun().isEmpty()) {
            node.putNull("lastRun");
        } else {
            var run = status.lastRun().get();
            var last = node.putObject("lastRun");
            Times.put(last, "started", run.started());
            Times.put(last, "finished", run.finished());
            last.put("exitCode", run.exitCode()).put("renewed", run.renewed()).put("failed", run.failed());
        }
        if (status.nextRun().isEmpty()) {
            node.putNull("nextRun");
        } else {
            var next = node.putObject("nextRun");
            Times.put(next, "earliest", status.nextRun().get().earliest());
            Times.put(next, "latest", status.nextRun().get().latest());
        }
        node.put("problem", status.problems().orElse(null));
    }

    private static void notifications(ObjectNode node, NotificationStatus status) {
        node.put("configured", status.configured());
        node.put("file", status.file().toString());
        node.put("saved", status.saved());
        var settings = status.settings();
        var smtp = settings.map(NotificationSettings::smtp);
        if (smtp.isEmpty()) {
            node.putNull("mail");
        } else {
            var mail = node.putObject("mail");
            mail.put("host", smtp.get().host()).put("port", smtp.get().port())
                    .put("security", smtp.get().security().id()).put("onSuccess", settings.get().onSuccess());
            var to = mail.putArray("to");
            smtp.get().to().forEach(to::add);
        }
        node.put("webhook", settings.map(NotificationSettings::webhook)
                .map(webhook -> NotificationSettings.Webhook.display(webhook.url())).orElse(null));
        node.put("eventLog", settings.map(NotificationSettings::eventLog).orElse(false));
        node.put("eventLogWritten", status.eventLogWritten());
        node.put("problem", status.problem().orElse(null));
    }
}
