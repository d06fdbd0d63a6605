package dev.exacme.acme.ca;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * A connection to one ACME CA: the acme4j {@link Session} with exacme's trust settings,
 * and the CA's directory metadata.
 */
public final class AcmeCa {

    /** Network timeout for a single request unless told otherwise. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final CaServer server;
    private final Session session;

    private AcmeCa(CaServer server, Session session) {
        this.server = server;
        this.session = session;
    }

    /**
     * Prepares a session; nothing is sent until the first request.
     *
     * @param requestTimeout the limit for connecting and for each single request
     */
    public static AcmeCa connect(CaServer server, TrustedCertificates trust, Duration requestTimeout) {
        var provider = new RunProvider(trust);
        var session = new Session(server.directory(), provider);
        session.networkSettings().setTimeout(requestTimeout);
        return new AcmeCa(server, session);
    }

    public CaServer server() {
        return server;
    }

    /** The acme4j session, for the account and order code of this module. */
    public Session session() {
        return session;
    }

    /** The CA's directory metadata (terms of service, EAB requirement, profiles). */
    public Metadata metadata() throws AcmeFailure {
        return CaCall.attempt("reading the CA's directory", server, session::getMetadata);
    }

    /**
     * acme4j's generic provider with our SSL context instead of the runtime's, reading the
     * directory once per session.
     */
    private static final class RunProvider extends GenericAcmeProvider {
        private final TrustedCertificates trust;

        RunProvider(TrustedCertificates trust) {
            this.trust = trust;
        }

        @Override
        public JSON directory(Session session, URI serverUri) throws AcmeException {
            // Let's Encrypt and Pebble serve the directory with max-age=0, so acme4j would
            // fetch it again before every request that needs a resource URL: three extra
            // round trips per certificate. A session lives for one short run; once is enough.
            return session.hasDirectory() ? null : super.directory(session, serverUri);
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            var builder = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.getTimeout())
                    .proxy(settings.getProxySelector())
                    .sslContext(trust.sslContext());
            if (settings.getAuthenticator() != null) {
                builder.authenticator(settings.getAuthenticator());
            }
            return builder.build();
        }
    }
}
