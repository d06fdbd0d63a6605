package dev.exacme.cli.notify;

import dev.exacme.lifecycle.notify.*;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.lifecycle.secrets.SecretName;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme notify set-smtp|set-webhook|set-event-log|show|test|clear}: where renewal
 * results are reported (mail, webhook, Windows Event Log), saved in {@code notify.json}.
 */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Configures the notifications of renewal results.",
            "Mail through SMTP on failure (optionally on success), a JSON webhook, and on Windows the Event Log"
                + " (source exacme; event IDs 1000 renewed, 1001 failed, 1002 not due, 1003 test)."},
        subcommands = {NotifyCommand.SetSmtp.class, NotifyCommand.SetWebhook.class, NotifyCommand.SetEventLog.class,
            NotifyCommand.Show.class, NotifyCommand.Test.class, NotifyCommand.Clear.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:a channel failed (test), or anything else failed", ExitCodes.LOCAL_USAGE})
public final class NotifyCommand {

    /** Saves the mail settings. */
    @Command(name = "set-smtp", mixinStandardHelpOptions = true,
            description = {"Saves the SMTP relay and addresses.",
                "Mail goes out when a renewal fails, and with --on-success also when certificates were renewed. The"
                    + " password is never saved here: store it with 'exacme secret set NAME' and give"
                    + " --smtp-password-secret NAME."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class SetSmtp implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Option(names = "--smtp-host", required = true, paramLabel = "HOST", description = "The SMTP server.")
        private String host;

        @Option(names = "--smtp-port", paramLabel = "PORT",
                description = "Its port. Default: 587, or 465 with --smtp-security tls.")
        private int port;

        @Option(names = "--smtp-security", paramLabel = "starttls|tls|none", defaultValue = "starttls",
                description = "starttls (default; refused if the server does not offer it), tls (implicit, port "
                        + "465), or none (no encryption, and then no password).")
        private String security;

        @Option(names = "--smtp-user", paramLabel = "USER", description = "The user to log in as (AUTH PLAIN/LOGIN).")
        private String user;

        @Option(names = "--smtp-password-secret", paramLabel = "NAME",
                description = "The secret in exacme's store that holds the password (exacme secret set NAME).")
        private String passwordSecret;

        @Option(names = "--smtp-trust", paramLabel = "PEM",
                description = "A PEM file with the root of a private relay's certificate, trusted besides the "
                        + "Java runtime's roots.")
        private Path trust;

        @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "The sender address.")
        private String from;

        @Option(names = "--to", required = true, paramLabel = "ADDRESS",
                description = "A recipient; repeat for more.")
        private List<String> to;

        @Option(names = "--on-success", description = "Also mail when certificates were renewed and none failed.")
        private boolean onSuccess;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var configDirectory = global.configDirectory();
            var parsedSecurity = NotificationSettings.Security.of(security);
            String reference = null;
            if (passwordSecret != null) {
                var name = SecretReference.isReference(passwordSecret)
                        ? passwordSecret.substring(SecretReference.PREFIX.length()) : passwordSecret;
                reference = SecretReference.PREFIX + SecretName.of(name).value();
                var store = SecretStore.open(configDirectory);
                if (store.get(name).isEmpty()) {
                    throw new InvalidRequest("secret '" + name + "' is not in the secret store (" + store.directory()
                            + "); add it first with: exacme secret set " + name);
                }
            }
            if (user != null && parsedSecurity == NotificationSettings.Security.NONE) {
                throw new InvalidRequest("--smtp-user with --smtp-security none would send the password unencrypted; "
                        + "exacme refuses that. Use --smtp-security starttls or tls.");
            }
            if (user != null && reference == null) {
                throw new InvalidRequest("--smtp-user needs --smtp-password-secret NAME.");
            }
            String trustPem = null;
            if (trust != null) {
                TrustedCertificates.withPemFiles(List.of(trust));
                trustPem = trust.toAbsolutePath().toString();
            }
            var smtp = new NotificationSettings.Smtp(host, port, parsedSecurity, user, reference, from, to, trustPem);
            smtp.validate();
            var settings = NotificationSettings.loadOrDefaults(configDirectory).withSmtp(smtp, onSuccess);
            settings.save(configDirectory);
            return saved(global, configDirectory);
        }
    }

    /** Saves the webhook. */
    @Command(name = "set-webhook", mixinStandardHelpOptions = true,
            description = "Saves the URL every renewal result is POSTed to as JSON.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class SetWebhook implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Option(names = "--url", required = true, paramLabel = "URL|secret:NAME",
                description = "An http(s) URL, or secret:NAME for a URL that carries a token (chat webhooks).")
        private String url;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var configDirectory = global.configDirectory();
            var webhook = new NotificationSettings.Webhook(url);
            webhook.validate();
            if (SecretReference.isReference(url)) {
                NotificationSettings.Webhook.checkUrl(SecretReference.resolve(url, SecretStore.open(configDirectory)));
            }
            NotificationSettings.loadOrDefaults(configDirectory).withWebhook(webhook).save(configDirectory);
            return saved(global, configDirectory);
        }
    }

    /** Switches the Windows Event Log on or off. */
    @Command(name = "set-event-log", mixinStandardHelpOptions = true,
            description = {"Switches Windows Event Log entries on (the default) or off.", "Ignored elsewhere."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class SetEventLog implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Parameters(paramLabel = "on|off", description = "on or off")
        private String state;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            boolean enabled = switch (state.toLowerCase(java.util.Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new InvalidRequest("exacme notify set-event-log takes on or off, not '" + state + "'.");
            };
            var configDirectory = global.configDirectory();
            NotificationSettings.loadOrDefaults(configDirectory).withEventLog(enabled).save(configDirectory);
            return saved(global, configDirectory);
        }
    }

    /** Shows the settings; never a password, only the secret's name. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows where notifications go.", "Passwords are never shown, only the secret's name."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Show implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() throws IOException {
            var configDirectory = global.configDirectory();
            var saved = NotificationSettings.load(configDirectory);
            var settings = saved.orElseGet(NotificationSettings::defaults);
            var console = global.console();
            ObjectNode document = settings.toJson();
            if (settings.webhook() != null) {
                ((ObjectNode) document.get("webhook")).put("url",
                        NotificationSettings.Webhook.display(settings.webhook().url()));
            }
            document.put("file", NotificationSettings.file(configDirectory).toString());
            document.put("saved", saved.isPresent());
            var text = new StringBuilder();
            var smtp = settings.smtp();
            if (smtp == null) {
                text.append("Mail       none (exacme notify set-smtp)\n");
            } else {
                text.append("Mail       ").append(smtp.host()).append(':').append(smtp.port()).append(' ')
                        .append(smtp.security().id()).append('\n')
                        .append("  login    ").append(smtp.username() == null ? "none"
                                : smtp.username() + ", password in " + smtp.passwordSecret()).append('\n')
                        .append("  from     ").append(smtp.from()).append('\n')
                        .append("  to       ").append(String.join(", ", smtp.to())).append('\n')
                        .append("  when     ").append(settings.onSuccess() ? "on failure and on success"
                                : "on failure").append('\n');
                if (smtp.trustPem() != null) {
                    text.append("  trust    ").append(smtp.trustPem()).append('\n');
                }
            }
            text.append("Webhook    ").append(settings.webhook() == null ? "none (exacme notify set-webhook)"
                    : NotificationSettings.Webhook.display(settings.webhook().url())).append('\n');
            text.append("Event Log  ").append(settings.eventLog() ? "on" : "off")
                    .append(Notifier.onWindows() ? "" : " (Windows only; nothing is written on this system)")
                    .append('\n');
            text.append("File       ").append(NotificationSettings.file(configDirectory))
                    .append(saved.isPresent() ? "" : " (not saved yet; defaults)").append('\n');
            console.result(document, text.toString());
            return 0;
        }
    }

    /** Sends a test notification through every channel. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Sends a test notification through every configured channel.",
                "It reports each result; exit code 1 if any failed or none is configured."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, "1:a channel failed, or none is configured", ExitCodes.LOCAL_USAGE})
    static final class Test implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private NetworkOptions network;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var configDirectory = global.configDirectory();
            var settings = NotificationSettings.loadOrDefaults(configDirectory);
            var httpClient = network.resolve(configDirectory, TrustedCertificates.systemDefault()).network()
                    .httpClient().build();
            var notifier = Notifier.forSettings(configDirectory, settings, () -> httpClient);
            var report = notifier.notify(Notification.test(Notification.localHostName()));
            var console = global.console();
            var document = console.newDocument();
            var failed = report.anyFailed() || report.results().isEmpty();
            document.put("outcome", failed ? "failed" : "sent");
            var channels = document.putArray("channels");
            for (var result : report.results()) {
                channels.addObject().put("channel", result.channel()).put("outcome", result.status().id())
                        .put("detail", result.detail());
            }
            return console.result(document, report.describe(), failed ? 1 : 0);
        }
    }

    /** Removes the settings. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Removes the saved notification settings (mail, webhook).", "The Event Log stays on."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Clear implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() throws IOException {
            var configDirectory = global.configDirectory();
            var removed = NotificationSettings.clear(configDirectory);
            var document = global.console().newDocument();
            document.put("outcome", removed ? "cleared" : "none");
            global.console().result(document, removed
                    ? "Removed " + NotificationSettings.file(configDirectory) + "\n"
                    : "No saved notification settings in " + configDirectory + "\n");
            return 0;
        }
    }

    private static int saved(GlobalOptions global, Path configDirectory) {
        var document = global.console().newDocument();
        document.put("outcome", "saved");
        document.put("file", NotificationSettings.file(configDirectory).toString());
        global.console().result(document, "Saved to " + NotificationSettings.file(configDirectory)
                + "\nCheck it with: exacme notify test\n");
        return 0;
    }

    private NotifyCommand() {
    }
}
