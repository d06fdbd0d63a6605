package dev.exacme.acme.ca;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ACME CA, identified by its directory URL. Well-known CAs can be named by a short alias
 * ({@code letsencrypt}, {@code letsencrypt-staging}, ...).
 *
 * @param directory the directory URL, always https except for loopback test servers
 */
public record CaServer(URI directory) {

    private static final Map<String, String> ALIASES = new TreeMap<>(Map.of(
            "letsencrypt", "https://acme-v02.api.letsencrypt.org/directory",
            "letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory",
            "zerossl", "https://acme.zerossl.com/v2/DV90",
            "google", "https://dv.acme-v02.api.pki.goog/directory",
            "google-staging", "https://dv.acme-v02.test-api.pki.goog/directory"));

    /** Let's Encrypt's production directory, exacme's default CA. */
    public static final CaServer LETS_ENCRYPT = new CaServer(URI.create(ALIASES.get("letsencrypt")));

    /**
     * Parses an alias or a directory URL.
     *
     * @throws InvalidRequest for anything that is neither an alias nor an https URL
     */
    public static CaServer parse(String text) throws InvalidRequest {
        var trimmed = text.trim();
        var alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return new CaServer(URI.create(alias));
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidRequest("--server '" + text + "' is not a URL: " + e.getReason()
                    + ". Use an ACME directory URL or one of " + String.join(", ", ALIASES.keySet()) + ".");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidRequest("--server '" + text + "' is neither a known CA ("
                    + String.join(", ", ALIASES.keySet()) + ") nor an https:// directory URL.");
        }
        if (uri.getPort() > 65535) {
            throw new InvalidRequest("--server '" + text + "' names port " + uri.getPort() + "; a port is 1 to 65535.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidRequest("--server '" + text + "' uses plain http: ACME requires https "
                    + "(plain http is accepted only for test servers on this machine); give --server https"
                    + trimmed.substring(scheme.length()) + " if that is the CA's directory. " + knownDirectories());
        }
        return new CaServer(uri);
    }

    /**
     * The directory URLs people most often mean, and the names that stand for them, as a
     * sentence for messages about a wrong {@code --server}.
     */
    public static String knownDirectories() {
        return "Let's Encrypt's directory is " + ALIASES.get("letsencrypt") + " (--server letsencrypt, the default),"
                + " its staging directory " + ALIASES.get("letsencrypt-staging") + " (--server letsencrypt-staging);"
                + " other names: " + String.join(", ", ALIASES.keySet()) + ".";
    }

    /**
     * A directory name for this CA's state: host, port when not the default, and the path,
     * e.g. {@code acme-v02.api.letsencrypt.org/directory} or {@code 127.0.0.1_14000/dir}.
     */
    public String storageName() {
        var host = directory.getHost().replace(':', '_').replace("[", "").replace("]", "");
        var name = directory.getPort() == -1 ? host : host + "_" + directory.getPort();
        var path = directory.getPath() == null ? "" : directory.getPath();
        var clean = new StringBuilder(name);
        for (var segment : path.split("/")) {
            var safe = segment.replaceAll("[^A-Za-z0-9._-]", "_");
            if (!safe.isEmpty() && !safe.equals(".") && !safe.equals("..")) {
                clean.append('/').append(safe);
            }
        }
        return clean.toString();
    }

    @Override
    public String toString() {
        return directory.toString();
    }

    private static boolean isLoopback(String host) {
        var bare = host.replace("[", "").replace("]", "");
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
