package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.CertificateKey;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.DomainName;
import dev.exacme.acme.order.OrderFlow;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.polling.PollingPolicy;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.acme.CaSession;
import dev.exacme.lifecycle.acme.SolverCleanup;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.CertificateSpec;
import dev.exacme.lifecycle.spec.StoreSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Orders from the CA of the specification, with acme4j, through the run's network. */
public final class AcmeOrdering implements Ordering {

    private final RunContext run;

    /**
     * Sessions idle between orders and renewal-information look-ups, by CA directory and trusted
     * roots: a run for many certificates reads the directory and logs in once per session, not once
     * per certificate, and holds no more sessions than orders and look-ups ran at the same time, plus
     * those dropped after a network or protocol failure (each session keeps an HTTP client with its
     * threads, which the serial collector rarely frees: one session per order made a forced renewal
     * of 1000 certificates grow to 630 MiB, bench/README.md). One session serves one order or look-up at a time (acme4j holds a
     * session's nonce lock for every request).
     */
    private final Map<List<String>, Queue<CaSession>> idle = new ConcurrentHashMap<>();

    /** Ordering for one run. */
    public AcmeOrdering(RunContext run) {
        this.run = run;
    }

    @Override
    public Ordered order(CertificateSpec spec, Optional<X509Certificate> replaces, Progress progress)
            throws AcmeFailure, IOException {
        var run = this.run.withProgress(progress);
        var names = CertificateRequest.parseNames(spec.identifiers());
        var reused = reusableKey(spec);
        // Started before anything is sent: a new key is generated while the session connects and logs in,
        // and stopped when the order fails first.
        try (var key = CertificateKey.start(spec.key().keyType(), reused)) {
            var session = borrow(spec, run);
            var healthy = false;
            try {
                var ordered = order(session, spec, names, reused, key, replaces, run);
                healthy = true;
                return ordered;
            } catch (CaRefused | InvalidRequest refused) {
                // The CA answered (it refused this order) or the order was refused before anything was sent:
                // the session is as good as before.
                healthy = session.loggedIn();
                throw refused;
            } finally {
                if (healthy) {
                    giveBack(spec, session);
                }
            }
        }
    }

    /** One order on {@code session}; the solver is closed and its answers withdrawn before it returns. */
    private static Ordered order(CaSession session, CertificateSpec spec, List<DomainName> names,
                                 Optional<KeyPair> reused, CertificateKey key, Optional<X509Certificate> replaces,
                                 RunContext run) throws AcmeFailure, IOException {
        var profile = ProfileDefault.choose(spec, ProfileDefault.needsOffer(spec)
                ? session.connection().metadata().getProfiles() : Set.of());
        profile.said().ifPresent(run.progress()::line);
        var request = new CertificateRequest(names, spec.key().keyType(), reused, profile.profile(),
                Optional.ofNullable(spec.ca().preferredChain()), replaces);
        try (var solver = session.solver(spec, run); var cleanup = new SolverCleanup(solver, run.progress())) {
            var login = session.login();
            var poller = new Poller(PollingPolicy.DEFAULT.withTimeout(spec.timeout()), run.progress());
            var issued = new OrderFlow(session.connection(), poller, run.progress()).issue(login, request, solver, key);
            return new Ordered(issued, login, profile.defaulted() ? profile.profile() : Optional.empty());
        }
    }

    @Override
    public Optional<RenewalWindow> renewalWindow(CertificateSpec spec, X509Certificate certificate,
                                                 Progress progress) throws AcmeFailure, IOException {
        var session = borrow(spec, run.withProgress(progress));
        var window = session.renewalWindow(certificate);
        giveBack(spec, session);
        return window;
    }

    /** An idle session with the specification's CA, or a new one. */
    private CaSession borrow(CertificateSpec spec, RunContext run) throws InvalidRequest, IOException {
        var session = sessions(spec).poll();
        return session != null ? session : CaSession.open(spec.ca(), run);
    }

    /**
     * Makes {@code session} available to the next order or look-up: after success, and after an order
     * the CA refused. A session that failed otherwise (the network, the CA's protocol, a login that
     * never happened) is dropped, so the next one starts afresh, as this one did.
     */
    private void giveBack(CertificateSpec spec, CaSession session) {
        sessions(spec).add(session);
    }

    private Queue<CaSession> sessions(CertificateSpec spec) {
        // The directory and the roots decide where and how the session connects; the account is the state
        // directory's one for that CA whatever the specification's contacts (they matter only to register).
        var key = new ArrayList<String>(spec.ca().trust());
        key.add(0, spec.ca().directory());
        return idle.computeIfAbsent(List.copyOf(key), unused -> new ConcurrentLinkedQueue<>());
    }

    /** The PEM store's current key for {@code --reuse-key}, when there is one. */
    private static Optional<KeyPair> reusableKey(CertificateSpec spec) throws InvalidRequest {
        if (!spec.key().reuse() || !(spec.store() instanceof StoreSpec.Pem pem)) {
            return Optional.empty();
        }
        var key = Path.of(pem.directory()).resolve("key.pem");
        if (!Files.exists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PemFormat.readKeyPair(Files.readString(key)));
        } catch (IOException e) {
            throw new InvalidRequest("--reuse-key: " + key + " is not a readable private key (" + e.getMessage()
                    + "); remove --reuse-key to generate a new one.");
        }
    }
}
