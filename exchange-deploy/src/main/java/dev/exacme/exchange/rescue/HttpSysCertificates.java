package dev.exacme.exchange.rescue;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;

/**
 * The certificate of an http.sys SSL binding set without IIS's PowerShell module, for when
 * WebAdministration itself does not load: {@code netsh http add|update sslcert}.
 */
@FunctionalInterface
public interface HttpSysCertificates {

    /** Binds {@code ipPort} ({@code 0.0.0.0:444}) to a certificate of {@code LocalMachine\My} for IIS. */
    void bind(String ipPort, Thumbprint thumbprint) throws PowerShellFailure;
}
