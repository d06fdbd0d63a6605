package dev.exacme.lifecycle.deploy.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.store.CertificateStore;

/**
 * What the Exchange target needs of the machine: the Exchange and IIS shell, the store the
 * certificate is in, and the check on the wire. {@link WindowsExchangeAccess} is the real one
 * (not yet run on Windows); tests give a fake shell and real TLS sockets.
 */
public interface ExchangeAccess {

    /** The shell to Exchange and IIS for these settings. */
    ExchangeShell shell(DeploymentSpec.Exchange spec) throws InvalidRequest;

    /** The store the deployed certificates are in ({@code LocalMachine\My}). */
    CertificateStore store();

    /** Checks what each endpoint serves. */
    ServedCertificateCheck servedCheck();

    /** This computer's name, the first server when none is named. */
    String localServer();
}
