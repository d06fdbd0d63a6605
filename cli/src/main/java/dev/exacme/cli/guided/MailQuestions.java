package dev.exacme.cli.guided;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.notify.NotificationSettings;
import dev.exacme.lifecycle.secrets.SecretReference;
import java.util.List;
import java.util.Optional;

/**
 * The notification questions: a recipient for mail when a renewal fails (or none), then the
 * SMTP relay, checked as {@code exacme notify set-smtp} checks it. A password is typed without
 * echo and becomes the secret {@code smtp-password}.
 */
final class MailQuestions {

    /** The secret the SMTP password is stored as. */
    static final String PASSWORD_SECRET = "smtp-password";

    /**
     * The mail settings and the password secret they refer to.
     *
     * @param smtp     the settings
     * @param password the password to store, empty without a login
     */
    record Answers(NotificationSettings.Smtp smtp, Optional<NewSecret> password) {
    }

    /** A valid address to check the other one against. */
    private static final String VALID = "exacme@example.com";

    private MailQuestions() {
    }

    /** Empty when no recipient is given. */
    static Optional<Answers> ask(Questions questions) throws SetupStopped {
        var to = questions.optional("Mail renewal failures to (empty: no mail)", MailQuestions::recipient);
        if (to.isEmpty()) {
            return Optional.empty();
        }
        while (true) {
            var relay = questions.required("SMTP server (HOST or HOST:PORT)", Optional.empty(), MailQuestions::relay);
            var security = questions.required("Connection security (starttls, tls, none)", Optional.of("starttls"),
                    NotificationSettings.Security::of);
            var from = questions.required("Sender address", Optional.empty(), MailQuestions::sender);
            var user = security == NotificationSettings.Security.NONE ? Optional.<String>empty()
                    : questions.optional("SMTP user (empty: no login)", answer -> answer);
            var smtp = new NotificationSettings.Smtp(relay.host(), relay.port(), security, user.orElse(null),
                    user.map(name -> SecretReference.PREFIX + PASSWORD_SECRET).orElse(null), from, List.of(to.get()),
                    null);
            try {
                smtp.validate();
            } catch (InvalidRequest refused) {
                questions.say("  " + refused.getMessage() + " Once more:");
                continue;
            }
            var password = user.isEmpty() ? Optional.<NewSecret>empty() : Optional.of(new NewSecret(PASSWORD_SECRET,
                    "SMTP password", questions.secret("Password of " + user.get())));
            return Optional.of(new Answers(smtp, password));
        }
    }

    /** Checks a --to address as {@code notify set-smtp} does, with its message. */
    private static String recipient(String address) throws InvalidRequest {
        check(VALID, address);
        return address;
    }

    /** Checks a --from address as {@code notify set-smtp} does, with its message. */
    private static String sender(String address) throws InvalidRequest {
        check(address, VALID);
        return address;
    }

    private static void check(String from, String to) throws InvalidRequest {
        new NotificationSettings.Smtp("relay", 25, NotificationSettings.Security.STARTTLS, null, null, from,
                List.of(to), null).validate();
    }

    private record Relay(String host, int port) {
    }

    private static Relay relay(String answer) throws InvalidRequest {
        var colon = answer.lastIndexOf(':');
        if (colon < 0) {
            return new Relay(answer, 0);
        }
        try {
            return new Relay(answer.substring(0, colon), Integer.parseInt(answer.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new InvalidRequest("'" + answer.substring(colon + 1) + "' is not a port number.");
        }
    }
}
