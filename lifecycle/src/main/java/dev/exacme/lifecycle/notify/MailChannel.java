package dev.exacme.lifecycle.notify;

import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.secrets.SecretStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mail through SMTP ({@link SmtpClient}): always when a certificate failed, on success only
 * if {@code onSuccess} is set and something was actually renewed (a run where nothing was
 * due sends nothing), always for {@code exacme notify test}. The password is read from the
 * secret store just before connecting.
 */
public final class MailChannel implements NotificationChannel {

    private final NotificationSettings.Smtp smtp;
    private final boolean onSuccess;
    private final SecretStore secrets;
    private final Path configDirectory;
    private final Duration timeout;

    /**
     * A channel for these settings.
     *
     * @param smtp            the relay and addresses
     * @param onSuccess       whether successful renewals are mailed too
     * @param secrets         where {@code passwordSecret} is resolved
     * @param configDirectory against which a relative {@code trustPem} is resolved
     * @param timeout         limit for connecting and for each SMTP reply
     */
    public MailChannel(NotificationSettings.Smtp smtp, boolean onSuccess, SecretStore secrets, Path configDirectory,
            Duration timeout) {
        this.smtp = smtp;
        this.onSuccess = onSuccess;
        this.secrets = secrets;
        this.configDirectory = configDirectory;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "mail to " + String.join(", ", smtp.to());
    }

    @Override
    public boolean wants(Notification notification) {
        return notification.test() || notification.anyFailed() || onSuccess && notification.renewedCount() > 0;
    }

    @Override
    public String send(Notification notification) throws Exception {
        smtp.validate();
        var trust = smtp.trustPem() == null ? TrustedCertificates.systemDefault()
                : TrustedCertificates.withPemFiles(List.of(configDirectory.resolve(smtp.trustPem())));
        Optional<SmtpCredentials> credentials = Optional.empty();
        if (smtp.username() != null && !smtp.username().isBlank()) {
            var password = smtp.passwordSecret() == null ? "" : SecretReference.resolve(smtp.passwordSecret(), secrets);
            credentials = Optional.of(new SmtpCredentials(smtp.username(), password));
        }
        var content = MailContent.of(notification);
        var message = new MailMessage(smtp.from(), smtp.to(), content.subject(), content.body(),
                ZonedDateTime.now(ZoneId.systemDefault()), messageId(notification.host()));
        return new SmtpClient(smtp.host(), smtp.port(), smtp.security(), trust, timeout).send(message, credentials);
    }

    private static String messageId(String host) {
        var domain = host.matches("[A-Za-z0-9.-]+") ? host : "exacme.invalid";
        return "exacme." + UUID.randomUUID() + "@" + domain;
    }
}
