package dev.exacme.lifecycle.deploy.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.deploy.PowerShellExchangeShell;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.store.CertificateStore;
import java.net.URI;
import java.util.Locale;

/** Exchange through Windows PowerShell 5.1 and the machine store; not yet run on Windows. */
public final class WindowsExchangeAccess implements ExchangeAccess {


    /**
     * Refuses to go on where Windows PowerShell 5.1 and the machine store do not exist.
     *
     * @param command what was asked, for the message
     */
    public static void requireWindows(String command) throws InvalidRequest {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new InvalidRequest(command + " talks to Exchange and IIS through Windows PowerShell 5.1 and the"
                    + " Windows machine store: run it on the Exchange server (not yet run on Windows).");
        }
    }

    @Override
    public ExchangeShell shell(DeploymentSpec.Exchange spec) throws InvalidRequest {
        var runner = PowerShellRunner.windowsPowerShell(spec.powershellTimeout());
        // This computer's Exchange: the Management Shell, or the snap-in when it does not load (the plan says which).
        return spec.uri() == null ? PowerShellExchangeShell.local(runner)
                : new PowerShellExchangeShell(runner, new ExchangeSession.Remote(URI.create(spec.uri())));
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
    public String localServer() {
        var name = System.getenv("COMPUTERNAME");
        return name == null || name.isBlank() ? "localhost" : name;
    }
}
