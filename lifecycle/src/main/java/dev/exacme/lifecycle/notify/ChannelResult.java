package dev.exacme.lifecycle.notify;

import java.util.Locale;

/**
 * What became of a notification in one channel.
 *
 * @param channel the channel's name
 * @param status  sent, failed, or skipped (the channel did not want this notification)
 * @param detail  what happened, in words
 */
public record ChannelResult(String channel, Status status, String detail) {

    /** The outcome of one delivery. */
    public enum Status {
        /** Delivered. */
        SENT,
        /** Not delivered; the detail says why. */
        FAILED,
        /** Not attempted, by configuration (e.g. no mail on success). */
        SKIPPED;

        /** The lower-case name for reports and JSON. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line: {@code mail to a@example.com: sent: delivered to ...}. */
    public String describe() {
        return channel + ": " + status.id() + ": " + detail;
    }
}
