package dev.exacme.acme.network;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.PemFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The roots exacme trusts for the CA's own TLS: the Java runtime's, plus any the user adds
 * with {@code --trust} (Pebble, a private step-ca). There is deliberately no way to turn
 * verification off.
 */
public final class TrustedCertificates {

    private final List<X509Certificate> extra;

    private TrustedCertificates(List<X509Certificate> extra) {
        this.extra = List.copyOf(extra);
    }

    /** Only the runtime's default roots. */
    public static TrustedCertificates systemDefault() {
        return new TrustedCertificates(List.of());
    }

    /**
     * The runtime's roots plus every certificate in the given PEM files.
     *
     * @throws InvalidRequest naming the file that is missing or holds no certificate
     */
    public static TrustedCertificates withPemFiles(List<Path> pemFiles) throws InvalidRequest {
        var certificates = new ArrayList<X509Certificate>();
        for (var file : pemFiles) {
            List<X509Certificate> read;
            try {
                read = PemFormat.readCertificates(Files.readString(file));
            } catch (IOException e) {
                throw new InvalidRequest("--trust " + file + ": cannot read it (" + e.getMessage() + ").");
            }
            if (read.isEmpty()) {
                throw new InvalidRequest("--trust " + file + " holds no PEM certificate "
                        + "(expected '-----BEGIN CERTIFICATE-----').");
            }
            certificates.addAll(read);
        }
        return new TrustedCertificates(certificates);
    }

    /** The added certificates (not the runtime's). */
    public List<X509Certificate> extra() {
        return extra;
    }

    /** An SSL context that accepts servers chaining to the runtime's roots or the extra ones. */
    public SSLContext sslContext() {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    private X509TrustManager trustManager() throws GeneralSecurityException {
        var system = defaultTrustManager(null);
        if (extra.isEmpty()) {
            return system;
        }
        var store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < extra.size(); i++) {
            store.setCertificateEntry("extra-" + i, extra.get(i));
        }
        var added = defaultTrustManager(store);
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                system.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    added.checkServerTrusted(chain, authType);
                } catch (CertificateException notOurs) {
                    system.checkServerTrusted(chain, authType);
                }
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                var all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
                all.addAll(extra);
                return all.toArray(X509Certificate[]::new);
            }
        };
    }

    private static X509TrustManager defaultTrustManager(KeyStore store) throws GeneralSecurityException {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }
}
