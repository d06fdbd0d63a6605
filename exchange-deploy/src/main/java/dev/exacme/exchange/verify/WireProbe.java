package dev.exacme.exchange.verify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to an endpoint, runs its STARTTLS dialogue if it has one, completes a TLS
 * handshake and reports the certificate chain the server presented. Reads only: it sends
 * nothing after the handshake and never trusts what it sees.
 *
 * <p>Never throws for network problems (refused, timed out, unknown host, STARTTLS not
 * offered, handshake failure, connection closed mid-dialogue): they come back as
 * {@link Presented#failure()} in words. The read timeout applies to every wait for the
 * server, the clear-text lines and the handshake alike.
 */
public final class WireProbe {

    private static final Logger LOG = LoggerFactory.getLogger(WireProbe.class);

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String ehloName;

    /**
     * @param connectTimeout how long to wait for the TCP connection
     * @param readTimeout    how long to wait for each answer of the server
     * @param ehloName       the name this host gives in SMTP {@code EHLO}
     */
    public WireProbe(Duration connectTimeout, Duration readTimeout, String ehloName) {
        this.connectTimeout = positive(connectTimeout, "connect timeout");
        this.readTimeout = positive(readTimeout, "read timeout");
        if (ehloName.isBlank() || ehloName.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("'" + ehloName + "' is not a name to give in EHLO");
        }
        this.ehloName = ehloName;
    }

    /** A probe that gives this host's name in {@code EHLO}. */
    public WireProbe(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, localName());
    }

    /** Reads what {@code endpoint} presents. */
    public Presented present(Endpoint endpoint) {
        LOG.debug("Reading the certificate presented by {}", endpoint);
        try {
            var presented = Presented.certificate(endpoint, handshake(endpoint));
            LOG.debug("{} presents {}", endpoint, presented.thumbprint().orElseThrow());
            return presented;
        } catch (ProbeFailure e) {
            LOG.debug("{}: {}", endpoint, e.getMessage());
            return Presented.failure(endpoint, e.getMessage());
        }
    }

    private List<X509Certificate> handshake(Endpoint endpoint) throws ProbeFailure {
        var address = resolve(endpoint);
        try (var plain = new Socket()) {
            connect(plain, address, endpoint);
            plain.setSoTimeout(millis(readTimeout));
            StartTls.negotiate(endpoint.protocol(),
                    new PlainLines(plain.getInputStream(), plain.getOutputStream(), readTimeout), ehloName);
            try (var tls = layer(plain, address, endpoint)) {
                tls.startHandshake();
                return chain(tls.getSession().getPeerCertificates());
            }
        } catch (SocketTimeoutException e) {
            throw new ProbeFailure("timed out: no answer within " + words(readTimeout) + " during the TLS handshake");
        } catch (SSLPeerUnverifiedException e) {
            throw new ProbeFailure("the server presented no certificate: " + e.getMessage());
        } catch (SSLHandshakeException e) {
            throw new ProbeFailure("the TLS handshake failed: " + e.getMessage() + tlsHint(e));
        } catch (SSLException e) {
            throw new ProbeFailure("the TLS connection failed: " + e.getMessage());
        } catch (IOException e) {
            throw new ProbeFailure("the connection failed: " + e.getMessage());
        }
    }

    /**
     * Puts TLS over the connected socket. SNI is set explicitly: the endpoint's server name,
     * or an empty list so that JSSE sends no SNI at all. For "no SNI" the peer host given to
     * JSSE is also the IP literal we connected to, from which JSSE never derives SNI.
     */
    private SSLSocket layer(Socket plain, InetSocketAddress address, Endpoint endpoint) throws IOException {
        var peerHost = endpoint.serverName().orElse(address.getAddress().getHostAddress());
        var tls = (SSLSocket) inspectionContext().getSocketFactory().createSocket(plain, peerHost, endpoint.port(), false);
        var parameters = tls.getSSLParameters();
        parameters.setServerNames(endpoint.serverName().<List<javax.net.ssl.SNIServerName>>map(
                name -> List.of(new SNIHostName(name))).orElse(List.of()));
        parameters.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(millis(readTimeout));
        return tls;
    }

    /** A fresh context per probe, so that no session is resumed across endpoints or SNI names. */
    private static SSLContext inspectionContext() throws IOException {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new InspectionTrustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has TLS", e);
        }
    }

    private static InetSocketAddress resolve(Endpoint endpoint) throws ProbeFailure {
        try {
            return new InetSocketAddress(InetAddress.getByName(endpoint.host()), endpoint.port());
        } catch (UnknownHostException e) {
            throw new ProbeFailure("the host name " + endpoint.host() + " does not resolve");
        }
    }

    private void connect(Socket plain, InetSocketAddress address, Endpoint endpoint) throws ProbeFailure {
        var where = endpoint.host() + (endpoint.host().equals(address.getAddress().getHostAddress()) ? ""
                : " (" + address.getAddress().getHostAddress() + ")") + " port " + endpoint.port();
        try {
            plain.connect(address, millis(connectTimeout));
        } catch (SocketTimeoutException e) {
            throw new ProbeFailure("timed out: no connection to " + where + " within " + words(connectTimeout)
                    + " (a firewall dropping packets?)");
        } catch (ConnectException e) {
            throw new ProbeFailure("connection refused by " + where + ": nothing listens there (" + e.getMessage() + ")");
        } catch (NoRouteToHostException e) {
            throw new ProbeFailure("no route to " + where + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ProbeFailure("cannot connect to " + where + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> chain(Certificate[] presented) throws ProbeFailure {
        if (presented.length == 0 || !Arrays.stream(presented).allMatch(X509Certificate.class::isInstance)) {
            throw new ProbeFailure("the server presented no X.509 certificate");
        }
        return Arrays.stream(presented).map(X509Certificate.class::cast).toList();
    }

    private static String tlsHint(SSLHandshakeException e) {
        var message = String.valueOf(e.getMessage());
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return " (the server may offer only TLS 1.0 or 1.1, which this Java runtime refuses)";
        }
        if (message.contains("Remote host terminated")) {
            return " (the server closed the connection: no certificate bound for this name or address?)";
        }
        return "";
    }

    /** This host's name for EHLO, or {@code localhost} when it cannot be found. */
    static String localName() {
        try {
            var name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c > '~') ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A duration for messages: {@code 500 ms}, {@code 2 s}. */
    static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + duration);
        }
        return duration;
    }

    private static int millis(Duration duration) {
        return (int) duration.toMillis();
    }
}
