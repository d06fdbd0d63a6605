package dev.exacme.exchange.verify;

import dev.exacme.store.CertificateBundle;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager that picks its certificate by the SNI name the client asked for, as
 * IIS does with SNI bindings next to a {@code 0.0.0.0:443} binding.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {

    private static final String WITHOUT_SNI = "without-sni";

    private final Map<String, CertificateBundle> bundles = new LinkedHashMap<>();
    private final List<Optional<String>> requested = new CopyOnWriteArrayList<>();

    /**
     * @param bySni      certificates for requested server names
     * @param withoutSni the certificate for clients that send no SNI or an unknown name
     */
    public SniKeyManager(Map<String, CertificateBundle> bySni, CertificateBundle withoutSni) {
        bySni.forEach((name, bundle) -> bundles.put("sni:" + name, bundle));
        bundles.put(WITHOUT_SNI, withoutSni);
    }

    /** A server with one certificate for everyone. */
    public static SniKeyManager single(CertificateBundle bundle) {
        return new SniKeyManager(Map.of(), bundle);
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
        var alias = WITHOUT_SNI;
        Optional<String> sni = Optional.empty();
        if (handshake instanceof ExtendedSSLSession extended) {
            for (var name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    sni = Optional.of(host.getAsciiName());
                    if (bundles.containsKey("sni:" + host.getAsciiName())) {
                        alias = "sni:" + host.getAsciiName();
                    }
                }
            }
        }
        requested.add(sni);
        return bundles.get(alias).key().getAlgorithm().equals(keyType) ? alias : null;
    }

    /**
     * The SNI host name of every certificate choice so far (a handshake may ask several
     * times, once per key type), empty where the client sent no SNI; then forgets them.
     */
    List<Optional<String>> takeRequestedNames() {
        var names = List.copyOf(requested);
        requested.clear();
        return names;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return bundles.entrySet().stream().filter(entry -> entry.getValue().key().getAlgorithm().equals(keyType))
                .map(Map.Entry::getKey).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        var bundle = bundles.get(alias);
        return bundle == null ? null : bundle.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        var bundle = bundles.get(alias);
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
