package dev.exacme.lifecycle.notify;

import dev.exacme.lifecycle.notify.windows.EventLog;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sends a renewal run's {@link Notification} to every configured channel: mail, webhook,
 * and on Windows the Event Log. One channel failing does not stop the others, and a
 * delivery failure is never thrown: {@link #notify(Notification)} returns what each channel
 * did, in words, for the run's output and log.
 *
 * <p>How the renewal uses it:
 * <pre>{@code
 * var notifier = Notifier.load(configDirectory, () -> network.httpClient().build());
 * var report = notifier.notify(Notification.of(outcomes));
 * console.progress(report.describe());
 * }</pre>
 */
public final class Notifier {

    /** The limit for connecting and for each reply of a channel. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<NotificationChannel> channels;

    /** A notifier for these channels. */
    public Notifier(List<NotificationChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    /**
     * The notifier the saved settings ({@code notify.json}) describe; without that file, only
     * the Windows Event Log (on Windows).
     *
     * @param configDirectory the state directory: settings and secret store
     * @param httpClient      the client for the webhook, configured with exacme's network settings; made
     *                        only when the webhook sends (it loads the trust store and the TLS classes,
     *                        a tenth of a second of a renewal run that has nothing to send)
     * @throws IOException naming the file if the settings cannot be read
     */
    public static Notifier load(Path configDirectory, Supplier<HttpClient> httpClient) throws IOException {
        return forSettings(configDirectory, NotificationSettings.loadOrDefaults(configDirectory), httpClient);
    }

    /** The notifier for given settings. */
    public static Notifier forSettings(Path configDirectory, NotificationSettings settings,
                                       Supplier<HttpClient> httpClient) {
        var secrets = SecretStore.open(configDirectory);
        var channels = new ArrayList<NotificationChannel>();
        if (settings.smtp() != null) {
            channels.add(new MailChannel(settings.smtp(), settings.onSuccess(), secrets, configDirectory, TIMEOUT));
        }
        if (settings.webhook() != null) {
            channels.add(new WebhookChannel(settings.webhook().url(), httpClient, secrets, TIMEOUT));
        }
        if (settings.eventLog() && onWindows()) {
            channels.add(new EventLogChannel(EventLog.open()));
        }
        return new Notifier(channels);
    }

    /** The channels, in the order they are tried. */
    public List<NotificationChannel> channels() {
        return channels;
    }

    /**
     * Sends the notification through every channel that wants it.
     *
     * @return per channel: sent, failed (with the reason) or skipped; never throws for a delivery failure
     */
    public NotificationReport notify(Notification notification) {
        var results = new ArrayList<ChannelResult>();
        for (var channel : channels) {
            if (!channel.wants(notification)) {
                results.add(new ChannelResult(channel.name(), ChannelResult.Status.SKIPPED,
                        "not sent: nothing failed and mail on success is off"));
                continue;
            }
            try {
                results.add(new ChannelResult(channel.name(), ChannelResult.Status.SENT, channel.send(notification)));
            } catch (Exception | LinkageError e) {
                var message = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
                results.add(new ChannelResult(channel.name(), ChannelResult.Status.FAILED, message));
            }
        }
        return new NotificationReport(results);
    }

    public static boolean onWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
