package dev.exacme.lifecycle.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.storage.PrivateFiles;
import dev.exacme.acme.storage.PrivateFiles.Visibility;
import dev.exacme.lifecycle.secrets.SecretReference;
import dev.exacme.lifecycle.spec.JsonFile;
import dev.exacme.lifecycle.spec.JsonProblem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where renewal notifications go, saved as {@code notify.json} in the state directory
 * (atomically, owner-only). The file never holds a password: the SMTP password and a
 * webhook URL that carries a token are {@code secret:NAME} references into the secret store.
 *
 * <pre>{@code
 * {
 *   "smtp": {"host": "mail.example.com", "port": 587, "security": "starttls",
 *            "username": "exacme@example.com", "passwordSecret": "secret:smtp",
 *            "from": "exacme@example.com", "to": ["admins@example.com"], "trustPem": null},
 *   "onSuccess": false,
 *   "webhook": {"url": "https://hooks.example.com/exacme"},
 *   "eventLog": true
 * }
 * }</pre>
 *
 * @param smtp      mail settings, or {@code null} for no mail
 * @param onSuccess whether mail is also sent when certificates were renewed and none failed
 * @param webhook   the webhook, or {@code null}
 * @param eventLog  whether to write Windows Event Log entries (ignored elsewhere)
 */
public record NotificationSettings(Smtp smtp, boolean onSuccess, Webhook webhook, boolean eventLog) {

    /** The file name in the state directory. */
    public static final String FILE = "notify.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVICE = "it was left as it is: fix it, or run 'exacme notify clear' and set the"
            + " notifications again";

    /** Nothing but the Windows Event Log (on Windows): what applies while no file exists. */
    public static NotificationSettings defaults() {
        return new NotificationSettings(null, false, null, true);
    }

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS before anything else (port 587); refused if not offered. */
        STARTTLS,
        /** TLS from the first byte (implicit TLS, port 465). */
        TLS,
        /** No encryption at all; exacme then refuses to send a password. */
        NONE;

        /** The name in files and on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The security named {@code id}.
         *
         * @throws InvalidRequest if there is none of that name
         */
        public static Security of(String id) throws InvalidRequest {
            for (var security : values()) {
                if (security.id().equalsIgnoreCase(id)) {
                    return security;
                }
            }
            throw new InvalidRequest("SMTP security '" + id + "' is not known; use starttls, tls or none.");
        }

        /** The usual port: 465 for implicit TLS, 587 (submission) otherwise. */
        public int defaultPort() {
            return this == TLS ? 465 : 587;
        }
    }

    /**
     * The mail relay and the message's addresses.
     *
     * @param host           the SMTP server
     * @param port           its port
     * @param security       how the connection is protected
     * @param username       the user to authenticate as, or {@code null} for no authentication
     * @param passwordSecret {@code secret:NAME} holding the password, or {@code null}
     * @param from           the sender address
     * @param to             the recipients, at least one
     * @param trustPem       a PEM file with a root to trust besides the Java runtime's (a private relay), or {@code null}
     */
    public record Smtp(String host, int port, Security security, String username, String passwordSecret, String from,
            List<String> to, String trustPem) {

        /** Fills in defaults and copies the list. */
        public Smtp {
            security = security == null ? Security.STARTTLS : security;
            port = port == 0 ? security.defaultPort() : port;
            to = to == null ? List.of() : List.copyOf(to);
        }

        /**
         * Checks what a mail needs: a host, a sender, recipients, a password only as a reference.
         *
         * @throws InvalidRequest saying what is missing or wrong
         */
        public void validate() throws InvalidRequest {
            if (host == null || host.isBlank()) {
                throw new InvalidRequest("the SMTP settings need --smtp-host.");
            }
            if (port < 1 || port > 65535) {
                throw new InvalidRequest("SMTP port " + port + " is not a port number (1-65535).");
            }
            MailAddress.check(from, "--from");
            if (to.isEmpty()) {
                throw new InvalidRequest("the SMTP settings need at least one --to address.");
            }
            for (var address : to) {
                MailAddress.check(address, "--to");
            }
            if (passwordSecret != null && !SecretReference.isReference(passwordSecret)) {
                throw new InvalidRequest("the SMTP password must be a secret reference (secret:NAME), never the "
                        + "password itself; store it with: exacme secret set NAME");
            }
            if (passwordSecret != null && (username == null || username.isBlank())) {
                throw new InvalidRequest("an SMTP password secret needs --smtp-user.");
            }
        }
    }

    /**
     * The webhook notifications are POSTed to as JSON.
     *
     * @param url an http(s) URL, or {@code secret:NAME} holding one (URLs of chat webhooks carry a token)
     */
    public record Webhook(String url) {

        /**
         * Checks that the URL is http(s), or a secret reference.
         *
         * @throws InvalidRequest if it is not
         */
        public void validate() throws InvalidRequest {
            if (SecretReference.isReference(url)) {
                return;
            }
            checkUrl(url);
        }

        /**
         * The URL, parsed and checked.
         *
         * @throws InvalidRequest without repeating the URL, which may hold a token
         */
        public static URI checkUrl(String url) throws InvalidRequest {
            try {
                var uri = new URI(url);
                var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                    throw new InvalidRequest("the webhook URL must be an http:// or https:// URL with a host.");
                }
                return uri;
            } catch (URISyntaxException | NullPointerException e) {
                throw new InvalidRequest("the webhook URL is not a valid URL.");
            }
        }

        /** The URL without path, query or user info, for messages: {@code https://hooks.example.com/…}. */
        public static String display(String url) {
            if (SecretReference.isReference(url)) {
                return url;
            }
            try {
                var uri = new URI(url);
                var port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
                var hasMore = uri.getRawPath() != null && uri.getRawPath().length() > 1 || uri.getRawQuery() != null;
                return uri.getScheme() + "://" + uri.getHost() + port + (hasMore ? "/…" : "/");
            } catch (URISyntaxException | RuntimeException e) {
                return "(an invalid URL)";
            }
        }
    }

    /** A copy with other mail settings. */
    public NotificationSettings withSmtp(Smtp newSmtp, boolean newOnSuccess) {
        return new NotificationSettings(newSmtp, newOnSuccess, webhook, eventLog);
    }

    /** A copy with another webhook. */
    public NotificationSettings withWebhook(Webhook newWebhook) {
        return new NotificationSettings(smtp, onSuccess, newWebhook, eventLog);
    }

    /** A copy with the Event Log switched on or off. */
    public NotificationSettings withEventLog(boolean enabled) {
        return new NotificationSettings(smtp, onSuccess, webhook, enabled);
    }

    /** Where the settings live. */
    public static Path file(Path configDirectory) {
        return configDirectory.resolve(FILE);
    }

    /**
     * The saved settings, if there are any.
     *
     * @throws IOException naming the file if it is not valid; it is left as it is
     */
    public static Optional<NotificationSettings> load(Path configDirectory) throws IOException {
        var file = file(configDirectory);
        try {
            var text = JsonFile.text(file);
            return Optional.of(parse(file, text, JsonFile.object(file, text, "the notification settings")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonFile.Unreadable e) {
            throw e.advised(ADVICE);
        }
    }

    /** The saved settings, or {@link #defaults()}. */
    public static NotificationSettings loadOrDefaults(Path configDirectory) throws IOException {
        return load(configDirectory).orElseGet(NotificationSettings::defaults);
    }

    /** Writes the settings atomically, owner-only. */
    public void save(Path configDirectory) throws IOException {
        PrivateFiles.write(file(configDirectory), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()),
                Visibility.OWNER_ONLY);
    }

    /** Removes the saved settings; returns whether there were any. */
    public static boolean clear(Path configDirectory) throws IOException {
        return Files.deleteIfExists(file(configDirectory));
    }

    /** The settings as they are saved; they hold no password. */
    public ObjectNode toJson() {
        var node = JSON.createObjectNode();
        if (smtp == null) {
            node.putNull("smtp");
        } else {
            var mail = node.putObject("smtp");
            mail.put("host", smtp.host());
            mail.put("port", smtp.port());
            mail.put("security", smtp.security().id());
            mail.put("username", smtp.username());
            mail.put("passwordSecret", smtp.passwordSecret());
            mail.put("from", smtp.from());
            var to = mail.putArray("to");
            smtp.to().forEach(to::add);
            mail.put("trustPem", smtp.trustPem());
        }
        node.put("onSuccess", onSuccess);
        if (webhook == null) {
            node.putNull("webhook");
        } else {
            node.putObject("webhook").put("url", webhook.url());
        }
        node.put("eventLog", eventLog);
        return node;
    }

    /** The settings in {@code node}, the text of {@code file}; a part that is refused is reported where it begins. */
    private static NotificationSettings parse(Path file, String text, JsonNode node) throws JsonFile.Unreadable {
        Smtp smtp = null;
        var mail = node.path("smtp");
        if (mail.isObject()) {
            try {
                var to = new ArrayList<String>();
                mail.path("to").forEach(address -> to.add(address.asText()));
                smtp = new Smtp(text(mail, "host"), mail.path("port").asInt(0),
                        mail.hasNonNull("security") ? Security.of(mail.get("security").asText()) : null,
                        text(mail, "username"), text(mail, "passwordSecret"), text(mail, "from"), to,
                        text(mail, "trustPem"));
                smtp.validate();
            } catch (InvalidRequest e) {
                throw refused(file, text, "smtp", e);
            }
        } else if (!mail.isMissingNode() && !mail.isNull()) {
            throw refused(file, text, "smtp", new InvalidRequest("must be an object in { } or null"));
        }
        Webhook webhook = null;
        var hook = node.path("webhook");
        if (hook.isObject()) {
            try {
                webhook = new Webhook(text(hook, "url"));
                webhook.validate();
            } catch (InvalidRequest e) {
                throw refused(file, text, "webhook", e);
            }
        } else if (!hook.isMissingNode() && !hook.isNull()) {
            throw refused(file, text, "webhook", new InvalidRequest("must be an object in { } or null"));
        }
        return new NotificationSettings(smtp, node.path("onSuccess").asBoolean(false), webhook,
                node.path("eventLog").asBoolean(true));
    }

    /** The part {@code field} of {@code file} refused for {@code reason}, placed where the part begins. */
    private static JsonFile.Unreadable refused(Path file, String text, String field, InvalidRequest reason) {
        return new JsonFile.Unreadable(file, JsonProblem.at(JsonProblem.objectStart(text, field), field + ": "
                + reason.getMessage()), ADVICE, reason);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
