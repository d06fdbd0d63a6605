package dev.exacme.acme.renewal;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.shredzone.acme4j.connector.Resource;

/** Asks a CA for its renewal window of a certificate (RFC 9773), when its directory offers that. */
public final class RenewalInformation {

    private final AcmeCa ca;

    /** Renewal information from {@code ca}. */
    public RenewalInformation(AcmeCa ca) {
        this.ca = ca;
    }

    /** The CA's window for {@code certificate}, or empty when the CA offers no renewal information. */
    public Optional<RenewalWindow> window(AccountLogin account, X509Certificate certificate) throws AcmeFailure {
        var offered = CaCall.attempt("reading the directory", ca.server(),
                () -> ca.session().resourceUrlOptional(Resource.RENEWAL_INFO)).isPresent();
        if (!offered) {
            return Optional.empty();
        }
        var info = CaCall.attempt("binding the renewal information", ca.server(),
                () -> account.login().bindRenewalInfo(certificate));
        var retryAfter = CaCall.attempt("fetching the renewal information", ca.server(), info::fetch);
        return Optional.of(new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(), retryAfter,
                info.getExplanation().map(Object::toString)));
    }
}
