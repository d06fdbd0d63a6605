package dev.exacme.lifecycle.notify;

import java.util.List;

/**
 * What {@link Notifier#notify(Notification)} did, channel by channel.
 *
 * @param results one entry per configured channel, in order
 */
public record NotificationReport(List<ChannelResult> results) {

    /** Copies the list. */
    public NotificationReport {
        results = List.copyOf(results);
    }

    /** Whether any channel failed to deliver. */
    public boolean anyFailed() {
        return results.stream().anyMatch(result -> result.status() == ChannelResult.Status.FAILED);
    }

    /** One line per channel; a note if there is no channel at all. */
    public String describe() {
        if (results.isEmpty()) {
            return "No notification channel is configured (exacme notify set-smtp / set-webhook).\n";
        }
        var text = new StringBuilder();
        results.forEach(result -> text.append(result.describe()).append('\n'));
        return text.toString();
    }
}
