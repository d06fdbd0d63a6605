package dev.exacme.lifecycle.network;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.NoProxyList;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.ProxyCredentials;
import dev.exacme.acme.network.ProxyServer;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.secrets.SecretFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which proxy exacme uses. The first source with a setting wins: {@code --proxy},
 * the saved settings, {@code HTTPS_PROXY}/{@code HTTP_PROXY}, the machine's WinHTTP proxy;
 * otherwise connections are direct. {@code --no-proxy} and {@code --proxy-credentials-file}
 * apply to whichever proxy won; without {@code --no-proxy} the winning source's own
 * exception list applies ({@code NO_PROXY}, the WinHTTP bypass list).
 */
public final class NetworkResolution {

    /** The environment variables read, in order: HTTPS first because all of exacme's traffic is HTTPS. */
    static final List<String> PROXY_VARIABLES = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    static final List<String> NO_PROXY_VARIABLES = List.of("NO_PROXY", "no_proxy");

    /**
     * Everything the decision depends on.
     *
     * @param proxyOption     {@code --proxy}: a URL, or {@code direct}
     * @param noProxyOption   {@code --no-proxy}
     * @param credentialsFile {@code --proxy-credentials-file}
     * @param saved           the saved settings and the file they came from
     * @param savedFrom       the saved settings' file, for messages
     * @param environment     the process environment
     * @param winHttp         the machine's WinHTTP settings (empty off Windows)
     */
    public record Inputs(Optional<String> proxyOption, Optional<String> noProxyOption, Optional<Path> credentialsFile,
                         Optional<SavedNetwork> saved, Path savedFrom, Map<String, String> environment,
                         Optional<WinHttpSettings> winHttp, Duration connectTimeout, Duration requestTimeout,
                         TrustedCertificates trust) {
    }

    private NetworkResolution() {
    }

    /**
     * Resolves the configuration.
     *
     * @throws InvalidRequest naming the setting that cannot be used
     */
    public static ResolvedNetwork resolve(Inputs in) throws InvalidRequest {
        requireSane(in.connectTimeout(), "--connect-timeout");
        requireSane(in.requestTimeout(), "--request-timeout");
        ProxySource source;
        String origin;
        Optional<ProxyServer> proxy;
        String noProxy;
        Optional<Path> credentialsFile = in.credentialsFile();
        var proxyVariable = PROXY_VARIABLES.stream()
                .filter(name -> !in.environment().getOrDefault(name, "").isBlank()).findFirst();

        if (in.proxyOption().isPresent()) {
            source = ProxySource.OPTION;
            origin = "--proxy";
            proxy = proxy(in.proxyOption().get(), "--proxy", false);
            noProxy = in.noProxyOption().orElse("");
        } else if (in.saved().isPresent()) {
            var saved = in.saved().get();
            source = ProxySource.SAVED;
            origin = in.savedFrom().toString();
            proxy = proxy(saved.proxy(), "the saved proxy in " + origin, false);
            noProxy = in.noProxyOption().orElse(saved.noProxy());
            credentialsFile = credentialsFile.or(saved::credentialsFile);
        } else if (proxyVariable.isPresent()) {
            source = ProxySource.ENVIRONMENT;
            origin = proxyVariable.get();
            proxy = proxy(in.environment().get(origin), origin, true);
            noProxy = in.noProxyOption().orElseGet(() -> NO_PROXY_VARIABLES.stream()
                    .map(name -> in.environment().getOrDefault(name, "")).filter(value -> !value.isBlank())
                    .findFirst().orElse(""));
        } else if (in.winHttp().map(WinHttpSettings::usesProxy).orElse(false)) {
            source = ProxySource.WINHTTP;
            origin = "the WinHTTP proxy (netsh winhttp show proxy)";
            proxy = in.winHttp().get().httpsProxy();
            noProxy = in.noProxyOption().orElse(in.winHttp().get().bypass());
        } else {
            source = ProxySource.NONE;
            origin = "no --proxy, no saved settings, no HTTPS_PROXY or HTTP_PROXY"
                    + (in.winHttp().isPresent() ? ", WinHTTP set to direct access" : "");
            proxy = Optional.empty();
            noProxy = in.noProxyOption().orElse("");
        }

        if (proxy.isPresent() && credentialsFile.isPresent()) {
            proxy = Optional.of(proxy.get().withCredentials(credentials(credentialsFile.get())));
        }
        var noProxyOrigin = in.noProxyOption().isPresent() ? "--no-proxy" : "the no-proxy list from " + origin;
        var network = new OutboundNetwork(proxy, NoProxyList.parse(noProxy, noProxyOrigin), in.connectTimeout(),
                in.requestTimeout(), in.trust());
        return new ResolvedNetwork(network, source, origin);
    }

    private static Optional<ProxyServer> proxy(String text, String origin, boolean credentialsAllowed)
            throws InvalidRequest {
        var lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("direct") || lower.equals("none")) {
            return Optional.empty();
        }
        var server = ProxyServer.parse(text, origin);
        if (server.credentials().isPresent() && !credentialsAllowed) {
            throw new InvalidRequest(origin + " holds a user and password; a password on the command line or in "
                    + "network.json leaks. Give http://host:port and put user:password in a file readable only by "
                    + "you, passed with --proxy-credentials-file.");
        }
        return Optional.of(server);
    }

    private static ProxyCredentials credentials(Path file) throws InvalidRequest {
        var text = SecretFile.read(file, "--proxy-credentials-file");
        var colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidRequest("--proxy-credentials-file " + file + " must hold one line user:password.");
        }
        return new ProxyCredentials(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The longest timeout a person can mean: beyond it the HTTP client's arithmetic, not the network, decides. */
    static final Duration LONGEST_TIMEOUT = Duration.ofHours(1);

    private static void requireSane(Duration timeout, String option) throws InvalidRequest {
        if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new InvalidRequest(option + " " + timeout.toHours() + "h is longer than exacme waits for one"
                    + " connection or answer (at most 1h); a CA or proxy that slow is down: try e.g. 30s or 5m.");
        }
    }
}
