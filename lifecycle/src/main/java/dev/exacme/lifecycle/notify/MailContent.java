package dev.exacme.lifecycle.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * The subject and the plain-text body of a notification mail: a one-line verdict, a table of
 * outcomes, the reasons of failures and the commands that retry them.
 *
 * @param subject the subject line
 * @param body    the body, lines separated by {@code \n}
 */
public record MailContent(String subject, String body) {

    /** The mail for a notification. */
    public static MailContent of(Notification notification) {
        return new MailContent(subject(notification), body(notification));
    }

    /**
     * The subject, e.g. {@code exacme: 1 of 3 certificates failed to renew on HOST} or
     * {@code exacme: 3 certificates renewed on HOST}.
     */
    public static String subject(Notification notification) {
        var host = notification.host();
        if (notification.test()) {
            return "exacme: test notification from " + host;
        }
        var total = notification.outcomes().size();
        var failed = notification.failedCount();
        var renewed = notification.renewedCount();
        if (failed > 0) {
            return "exacme: " + failed + " of " + certificates(total) + " failed to renew on " + host;
        }
        if (renewed > 0) {
            var notDue = total - renewed;
            return "exacme: " + certificates(renewed) + " renewed on " + host
                    + (notDue > 0 ? " (" + notDue + " not due)" : "");
        }
        return "exacme: no certificate due for renewal on " + host + " (" + certificates(total) + " checked)";
    }

    /** The body: what happened, a table of outcomes, reasons, retry commands. */
    public static String body(Notification notification) {
        var text = new StringBuilder();
        if (notification.test()) {
            text.append("This is a test notification sent by 'exacme notify test' on ").append(notification.host())
                    .append(".\nThe certificates below are made up; nothing was renewed.\n\n");
        }
        text.append("exacme renewal run on ").append(notification.host()).append(", finished ")
                .append(notification.time()).append(".\n\n");
        if (notification.outcomes().isEmpty()) {
            text.append("No managed certificates.\n");
        } else {
            table(notification.outcomes(), text);
        }
        var failures = notification.outcomes().stream().filter(CertificateOutcome::isFailed).toList();
        if (!failures.isEmpty()) {
            text.append("\nWhat failed:\n");
            for (var failure : failures) {
                text.append("\n  ").append(failure.name()).append(":\n");
                var reason = failure.reason() == null || failure.reason().isBlank() ? "(no reason recorded)"
                        : failure.reason();
                for (var line : reason.split("\r\n|\r|\n")) {
                    text.append("    ").append(line).append('\n');
                }
            }
            text.append("\nThe certificates in service stay in place. To retry after fixing the cause, run:\n\n");
            for (var command : notification.retryCommands()) {
                text.append("  ").append(command).append('\n');
            }
        }
        text.append("\n-- \nexacme on ").append(notification.host()).append('\n');
        return text.toString();
    }

    private static void table(List<CertificateOutcome> outcomes, StringBuilder text) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"Certificate", "Result", "Expires", "Thumbprint"});
        for (var outcome : outcomes) {
            rows.add(new String[] {oneLine(outcome.name()), outcome.result(), orDash(outcome.notAfter()),
                orDash(outcome.thumbprint())});
        }
        var widths = new int[4];
        for (var row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (var row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : oneLine(value);
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t]+", " ");
    }

    private static String certificates(long count) {
        return count + (count == 1 ? " certificate" : " certificates");
    }
}
