package dev.exacme.lifecycle.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Which Windows Event Log entries a notification becomes: in the Application log, source
 * {@value #SOURCE}, one entry per renewed or failed certificate and one summary of those not
 * due, so that monitoring (SCOM, Zabbix, Windows Event Forwarding) can alert on event ID 1001.
 *
 * <table>
 *   <caption>Event IDs of source exacme</caption>
 *   <tr><th>ID</th><th>type</th><th>when</th><th>text</th></tr>
 *   <tr><td>1000</td><td>Information</td><td>a certificate was renewed</td>
 *       <td>name, thumbprint, expiry</td></tr>
 *   <tr><td>1001</td><td>Error</td><td>a certificate failed to renew</td>
 *       <td>name, reason, the command to retry</td></tr>
 *   <tr><td>1002</td><td>Information</td><td>certificates not due (one entry per run)</td>
 *       <td>their names and expiry</td></tr>
 *   <tr><td>1003</td><td>Information</td><td>{@code exacme notify test}</td><td>that it is a test</td></tr>
 * </table>
 */
public final class EventLogEntries {

    /** The event source. */
    public static final String SOURCE = "exacme";
    /** A certificate was renewed. */
    public static final int RENEWED = 1000;
    /** A certificate failed to renew. */
    public static final int FAILED = 1001;
    /** Summary of the certificates that were not due. */
    public static final int NOT_DUE = 1002;
    /** A test notification. */
    public static final int TEST = 1003;

    private EventLogEntries() {
    }

    /** The entries for one notification, in the order of its outcomes, the not-due summary last. */
    public static List<EventLogEntry> of(Notification notification) {
        if (notification.test()) {
            return List.of(new EventLogEntry(TEST, EventLogEntry.Type.INFORMATION,
                    "exacme test notification from " + notification.host() + " (exacme notify test). "
                            + "Nothing was renewed; event IDs: 1000 renewed, 1001 renewal failed, 1002 not due."));
        }
        var entries = new ArrayList<EventLogEntry>();
        var notDue = new ArrayList<String>();
        for (var outcome : notification.outcomes()) {
            switch (outcome.result()) {
                case CertificateOutcome.RENEWED -> entries.add(new EventLogEntry(RENEWED,
                        EventLogEntry.Type.INFORMATION, "Certificate '" + outcome.name() + "' was renewed on "
                        + notification.host() + ". Thumbprint: " + orUnknown(outcome.thumbprint())
                        + ". Expires: " + orUnknown(outcome.notAfter()) + "."));
                case CertificateOutcome.DEPLOYED -> entries.add(new EventLogEntry(RENEWED,
                        EventLogEntry.Type.INFORMATION, "Certificate '" + outcome.name() + "' is now deployed on "
                        + notification.host() + " (its earlier deployment had not completed). Thumbprint: "
                        + orUnknown(outcome.thumbprint()) + ". Expires: " + orUnknown(outcome.notAfter()) + "."));
                case CertificateOutcome.FAILED, CertificateOutcome.DEPLOY_FAILED -> entries.add(new EventLogEntry(
                        FAILED, EventLogEntry.Type.ERROR, "Certificate '" + outcome.name() + "' failed to "
                        + (CertificateOutcome.DEPLOY_FAILED.equals(outcome.result()) ? "deploy"
                        : "renew") + " on " + notification.host() + ".\r\n"
                        + "Reason: " + orUnknown(outcome.reason()) + "\r\n"
                        + "The certificate in service stays in place. To retry after fixing the cause, run: "
                        + outcome.retryCommand()));
                default -> notDue.add(outcome.name() + (outcome.notAfter() == null ? ""
                        : " (expires " + outcome.notAfter() + ")"));
            }
        }
        if (!notDue.isEmpty()) {
            entries.add(new EventLogEntry(NOT_DUE, EventLogEntry.Type.INFORMATION, notDue.size()
                    + (notDue.size() == 1 ? " certificate is" : " certificates are") + " not due for renewal on "
                    + notification.host() + ": " + String.join(", ", notDue) + "."));
        }
        return List.copyOf(entries);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "(unknown)" : value;
    }
}
