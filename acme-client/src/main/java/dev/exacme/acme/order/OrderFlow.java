package dev.exacme.acme.order;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import dev.exacme.acme.failure.CaRefused;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.failure.ProblemReport;
import dev.exacme.acme.keys.CertificateKey;
import dev.exacme.acme.challenge.ChallengeSolver;
import dev.exacme.acme.polling.Poller;
import dev.exacme.acme.progress.ProgressEvent;
import dev.exacme.acme.progress.ProgressListener;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.challenge.Challenge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ACME order, from new-order to the downloaded chain:
 *
 * <ol>
 *   <li>check the request (names, key type, profile) before anything reaches the CA;</li>
 *   <li>create the order;</li>
 *   <li>prepare the answer for every pending authorization (HTTP-01 token, DNS-01 TXT
 *       record), wait until they are all visible, then ask the CA to validate them all at
 *       once;</li>
 *   <li>wait for each authorization; remove the answers (a failed clean-up is reported,
 *       never fatal);</li>
 *   <li>wait for the order to be ready, send the CSR, wait for issuance;</li>
 *   <li>download the chain, preferring the alternate chain asked for.</li>
 * </ol>
 */
public final class OrderFlow {

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);

    private final AcmeCa ca;
    private final Poller poller;
    private final ProgressListener progress;

    public OrderFlow(AcmeCa ca, Poller poller, ProgressListener progress) {
        this.ca = ca;
        this.poller = poller;
        this.progress = progress;
    }

    /**
     * Runs the order. The solver is closed before this method returns, whatever happens.
     *
     * @throws AcmeFailure the typed reason it did not work
     * @throws IOException if the solver could not put an answer in place
     */
    public IssuedCertificate issue(AccountLogin account, CertificateRequest request, ChallengeSolver solver)
            throws AcmeFailure, IOException {
        CertificateKey key;
        try {
            key = CertificateKey.start(request.keyType(), request.reuseKey());
        } catch (InvalidRequest e) {
            cleanUp(solver);
            throw e;
        }
        try (key) {
            return issue(account, request, solver, key);
        }
    }

    /**
     * Runs the order for {@code key}, which the caller started before logging in (so that a new key
     * is generated meanwhile) from the request's key type and key to reuse.
     *
     * @throws AcmeFailure the typed reason it did not work
     * @throws IOException if the solver could not put an answer in place
     */
    public IssuedCertificate issue(AccountLogin account, CertificateRequest request, ChallengeSolver solver,
                                   CertificateKey key) throws AcmeFailure, IOException {
        try {
            solver.check(request.names());
            var keyType = key.type();
            checkProfile(request);

            progress.on(new ProgressEvent.CreatingOrder(request.names().size()));
            var builder = account.login().newOrder()
                    .domains(request.names().stream().map(DomainName::ascii).toList());
            request.profile().ifPresent(builder::profile);
            if (request.replaces().isPresent() && renewalInformationOffered()) {
                builder.replaces(request.replaces().get());
            }
            var order = CaCall.attempt("creating the order", ca.server(), builder::create);
            progress.on(new ProgressEvent.OrderCreated(order.getLocation()));

            authorize(order, solver);
            cleanUp(solver);

            var ready = poller.await(order, "the order to become ready", Set.of(Status.READY));
            if (ready != Status.READY) {
                throw orderFailure(order, "The order did not become ready (status " + label(ready) + ")");
            }

            var keyPair = key.await();
            var csr = SigningRequest.der(request.names(), keyPair, keyType.signatureAlgorithm());
            progress.on(new ProgressEvent.Finalizing());
            CaCall.run("finalizing the order", order.getLocation(), () -> order.execute(csr));
            var issued = poller.await(order, "the CA to issue the certificate", Set.of());
            if (issued != Status.VALID) {
                throw orderFailure(order, "The CA did not issue the certificate (order status " + label(issued) + ")");
            }

            progress.on(new ProgressEvent.Downloading());
            var certificate = order.getCertificate();
            CaCall.run("downloading the certificate", certificate.getLocation(), certificate::download);
            var offered = offered(certificate, request.preferredChain().isPresent());
            var index = choose(offered, request.preferredChain());
            var chain = offered.chains().get(index);
            var others = new ArrayList<>(offered.chains());
            others.remove(index);
            return new IssuedCertificate(chain, keyPair, request.names(), order.getLocation(),
                    offered.candidates().get(index).getLocation(), CrossSigned.named(chain, others));
        } finally {
            cleanUp(solver);
        }
    }

    private void cleanUp(ChallengeSolver solver) {
        try {
            solver.close();
        } catch (IOException e) {
            progress.on(new ProgressEvent.Notice("Could not remove every challenge answer ("
                    + solver.describe() + "): " + e.getMessage() + ". The certificate is not affected; remove them "
                    + "by hand."));
        }
    }

    /** Whether the CA's directory offers ARI; only then may an order name the certificate it replaces. */
    private boolean renewalInformationOffered() throws AcmeFailure {
        return CaCall.attempt("reading the directory", ca.server(),
                () -> ca.session().resourceUrlOptional(org.shredzone.acme4j.connector.Resource.RENEWAL_INFO))
                .isPresent();
    }

    private void checkProfile(CertificateRequest request) throws AcmeFailure {
        if (request.profile().isEmpty()) {
            return;
        }
        var profile = request.profile().get();
        var metadata = ca.metadata();
        if (!metadata.isProfileAllowed(profile)) {
            var offered = metadata.getProfiles();
            throw new InvalidRequest("The CA " + ca.server() + " does not offer the profile '" + profile + "'; "
                    + (offered.isEmpty() ? "it offers no profiles at all, so leave out --profile."
                        : "it offers: " + offered.stream().sorted().collect(Collectors.joining(", ")) + "."));
        }
    }

    private void authorize(Order order, ChallengeSolver solver) throws AcmeFailure, IOException {
        var authorizations = CaCall.attempt("reading the order's authorizations", order.getLocation(),
                order::getAuthorizations);
        var pending = new ArrayList<Pending>();
        for (var authorization : authorizations) {
            var name = CaCall.attempt("reading an authorization", authorization.getLocation(),
                    () -> (authorization.isWildcard() ? "*." : "") + authorization.getIdentifier().getDomain());
            var status = authorization.getStatus();
            if (status == Status.VALID) {
                progress.on(new ProgressEvent.AuthorizationReused(name));
                continue;
            }
            if (status != Status.PENDING) {
                throw new CaRefused("The CA's authorization for " + name + " is " + label(status)
                        + " before validation started; try again with a new order.",
                        new ProblemReport("authorization" + label(status), "", Optional.of(name), List.of()), null);
            }
            try {
                pending.add(new Pending(name, authorization, solver.prepare(authorization)));
            } catch (AcmeFailure | IOException | RuntimeException e) {
                abandon(authorizations);
                throw e;
            }
        }
        try {
            solver.awaitVisible();
        } catch (AcmeFailure | RuntimeException e) {
            abandon(authorizations);
            throw e;
        }
        for (var item : pending) {
            CaCall.run("asking the CA to validate " + item.name(), item.challenge().getLocation(),
                    item.challenge()::trigger);
            progress.on(new ProgressEvent.Validating(item.name(), solver.type()));
        }
        var failures = new ArrayList<ProblemReport>();
        for (var item : pending) {
            var status = poller.await(item.authorization(), "validation of " + item.name(), Set.of());
            solver.done(item.authorization());
            if (status == Status.VALID) {
                progress.on(new ProgressEvent.Validated(item.name()));
            } else {
                failures.add(challengeProblem(item));
            }
        }
        if (!failures.isEmpty()) {
            var text = failures.stream().map(ProblemReport::describe)
                    .collect(Collectors.joining(System.lineSeparator() + "  ", "  ", ""));
            var problem = failures.size() == 1 ? failures.get(0)
                    : new ProblemReport("validationFailed", failures.size() + " names failed", Optional.empty(), failures);
            throw new CaRefused("The CA could not validate " + failures.size() + " of " + pending.size()
                    + " names through " + solver.type() + " (" + solver.describe() + "):" + System.lineSeparator()
                    + text + System.lineSeparator() + hint(solver.type()), problem, null);
        }
    }

    /**
     * Deactivates the order's pending authorizations when their answers could not be put in
     * place, so that no half-validated order stays behind at the CA; best effort.
     */
    private void abandon(List<Authorization> authorizations) {
        for (var authorization : authorizations) {
            try {
                if (authorization.getStatus() == Status.PENDING) {
                    authorization.deactivate();
                }
            } catch (AcmeException | RuntimeException e) {
                LOG.debug("could not deactivate {}", authorization.getLocation(), e);
            }
        }
    }

    private static String hint(String type) {
        return type.equals("dns-01")
                ? "Check that the TXT records reach the DNS servers the CA asks (the zone's public name servers)."
                : "Make http://NAME/.well-known/acme-challenge/ reach this answer for every name (port 80, no "
                        + "redirect to another host, no authentication).";
    }

    private ProblemReport challengeProblem(Pending item) {
        Optional<Problem> error = Optional.empty();
        try {
            item.challenge().fetch();
            error = item.challenge().getError();
        } catch (Exception e) {
            LOG.debug("could not read the failed challenge of {}", item.name(), e);
        }
        return error.map(CaCall::report)
                .map(report -> report.identifier().isPresent() ? report
                        : new ProblemReport(report.type(), report.detail(), Optional.of(item.name()), report.subproblems()))
                .orElse(new ProblemReport("unauthorized", "validation failed, the CA gave no reason",
                        Optional.of(item.name()), List.of()));
    }

    private CaRefused orderFailure(Order order, String what) {
        var report = order.getError().map(CaCall::report)
                .orElse(new ProblemReport("orderNotReady", "", Optional.empty(), List.of()));
        return new CaRefused(what + " (" + order.getLocation() + "): " + report.describe(), report, null);
    }

    /** The chains the CA offers, the default first, each with its certificate. */
    private record Offered(List<Certificate> candidates, List<List<X509Certificate>> chains) {
    }

    /**
     * The default chain and the alternates. With a preferred chain they must all be read; without
     * one they are read only for their cross-signed certificates, so that a failure is said and
     * the default chain kept.
     */
    private Offered offered(Certificate certificate, boolean required) throws AcmeFailure {
        var candidates = new ArrayList<Certificate>();
        var chains = new ArrayList<List<X509Certificate>>();
        candidates.add(certificate);
        chains.add(certificate.getCertificateChain());
        try {
            var alternates = new ArrayList<Certificate>();
            var alternateChains = new ArrayList<List<X509Certificate>>();
            for (var alternate : CaCall.attempt("reading the alternate chains", certificate.getLocation(),
                    certificate::getAlternateCertificates)) {
                alternateChains.add(CaCall.attempt("downloading an alternate chain", alternate.getLocation(),
                        alternate::getCertificateChain));
                alternates.add(alternate);
            }
            candidates.addAll(alternates);
            chains.addAll(alternateChains);
        } catch (AcmeFailure e) {
            if (required) {
                throw e;
            }
            progress.on(new ProgressEvent.Notice("The CA's alternate chains could not be read (" + e.getMessage()
                    + "); keeping the default chain, without any cross-signed certificate they may hold."));
        }
        return new Offered(candidates, chains);
    }

    /** The index of the chain to use: the preferred one if offered, else the default (0). */
    private int choose(Offered offered, Optional<String> preferred) {
        if (preferred.isEmpty()) {
            return 0;
        }
        var chains = offered.chains();
        var index = ChainPreference.choose(chains, preferred.get());
        if (index.isPresent()) {
            return index.get();
        }
        progress.on(new ProgressEvent.Notice("No chain from the CA has an issuer named '" + preferred.get()
                + "'; keeping the default chain. Offered: " + chains.stream().map(ChainPreference::describe)
                    .collect(Collectors.joining(", ")) + "."));
        return 0;
    }

    private static String label(Status status) {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }

    private record Pending(String name, Authorization authorization, Challenge challenge) {
    }
}
