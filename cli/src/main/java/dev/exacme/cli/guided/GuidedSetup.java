package dev.exacme.cli.guided;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.output.Console;
import dev.exacme.lifecycle.notify.NotificationSettings;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the guided setup's answers stand for: the options of {@code exacme setup exchange} and
 * what must be saved before it runs (the secrets typed, the mail notification).
 *
 * @param domains            the names the certificate covers ({@code --domain})
 * @param email              the account's contact ({@code --email}), empty for none or when given as an option
 * @param challengeArguments the challenge options ({@code --dns PROVIDER ...}), empty for HTTP-01
 * @param secrets            the secrets to store, referred to by the arguments
 * @param mail               the mail notification to save, empty to leave notifications as they are
 */
public record GuidedSetup(List<String> domains, Optional<String> email, List<String> challengeArguments,
        List<NewSecret> secrets, Optional<NotificationSettings.Smtp> mail) {

    /** Copies the lists. */
    public GuidedSetup {
        domains = List.copyOf(domains);
        challengeArguments = List.copyOf(challengeArguments);
        secrets = List.copyOf(secrets);
    }

    /** The commands that save what {@code exacme setup exchange} reads, each as its arguments after {@code exacme}. */
    public List<List<String>> commandsBefore() {
        var commands = new ArrayList<List<String>>();
        secrets.forEach(secret -> commands.add(List.of("secret", "set", secret.name())));
        mail.ifPresent(smtp -> commands.add(setSmtp(smtp)));
        return commands;
    }

    /** {@code notify set-smtp} with the settings' options. */
    static List<String> setSmtp(NotificationSettings.Smtp smtp) {
        var arguments = new ArrayList<>(List.of("notify", "set-smtp", "--smtp-host", smtp.host(), "--smtp-port",
                String.valueOf(smtp.port()), "--smtp-security", smtp.security().id()));
        if (smtp.username() != null) {
            arguments.addAll(List.of("--smtp-user", smtp.username(), "--smtp-password-secret",
                    smtp.passwordSecret().substring(SecretReference.PREFIX.length())));
        }
        arguments.addAll(List.of("--from", smtp.from()));
        smtp.to().forEach(to -> arguments.addAll(List.of("--to", to)));
        return arguments;
    }

    /**
     * Does what {@link #commandsBefore()} says: stores each secret as {@code exacme secret set}
     * does (replacing one of the same name), then saves the mail settings as {@code exacme notify
     * set-smtp} does. The values are overwritten in memory afterwards.
     */
    public void save(Path configDirectory, Console console) throws InvalidRequest, IOException {
        try {
            var store = SecretStore.open(configDirectory);
            for (var secret : secrets) {
                var replaced = store.set(secret.name(), new String(secret.value()));
                console.progress((replaced ? "Replaced" : "Stored") + " secret '" + secret.name() + "' in "
                        + store.file(secret.name()));
            }
        } finally {
            forget();
        }
        if (mail.isPresent()) {
            NotificationSettings.loadOrDefaults(configDirectory).withSmtp(mail.get(), false).save(configDirectory);
            console.progress("Saved the mail notification in " + NotificationSettings.file(configDirectory));
        }
    }

    /** Overwrites the secrets' values, when they are not to be stored. */
    public void forget() {
        secrets.forEach(NewSecret::forget);
    }
}
