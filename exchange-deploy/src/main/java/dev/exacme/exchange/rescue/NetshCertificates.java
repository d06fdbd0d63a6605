package dev.exacme.exchange.rescue;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;

/** {@link HttpSysCertificates} through {@code netsh http}, run from PowerShell for its error handling. Not yet run on Windows. */
public final class NetshCertificates implements HttpSysCertificates {

    /** The application id IIS registers its SSL bindings with. */
    static final String IIS_APP_ID = "{4dc3e181-e14b-4a21-b022-59fc669b0914}";

    private final PowerShellRunner runner;

    /** Runs netsh through {@code runner}. */
    public NetshCertificates(PowerShellRunner runner) {
        this.runner = runner;
    }

    static PowerShellScript script(String ipPort, Thumbprint thumbprint) {
        if (!ipPort.matches("[0-9.]+:\\d{1,5}")) {
            throw new IllegalArgumentException("not an IPv4 address and port: " + ipPort);
        }
        return PowerShellScript.builder()
                .line("$exacmeIpPort = 'ipport=' + {}", ipPort)
                .line("$exacmeHash = 'certhash=' + {}", thumbprint)
                .line("$exacmeApp = 'appid=' + {}", IIS_APP_ID)
                .line("netsh http show sslcert $exacmeIpPort | Out-Null")
                .line("$exacmeVerb = if ($LASTEXITCODE -eq 0) { 'update' } else { 'add' }")
                .line("$exacmeOutput = netsh http $exacmeVerb sslcert $exacmeIpPort $exacmeHash $exacmeApp"
                        + " 'certstorename=MY'")
                .line("if ($LASTEXITCODE -ne 0) { throw ('netsh http ' + $exacmeVerb + ' sslcert failed: ' + ($exacmeOutput"
                        + " -join ' ')) }")
                .build();
    }

    @Override
    public void bind(String ipPort, Thumbprint thumbprint) throws PowerShellFailure {
        runner.run(script(ipPort, thumbprint));
    }
}
