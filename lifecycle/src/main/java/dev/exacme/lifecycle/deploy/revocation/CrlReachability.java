package dev.exacme.lifecycle.deploy.revocation;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.run.NetworkAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches every CRL distribution point of a chain (leaf and intermediates) through the run's
 * network, the proxy and no-proxy list the CA is reached with, and reads each as a CRL of the
 * certificate's issuer. Refuses, naming the URL and the route, when one cannot be fetched or
 * read, is past its next update, or lists the certificate. OCSP is never asked: Let's Encrypt
 * ended it in 2025 and its certificates carry no OCSP URL.
 *
 * <p>This proves that this computer, through exacme's network settings, reaches the CRL hosts.
 * Windows fetches CRLs itself, through the WinHTTP proxy ({@code netsh winhttp show proxy}),
 * which may differ; the refusal says which route was tried.
 */
public final class CrlReachability implements RevocationCheck {

    /** Connect limit for a CRL host: short, because a firewall that drops packets would hold a deployment. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Limit for one whole CRL download. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /**
     * The largest CRL read: 16 MiB. Let's Encrypt shards its CRLs into small files; other CAs'
     * whole CRLs run to a few MiB.
     */
    public static final long MAX_CRL_BYTES = 16L * 1024 * 1024;

    /** Supplies the network when the first CRL is fetched, so a deployment without CRLs never resolves it. */
    @FunctionalInterface
    public interface NetworkSource {
        /** The network in force. */
        ResolvedNetwork network() throws InvalidRequest, IOException;
    }

    private final NetworkSource source;
    private final Clock clock;

    /** Fetching through {@code source}'s network, judging freshness by {@code clock}. */
    public CrlReachability(NetworkSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** Fetching through the run's network (CRLs are plain HTTP; the runtime's roots serve an https one). */
    public static CrlReachability of(NetworkAccess network) {
        return new CrlReachability(() -> network.resolve(TrustedCertificates.systemDefault()), Clock.systemUTC());
    }

    @Override
    public RevocationVerdict check(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return new RevocationVerdict.Passed(List.of("the certificate's chain is not kept in the state directory,"
                    + " so its CRLs were not fetched before deploying; the next renewal keeps it"));
        }
        var notes = new ArrayList<String>();
        var fetched = new LinkedHashMap<URI, X509CRL>();
        Optional<Fetcher> fetcher = Optional.empty();
        // The last certificate of the chain is checked too: an intermediate names its issuer's CRL.
        for (var i = 0; i < chain.size(); i++) {
            var certificate = chain.get(i);
            var who = describe(certificate, i);
            if (selfIssued(certificate)) {
                continue;
            }
            CrlDistributionPoints points;
            try {
                points = CrlDistributionPoints.of(certificate);
            } catch (IllegalArgumentException e) {
                return new RevocationVerdict.Refused("the CRL distribution points extension of " + who
                        + " cannot be read (" + e.getMessage() + "); Windows could not check its revocation either.");
            }
            if (points.none()) {
                notes.add(who + " names no CRL distribution point: Windows has no CRL to check for it (OCSP is"
                        + " not asked; Let's Encrypt ended it in 2025)");
                continue;
            }
            points.others().forEach(other -> notes.add(who + " also names " + other + ", which exacme does not"
                    + " fetch; Windows may try it"));
            if (points.http().isEmpty()) {
                continue;
            }
            var issuer = i + 1 < chain.size() ? Optional.of(chain.get(i + 1)) : Optional.<X509Certificate>empty();
            for (var url : points.http()) {
                var crl = fetched.get(url);
                if (crl == null) {
                    if (fetcher.isEmpty()) {
                        try {
                            fetcher = Optional.of(new Fetcher(source.network()));
                        } catch (InvalidRequest | IOException e) {
                            return new RevocationVerdict.Refused("the CRL " + url + " of " + who + " cannot be"
                                    + " fetched: the network settings cannot be used (" + e.getMessage() + ").");
                        }
                    }
                    var result = fetcher.get().fetch(url, who);
                    if (result instanceof Fetched.Failed failed) {
                        return new RevocationVerdict.Refused(failed.reason());
                    }
                    crl = ((Fetched.Read) result).crl();
                    fetched.put(url, crl);
                }
                var problem = problem(crl, certificate, issuer, url, who, fetcher.get().route(url));
                if (problem.isPresent()) {
                    return new RevocationVerdict.Refused(problem.get());
                }
                notes.add("CRL of " + who + " fetched " + fetcher.get().route(url) + ": " + url + " (next update "
                        + Optional.ofNullable(crl.getNextUpdate()).map(date -> date.toInstant().toString())
                            .orElse("not given") + ")");
            }
        }
        return new RevocationVerdict.Passed(notes);
    }

    /** Why a fetched CRL does not do for {@code certificate}, if it does not. */
    private Optional<String> problem(X509CRL crl, X509Certificate certificate, Optional<X509Certificate> issuer,
                                     URI url, String who, String route) {
        if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
            return Optional.of("the CRL " + url + " of " + who + " (fetched " + route + ") was issued by "
                    + crl.getIssuerX500Principal().getName() + ", not by the certificate's issuer "
                    + certificate.getIssuerX500Principal().getName() + ": something between here and the CA answers"
                    + " for it. " + consequence());
        }
        if (issuer.isPresent()) {
            try {
                crl.verify(issuer.get().getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("the CRL " + url + " of " + who + " (fetched " + route + ") is not signed by its"
                        + " issuer " + issuer.get().getSubjectX500Principal().getName() + " (" + e.getMessage() + "). "
                        + consequence());
            }
        }
        var nextUpdate = crl.getNextUpdate();
        if (nextUpdate != null && nextUpdate.toInstant().isBefore(clock.instant())) {
            return Optional.of("the CRL " + url + " of " + who + " (fetched " + route + ") expired at its next update "
                    + nextUpdate.toInstant() + ": the copy served is stale. " + consequence());
        }
        if (crl.isRevoked(certificate)) {
            return Optional.of(who + " is listed as revoked in its CRL " + url + "; Exchange would show it as Revoked."
                    + " Order a new certificate ('exacme renew NAME --force').");
        }
        return Optional.empty();
    }

    private static String consequence() {
        return "Exchange would report RevocationCheckFailure for the certificate and may refuse to assign services"
                + " to it; nothing was deployed, the certificate stays installed and the next renewal deploys it"
                + " again.";
    }

    private static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static String describe(X509Certificate certificate, int position) {
        var subject = certificate.getSubjectX500Principal().getName();
        var name = subject.isEmpty() ? "serial " + certificate.getSerialNumber().toString(16) : subject;
        return position == 0 ? "the certificate (" + name + ")" : "the intermediate " + name;
    }

    /** The answer for one URL. */
    private sealed interface Fetched {
        record Read(X509CRL crl) implements Fetched {
        }

        record Failed(String reason) implements Fetched {
        }
    }

    /** One HTTP client for the whole check, with short limits, through the configured route. */
    private static final class Fetcher {
        private final ResolvedNetwork resolved;
        private final HttpClient client;

        Fetcher(ResolvedNetwork resolved) {
            this.resolved = resolved;
            var network = resolved.network();
            var limited = new OutboundNetwork(network.proxy(), network.noProxy(),
                    shorter(network.connectTimeout(), CONNECT_TIMEOUT), shorter(network.requestTimeout(),
                    REQUEST_TIMEOUT), network.trust());
            this.client = limited.httpClient(MAX_CRL_BYTES).followRedirects(HttpClient.Redirect.NORMAL).build();
        }

        private static Duration shorter(Duration configured, Duration limit) {
            return configured.compareTo(limit) < 0 ? configured : limit;
        }

        /** "through the proxy http://proxy:3128 (from --proxy)", or "directly (...)": never a password. */
        String route(URI url) {
            var network = resolved.network();
            if (network.proxies(url)) {
                return "through the proxy " + network.proxy().get().display() + " (from " + resolved.origin() + ")";
            }
            if (network.proxy().isPresent()) {
                return "directly (" + url.getHost() + " is on the no-proxy list, proxy " + network.proxy().get()
                        .display() + " not used)";
            }
            return "directly (no proxy configured: " + resolved.origin() + ")";
        }

        Fetched fetch(URI url, String who) {
            var route = route(url);
            var failed = "the CRL " + url + " of " + who + " could not be fetched " + route + ": ";
            HttpResponse<byte[]> response;
            try {
                response = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                return new Fetched.Failed(failed + describe(e) + ". " + consequence() + " Let this server reach "
                        + url.getScheme() + "://" + url.getAuthority() + (route.startsWith("through") ? " through the"
                        + " proxy" : "") + ".");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Fetched.Failed(failed + "interrupted. " + consequence());
            }
            if (response.statusCode() != 200) {
                return new Fetched.Failed(failed + "HTTP " + response.statusCode() + (response.statusCode() == 407
                        ? " (the proxy wants credentials: --proxy-credentials-file)" : "") + ". " + consequence());
            }
            try {
                var crl = (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(new ByteArrayInputStream(response.body()));
                if (crl == null) {
                    throw new java.security.cert.CRLException("empty answer");
                }
                return new Fetched.Read(crl);
            } catch (GeneralSecurityException | RuntimeException e) {
                return new Fetched.Failed("the CRL " + url + " of " + who + " was fetched " + route + " but is not a"
                        + " CRL (" + response.body().length + " bytes" + contentType(response) + "; " + e.getMessage()
                        + "): a captive portal or a proxy's error page may have answered. " + consequence());
            }
        }

        private static String contentType(HttpResponse<?> response) {
            return response.headers().firstValue("Content-Type").map(type -> ", " + type).orElse("");
        }

        private static String describe(IOException e) {
            var message = e.getMessage();
            var kind = e.getClass().getSimpleName();
            return message == null || message.isBlank() ? kind : kind + ": " + message;
        }
    }
}
