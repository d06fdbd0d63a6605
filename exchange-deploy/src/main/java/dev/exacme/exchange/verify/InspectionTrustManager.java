package dev.exacme.exchange.verify;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts whatever certificate a server presents, FOR INSPECTION ONLY.
 *
 * <p>The probe reads which certificate an endpoint presents and compares its thumbprint
 * with the one just deployed; it does not trust the server, and no data is ever sent over
 * a connection made with this manager (the probe closes it right after the handshake).
 * Validating the chain here would hide exactly what we need to see: an expired, self-signed
 * or wrong certificate still being served. It is an {@link X509ExtendedTrustManager} so that
 * JSSE does not wrap it with host-name and algorithm checks of its own.
 */
final class InspectionTrustManager extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // Inspection only: see the class comment.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // Inspection only: see the class comment.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // Inspection only: see the class comment.
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("the wire probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("the wire probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("the wire probe is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
