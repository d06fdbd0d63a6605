package dev.exacme.lifecycle.importing.certify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the Certify installation the database belongs to, read from the files beside it
 * when they are there: {@code appsettings.json} (CoreAppSettings: the default CA and key type,
 * whether its HTTP challenge server runs), {@code serviceconfig.json} (ServiceConfig: the challenge
 * server's port), {@code ca.json} (custom CAs) and the summaries of {@code cred.db}'s stored
 * credentials (title and type; never the protected value). Each missing file means Certify's
 * defaults, as Certify itself assumes; a file that cannot be read is said in {@link #problems()}.
 *
 * @param enableHttpChallengeServer whether Certify answers HTTP-01 through its own http.sys listener
 * @param httpChallengePort         that listener's port
 * @param defaultAuthority          the CA of items that name none
 * @param defaultKeyType            the key type of items that name none ({@code RS256})
 * @param modernPfx                 Certify writes PFX files with AES instead of 3DES ({@code UseModernPFXAlgs})
 * @param customAuthorities         the CAs of {@code ca.json} by lower-case id
 * @param credentials               the stored credentials by id
 * @param problems                  per file that could not be read, why (file name → reason)
 */
record CertifyInstallation(boolean enableHttpChallengeServer, int httpChallengePort, String defaultAuthority,
                           String defaultKeyType, boolean modernPfx, Map<String, CertificateAuthorities.Authority> customAuthorities,
                           Map<String, Credential> credentials, Map<String, String> problems) {

    /** Certify's own defaults (SettingsManager.CoreAppSettings and ServiceConfig). */
    static final CertifyInstallation DEFAULTS = new CertifyInstallation(true, 80, "letsencrypt.org", "RS256",
            false, Map.of(), Map.of(), Map.of());

    /** Larger settings files than this are not Certify's. */
    private static final long LONGEST_FILE = 16L * 1024 * 1024;

    /** Copies the maps. */
    CertifyInstallation {
        customAuthorities = Map.copyOf(customAuthorities);
        credentials = Map.copyOf(credentials);
        problems = Map.copyOf(problems);
    }

    /**
     * A stored credential's summary from {@code cred.db}.
     *
     * @param title        its name in Certify's UI
     * @param providerType what it is for ({@code DNS01.API.Cloudflare}, {@code Certify.StandardChallenges.Windows}...)
     */
    record Credential(String title, String providerType) {
    }

    /** The settings beside {@code database}. */
    static CertifyInstallation beside(Path database) throws IOException {
        var directory = database.toAbsolutePath().getParent();
        var problems = new LinkedHashMap<String, String>();
        var app = json(directory.resolve("appsettings.json"), problems);
        var service = json(directory.resolve("serviceconfig.json"), problems);
        var enable = app.map(node -> node.path("EnableHttpChallengeServer"))
                .filter(JsonNode::isBoolean).map(JsonNode::asBoolean).orElse(DEFAULTS.enableHttpChallengeServer());
        var port = service.map(node -> node.path("HttpChallengeServerPort")).filter(JsonNode::canConvertToInt)
                .map(JsonNode::asInt).filter(p -> p > 0 && p < 65536).orElse(DEFAULTS.httpChallengePort());
        var authority = app.map(node -> node.path("DefaultCertificateAuthority").asText(""))
                .flatMap(ManagedItem::present).orElse(DEFAULTS.defaultAuthority());
        var keyType = app.map(node -> node.path("DefaultKeyType").asText("")).flatMap(ManagedItem::present)
                .orElse(DEFAULTS.defaultKeyType());
        var modernPfx = app.map(node -> node.path("UseModernPFXAlgs")).filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean).orElse(DEFAULTS.modernPfx());
        return new CertifyInstallation(enable, port, authority, keyType, modernPfx, customAuthorities(directory, problems),
                credentials(directory, problems), problems);
    }

    /** What Certify's settings file {@code name} could not tell, for an unmapped line; empty when it could. */
    Optional<String> problem(String name) {
        return Optional.ofNullable(problems.get(name)).map(why -> name + " beside the database cannot be read (" + why
                + ")");
    }

    private static Map<String, CertificateAuthorities.Authority> customAuthorities(Path directory,
                                                                                 Map<String, String> problems)
            throws IOException {
        var all = new LinkedHashMap<String, CertificateAuthorities.Authority>();
        var list = json(directory.resolve("ca.json"), problems);
        if (list.isEmpty()) {
            return all;
        }
        if (!list.get().isArray()) {
            problems.put("ca.json", "not a list of certificate authorities");
            return all;
        }
        for (var node : list.get()) {
            var id = ManagedItem.present(node.path("Id").asText(""));
            id.ifPresent(key -> all.putIfAbsent(key.toLowerCase(Locale.ROOT), new CertificateAuthorities.Authority(
                    key, node.path("Title").asText(key), node.path("ProductionAPIEndpoint").asText(""),
                    node.path("StagingAPIEndpoint").asText(""), node.path("AllowUntrustedTls").asBoolean(false),
                    node.path("RequiresExternalAccountBinding").asBoolean(false),
                    node.path("TrustedRoots").size() + node.path("Intermediates").size() > 0, true,
                    !node.has("IsEnabled") || node.path("IsEnabled").asBoolean(true))));
        }
        return all;
    }

    private static Map<String, Credential> credentials(Path directory, Map<String, String> problems)
            throws IOException {
        var file = directory.resolve("cred.db");
        var all = new LinkedHashMap<String, Credential>();
        if (!Files.isRegularFile(file)) {
            return all;
        }
        try {
            // Only the (id, json) summary; the DPAPI-protected value is never selected.
            for (var row : ReadOnlySqlite.rows(file, "credential", "Certify The Web")) {
                try {
                    var node = CertifyJson.MAPPER.readTree(row.json());
                    all.put(row.id(), new Credential(node.path("Title").asText(""), node.path("ProviderType").asText("")));
                } catch (JsonProcessingException e) {
                    // A damaged summary only loses its title.
                }
            }
        } catch (ReadOnlySqlite.Unreadable e) {
            problems.put("cred.db", e.getMessage());
        }
        return all;
    }

    private static Optional<JsonNode> json(Path file, Map<String, String> problems) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var name = file.getFileName().toString();
        if (Files.size(file) > LONGEST_FILE) {
            problems.put(name, "larger than 16 MiB");
            return Optional.empty();
        }
        try {
            var node = CertifyJson.MAPPER.readTree(stripBom(Files.readString(file)));
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            problems.put(name, CertifyJson.describe(e));
            return Optional.empty();
        } catch (java.nio.charset.MalformedInputException e) {
            problems.put(name, "not UTF-8 text");
            return Optional.empty();
        }
    }

    /** .NET writes a byte order mark at the start of some files. */
    static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
