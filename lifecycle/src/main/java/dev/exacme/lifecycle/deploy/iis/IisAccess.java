package dev.exacme.lifecycle.deploy.iis;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.StoreException;

/**
 * What the IIS target needs of the machine: the IIS shell (no Exchange shell is loaded), the
 * store the certificate is in, the check on the wire, and what else may use a certificate
 * before one is removed. {@link WindowsIisAccess} is the real one (not yet run on Windows);
 * tests give a fake shell and real TLS sockets.
 */
public interface IisAccess {

    /** The shell to IIS, each PowerShell step waited for at most the settings' {@code powershellTimeout}. */
    IisShell shell(DeploymentSpec.Iis settings) throws InvalidRequest;

    /** The store the deployed certificates are in ({@code LocalMachine\My}). */
    CertificateStore store();

    /** Checks what each endpoint serves. */
    ServedCertificateCheck servedCheck();

    /**
     * What on this computer, besides the IIS bindings the target reads itself, may still use a
     * certificate: http.sys's SSL bindings (ADFS, an RD Gateway, {@code netsh}), and Exchange's
     * services where Exchange is installed. The clean-up removes nothing this names.
     */
    CertificateUsage otherUses() throws StoreException;
}
