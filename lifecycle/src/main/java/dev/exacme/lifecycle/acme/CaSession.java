package dev.exacme.lifecycle.acme;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.network.TrustedCertificates;
import dev.exacme.acme.renewal.RenewalInformation;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.acme.revocation.Revocation;
import dev.exacme.acme.revocation.RevocationReason;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.lifecycle.network.ResolvedNetwork;
import dev.exacme.lifecycle.run.RunContext;
import dev.exacme.lifecycle.spec.CaSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A conversation with the CA of one specification: the network resolved with its trusted
 * roots, the account of the state directory (registered first if there is none), renewal
 * information and revocation. Nothing is sent until a method needs it.
 */
public final class CaSession {

    private final CaSpec spec;
    private final RunContext run;
    private final ResolvedNetwork network;
    private final AcmeCa connection;
    private AccountLogin login;

    private CaSession(CaSpec spec, RunContext run, ResolvedNetwork network, AcmeCa connection) {
        this.spec = spec;
        this.run = run;
        this.network = network;
        this.connection = connection;
    }

    /** A session with the CA {@code spec} names, through the run's network. */
    public static CaSession open(CaSpec spec, RunContext run) throws InvalidRequest, IOException {
        var network = run.network().resolve(trust(spec));
        run.progress().networkRoute(network.route());
        return new CaSession(spec, run, network, AcmeCa.connect(spec.server(), network.network()));
    }

    /** The extra roots of the specification plus the runtime's. */
    public static TrustedCertificates trust(CaSpec spec) throws InvalidRequest {
        return spec.trust().isEmpty() ? TrustedCertificates.systemDefault()
                : TrustedCertificates.withPemFiles(spec.trust().stream().map(Path::of).toList());
    }

    /** The network of this session (also for the DNS provider's API). */
    public ResolvedNetwork network() {
        return network;
    }

    /** The connection to the CA. */
    public AcmeCa connection() {
        return connection;
    }

    /** The account, logged in (registered first when the state directory has none for this CA). */
    public AccountLogin login() throws AcmeFailure, IOException {
        if (login == null) {
            // The account key is a secret: read only from a state directory others cannot read.
            run.secrets().requireProtected();
            login = new Accounts(connection, ConfigDirectory.accountStore(run.configDirectory()), run.progress())
                    .login(spec.account().settings(run.secrets(), run.environment()));
        }
        return login;
    }

    /** Whether {@link #login()} has succeeded: only then does the session hold the account. */
    public boolean loggedIn() {
        return login != null;
    }

    /**
     * The solver of the specification's challenge for one order of {@code run} (whose progress it
     * reports to; a session serves the orders of several certificates); closing it withdraws its answers.
     */
    public dev.exacme.acme.challenge.ChallengeSolver solver(dev.exacme.lifecycle.spec.CertificateSpec spec,
                                                            RunContext run) throws AcmeFailure, IOException {
        return Challenges.solver(spec, this, run);
    }

    /** The CA's renewal window for {@code certificate}, when its directory offers renewal information. */
    public Optional<RenewalWindow> renewalWindow(X509Certificate certificate) throws AcmeFailure, IOException {
        return new RenewalInformation(connection).window(login(), certificate);
    }

    /** Revokes {@code certificate} with this account. */
    public void revoke(X509Certificate certificate, RevocationReason reason) throws AcmeFailure, IOException {
        new Revocation(connection).revoke(login(), certificate, reason);
    }
}
