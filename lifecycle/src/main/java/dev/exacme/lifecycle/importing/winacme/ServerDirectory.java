package dev.exacme.lifecycle.importing.winacme;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One ACME server's directory of the win-acme data directory, named after the server's BaseUri
 * the way {@code StringExtensions.CleanUri} does it, with its renewal files and its settings.
 *
 * @param path     the directory
 * @param settings the settings that apply there (its own {@code settings.json} over the global one)
 * @param renewals its {@code *.renewal.json} files, sorted
 */
record ServerDirectory(Path path, WinAcmeSettings settings, List<Path> renewals) {

    /**
     * BaseUris of well-known CAs as win-acme users give them (its documentation and defaults),
     * tried when {@code settings.json} does not name the directory's server.
     */
    static final List<String> WELL_KNOWN = List.of(
            "https://acme-v02.api.letsencrypt.org/",
            "https://acme-staging-v02.api.letsencrypt.org/",
            "https://acme-v02.api.letsencrypt.org/directory",
            "https://acme-staging-v02.api.letsencrypt.org/directory",
            "https://acme.zerossl.com/v2/DV90",
            "https://dv.acme-v02.api.pki.goog/directory",
            "https://dv.acme-v02.test-api.pki.goog/directory",
            "https://acme.sectigo.com/v2/DV",
            "https://acme.sectigo.com/v2/OV",
            "https://acme.ssl.com/sslcom-dv-rsa",
            "https://acme.ssl.com/sslcom-dv-ecc",
            "https://acme-api.actalis.com/acme/directory",
            "https://acme.digicert.com/v2/acme/directory/");

    /** Copies the list. */
    ServerDirectory {
        renewals = List.copyOf(renewals);
    }

    /**
     * The server's BaseUri: simple-acme's {@code EndPoint} of the renewal when it has one, else the
     * first of settings.json's {@code Acme.DefaultBaseUri}, {@code Acme.DefaultBaseUriTest} and
     * the well-known CAs whose cleaned form is this directory's name.
     *
     * @throws Refusal when none is, since the name cannot be turned back into a URL
     */
    URI baseUri(Optional<String> endPoint) throws Refusal {
        if (endPoint.isPresent()) {
            return parse(endPoint.get()).orElseThrow(() -> new Refusal("EndPoint " + endPoint.get() + " is not an"
                    + " absolute URL."));
        }
        var candidates = new LinkedHashSet<String>();
        settings.text("Acme", "DefaultBaseUri").ifPresent(candidates::add);
        settings.text("Acme", "DefaultBaseUriTest").ifPresent(candidates::add);
        candidates.addAll(WELL_KNOWN);
        var name = path.getFileName().toString();
        for (var candidate : candidates) {
            for (var windows : new boolean[] {true, false}) {
                var cleaned = cleanUri(candidate, windows);
                if (cleaned.isPresent() && cleaned.get().equalsIgnoreCase(name)) {
                    return parse(candidate).orElseThrow();
                }
            }
        }
        throw new Refusal("the ACME server of " + path + " is not known: win-acme names the directory after the"
                + " server's BaseUri with ':' and '/' removed, which cannot be turned back into a URL, and neither"
                + " settings.json's Acme.DefaultBaseUri" + settings.text("Acme", "DefaultBaseUri").map(uri -> " ("
                + uri + ")").orElse("") + " nor a well-known CA gives '" + name + "'; give the settings.json that"
                + " names it, or add the certificate with 'exacme add --server URL'.");
    }

    /**
     * The ACME directory URL exacme uses for a BaseUri. win-acme asks for {@code BaseUri +
     * "directory"} first and for the BaseUri itself if that fails; without asking the server, a
     * BaseUri ending in {@code /} is taken as the base of the first (Let's Encrypt's
     * {@code https://acme-v02.api.letsencrypt.org/}), anything else as the directory itself
     * (ZeroSSL's {@code .../v2/DV90}, Pebble's {@code .../dir}).
     */
    static URI directoryUrl(URI baseUri) {
        var path = baseUri.getRawPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return baseUri.resolve("directory");
        }
        return baseUri;
    }

    /** Whether the directory URL of a BaseUri is certain: a well-known CA's. */
    static boolean wellKnown(URI baseUri) {
        return WELL_KNOWN.stream().anyMatch(known -> known.equalsIgnoreCase(baseUri.toString()));
    }

    /**
     * {@code CleanUri}: .NET's {@code Uri.ToString()} (scheme and host in lower case, no default
     * port, {@code /} for an empty path) without user info and scheme, and without the
     * characters not allowed in file names: on Windows {@code " < > | : * ? \ /} and control
     * characters, on Linux (simple-acme) only {@code /}.
     */
    static Optional<String> cleanUri(String uri, boolean windows) {
        var parsed = parse(uri);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        var value = parsed.get();
        var scheme = value.getScheme().toLowerCase(Locale.ROOT);
        var defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        var text = new StringBuilder(value.getHost().toLowerCase(Locale.ROOT));
        if (value.getPort() != -1 && value.getPort() != defaultPort) {
            text.append(':').append(value.getPort());
        }
        var path = value.getPath();
        text.append(path == null || path.isEmpty() ? "/" : path);
        if (value.getQuery() != null) {
            text.append('?').append(value.getQuery());
        }
        var result = new StringBuilder();
        for (var c : text.toString().toCharArray()) {
            var invalid = windows ? c < 32 || "\"<>|:*?\\/".indexOf(c) >= 0 : c == '/' || c == 0;
            if (!invalid) {
                result.append(c);
            }
        }
        return Optional.of(result.toString());
    }

    private static Optional<URI> parse(String text) {
        try {
            var uri = new URI(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
