package dev.exacme.acme.revocation;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.ca.AcmeCa;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.CaCall;
import java.security.cert.X509Certificate;
import org.shredzone.acme4j.Certificate;

/** Revokes a certificate with the account that ordered it. */
public final class Revocation {

    private final AcmeCa ca;

    /** Revocations at {@code ca}. */
    public Revocation(AcmeCa ca) {
        this.ca = ca;
    }

    /** Asks the CA to revoke {@code certificate} for {@code reason}. */
    public void revoke(AccountLogin account, X509Certificate certificate, RevocationReason reason) throws AcmeFailure {
        CaCall.attempt("revoking the certificate", ca.server(), () -> {
            Certificate.revoke(account.login(), certificate, reason.acme());
            return null;
        });
    }
}
