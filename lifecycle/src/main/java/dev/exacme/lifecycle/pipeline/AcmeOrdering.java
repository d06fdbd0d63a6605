package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.order.CertificateRequest;
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
import java.util.Optional;

/** Orders from the CA of the specification, with acme4j, through the run's network. */
public final class AcmeOrdering implements Ordering {

    private final RunContext run;

    /** Ordering for one run. */
    public AcmeOrdering(RunContext run) {
        this.run = run;
    }

    @Override
    public Ordered order(CertificateSpec spec, Optional<X509Certificate> replaces, Progress progress)
            throws AcmeFailure, IOException {
        var run = this.run.withProgress(progress);
        var request = new CertificateRequest(CertificateRequest.parseNames(spec.identifiers()), spec.key().keyType(),
                reusableKey(spec), Optional.ofNullable(spec.ca().profile()),
                Optional.ofNullable(spec.ca().preferredChain()), replaces);
        var session = CaSession.open(spec.ca(), run);
        try (var solver = session.solver(spec); var cleanup = new SolverCleanup(solver, run.progress())) {
            var login = session.login();
            var poller = new Poller(PollingPolicy.DEFAULT.withTimeout(spec.timeout()), run.progress());
            var issued = new OrderFlow(session.connection(), poller, run.progress()).issue(login, request, solver);
            return new Ordered(issued, login);
        }
    }

    @Override
    public Optional<RenewalWindow> renewalWindow(CertificateSpec spec, X509Certificate certificate,
                                                 Progress progress) throws AcmeFailure, IOException {
        return CaSession.open(spec.ca(), run.withProgress(progress)).renewalWindow(certificate);
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
