package dev.exacme.lifecycle.deploy.iis;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.iis.PowerShellIisShell;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.StoreException;
import dev.exacme.store.windows.HttpSysBindings;
import java.util.Locale;
import java.util.Optional;

/**
 * IIS through Windows PowerShell 5.1's WebAdministration module and the machine store, as on an
 * RD Gateway, an ADFS proxy or an intranet server without Exchange; not yet run on Windows.
 */
public final class WindowsIisAccess implements IisAccess {


    @Override
    public IisShell shell(DeploymentSpec.Iis settings) throws InvalidRequest {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new InvalidRequest("--deploy iis binds IIS sites through Windows PowerShell 5.1 and the Windows"
                    + " machine store: run it on the IIS server (not yet run on Windows).");
        }
        return new PowerShellIisShell(PowerShellRunner.windowsPowerShell(settings.powershellTimeout()));
    }

    @Override
    public CertificateStore store() {
        return dev.exacme.lifecycle.deploy.ThisComputer.machineStore();
    }

    @Override
    public ServedCertificateCheck servedCheck() {
        return dev.exacme.lifecycle.deploy.ThisComputer.wireCheck();
    }

    @Override
    public CertificateUsage otherUses() throws StoreException {
        var httpSys = HttpSysBindings.fromRegistry();
        // Exchange's SMTP, IMAP and POP take certificates from the store without http.sys; this
        // target loads no Exchange shell to ask, so it keeps every certificate where Exchange is.
        var exchange = System.getenv("ExchangeInstallPath");
        return thumbprint -> httpSys.usedBy(thumbprint).or(() -> exchange == null || exchange.isBlank()
                ? Optional.empty()
                : Optional.of("Exchange, installed on this computer, whose services the iis target does not read"
                        + " (--deploy exchange cleans up after Exchange)"));
    }
}
