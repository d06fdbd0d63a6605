package dev.exacme.lifecycle.notify;

/** One place notifications go: mail, a webhook, the Windows Event Log. */
public interface NotificationChannel {

    /** What this channel is, for reports: {@code mail to a@example.com}, {@code webhook https://host/…}. */
    String name();

    /** Whether this channel reports this notification at all (mail on success is optional). */
    boolean wants(Notification notification);

    /**
     * Delivers the notification.
     *
     * @return what was done, in words
     * @throws Exception anything that went wrong; the message must hold no secret
     */
    String send(Notification notification) throws Exception;
}
