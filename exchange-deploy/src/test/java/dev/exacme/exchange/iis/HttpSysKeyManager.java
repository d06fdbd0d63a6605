package dev.exacme.exchange.iis;

import dev.exacme.store.CertificateBundle;
import dev.exacme.store.Thumbprint;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * http.sys's choice of certificate for a real TLS socket, read from a {@link FakeIisShell}'s
 * bindings at each handshake: the SNI binding {@code !port!name} for the name a client asks
 * for, else the binding of the address and port ({@code 0.0.0.0!port}); no certificate (a
 * failed handshake) when neither exists. A deployment that changed the fake's bindings is so
 * seen, or not, on the wire.
 */
public final class HttpSysKeyManager extends X509ExtendedKeyManager {

    private final FakeIisShell iis;
    private final Map<Thumbprint, CertificateBundle> certificates = new LinkedHashMap<>();
    private volatile int port;

    /** http.sys for {@code iis}, able to serve {@code known}; {@link #listenOn} says the port it answers for. */
    public HttpSysKeyManager(FakeIisShell iis, CertificateBundle... known) {
        this.iis = iis;
        for (var bundle : known) {
            certificates.put(bundle.thumbprint(), bundle);
        }
    }

    /** The port whose SSL bindings this socket serves. */
    public void listenOn(int listening) {
        this.port = listening;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, ((SSLSocket) socket).getHandshakeSession());
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine.getHandshakeSession());
    }

    private String choose(String keyType, SSLSession handshake) {
        Optional<String> name = Optional.empty();
        if (handshake instanceof ExtendedSSLSession extended) {
            name = extended.getRequestedServerNames().stream().filter(SNIHostName.class::isInstance)
                    .map(requested -> ((SNIHostName) requested).getAsciiName()).findFirst();
        }
        var served = name.flatMap(host -> iis.served("!" + port + "!" + host))
                .or(() -> iis.served("0.0.0.0!" + port));
        return served.filter(certificates::containsKey)
                .filter(thumbprint -> certificates.get(thumbprint).key().getAlgorithm().equals(keyType))
                .map(Thumbprint::hex).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return certificates.values().stream().filter(bundle -> bundle.key().getAlgorithm().equals(keyType))
                .map(bundle -> bundle.thumbprint().hex()).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        var bundle = certificates.get(Thumbprint.parse(alias));
        return bundle == null ? null : bundle.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        var bundle = certificates.get(Thumbprint.parse(alias));
        return bundle == null ? null : bundle.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
