package dev.exacme.cli.status;

import dev.exacme.lifecycle.notify.NotificationSettings;
import dev.exacme.lifecycle.notify.Notifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where renewal results are reported, as {@code exacme status} shows it.
 *
 * @param settings the settings in effect (the defaults when none are saved); empty when the file cannot be read
 * @param saved    whether {@code notify.json} exists
 * @param file     the settings file
 * @param windows  whether Event Log entries are written on this system at all
 * @param problem  why the settings cannot be read, if so
 */
public record NotificationStatus(Optional<NotificationSettings> settings, boolean saved, Path file, boolean windows,
                                 Optional<String> problem) {

    /** The settings of {@code configDirectory}. */
    static NotificationStatus read(Path configDirectory) {
        var file = NotificationSettings.file(configDirectory);
        try {
            var saved = NotificationSettings.load(configDirectory);
            return new NotificationStatus(Optional.of(saved.orElseGet(NotificationSettings::defaults)), saved.isPresent(),
                    file, Notifier.onWindows(), Optional.empty());
        } catch (IOException e) {
            return new NotificationStatus(Optional.empty(), true, file, Notifier.onWindows(),
                    Optional.of(e.getMessage()));
        }
    }

    /** Whether Event Log entries are written: switched on, and on Windows. */
    public boolean eventLogWritten() {
        return windows && settings.map(NotificationSettings::eventLog).orElse(false);
    }

    /** Whether any channel reports a failed renewal to someone. */
    public boolean configured() {
        return settings.filter(value -> value.smtp() != null || value.webhook() != null).isPresent()
                || eventLogWritten();
    }
}
