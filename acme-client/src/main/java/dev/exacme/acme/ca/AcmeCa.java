package dev.exacme.acme.ca;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import dev.exacme.acme.network.OutboundNetwork;
import java.net.URI;
import java.net.http.HttpClient;
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

    private final CaServer server;
    private final Session session;

    private AcmeCa(CaServer server, Session session) {
        this.server = server;
        this.session = session;
    }

    /** Prepares a session that reaches the CA as {@code network} says; nothing is sent yet. */
    public static AcmeCa connect(CaServer server, OutboundNetwork network) {
        var session = new Session(server.directory(), new RunProvider(network));
        session.networkSettings().setTimeout(network.requestTimeout());
        // acme4j would decode a gzip body without bound: a 1 MiB answer could become gigabytes.
        // ACME answers are small; uncompressed, the client's size limit is the real size.
        session.networkSettings().setCompressionEnabled(false);
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
     * acme4j's generic provider with exacme's HTTP client (proxy, timeouts, trust), reading
     * the directory once per session.
     */
    private static final class RunProvider extends GenericAcmeProvider {
        private final OutboundNetwork network;

        RunProvider(OutboundNetwork network) {
            this.network = network;
        }

        @Override
        public JSON directory(Session session, URI serverUri) throws AcmeException {
            // Let's Encrypt and Pebble serve the directory with max-age=0, so acme4j would
            // fetch it again before every request that needs a resource URL: three extra
            // round trips per certificate. A session lives for one short run; once is enough.
            if (session.hasDirectory()) {
                return null;
            }
            var directory = DirectoryCheck.read(serverUri, () -> super.directory(session, serverUri));
            DirectoryCheck.requireAcmeResources(serverUri, directory);
            return directory;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            // acme4j's own proxy settings stay unused: the network configuration decides.
            // The network's client bounds every exchange in time and size (directory, problem
            // documents, orders, certificate chains: 1 MiB each, the request timeout in all).
            return network.httpClient().followRedirects(HttpClient.Redirect.NORMAL).build();
        }
    }
}
