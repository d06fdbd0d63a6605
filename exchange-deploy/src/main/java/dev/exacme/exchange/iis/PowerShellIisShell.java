package dev.exacme.exchange.iis;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;
import java.util.List;

/**
 * {@link IisShell} through Windows PowerShell 5.1 and the WebAdministration module: each method
 * one short script whose output is selected into plain values before it becomes JSON. The
 * Exchange shell runs IIS's part through this class, so these scripts exist once. Not yet run
 * on Windows.
 */
public final class PowerShellIisShell implements IisShell {

    private final PowerShellRunner runner;

    /** A shell running scripts with {@code runner}. */
    public PowerShellIisShell(PowerShellRunner runner) {
        this.runner = runner;
    }

    /** What every IIS script starts with: loading WebAdministration, which the {@code IIS:} drive comes from. */
    public static PowerShellScript prelude() {
        return PowerShellScript.builder().line("Import-Module WebAdministration").build();
    }

    /** The scripts, separate from running them so that tests can read them. */
    static final class Scripts {

        private static PowerShellScript.Builder iis() {
            return PowerShellScript.builder().append(prelude());
        }

        PowerShellScript sites() {
            return iis().line("@(Get-Website | ForEach-Object { \"$($_.Name)\" })").build();
        }

        PowerShellScript webBindings() {
            return iis().line("Get-WebBinding -Protocol https | Select-Object protocol, bindingInformation, sslFlags,"
                    + " certificateHash, certificateStoreName, ItemXPath").build();
        }

        PowerShellScript sslBindings() {
            return iis().line("@(Get-ChildItem -Path 'IIS:\\SslBindings' | ForEach-Object { \"$($_.PSChildName)\" })")
                    .build();
        }

        /**
         * http.sys keeps one SSL binding per address and port (or per host with SNI), which is
         * what carries the certificate: replaced as a whole, as IIS Manager does.
         */
        PowerShellScript bind(WebBinding binding, Thumbprint thumbprint) {
            return iis().append(sslBinding(binding, thumbprint)).build();
        }

        private static PowerShellScript sslBinding(WebBinding binding, Thumbprint thumbprint) {
            return PowerShellScript.builder()
                    .line("$exacmePath = 'IIS:\\SslBindings\\' + {}", binding.sslBinding())
                    .line("$exacmeCertificate = Get-Item -Path ('Cert:\\LocalMachine\\' + {} + '\\' + {})",
                            binding.store(), thumbprint)
                    .line("if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }")
                    .line("$exacmeCertificate | New-Item -Path $exacmePath -SslFlags {} | Out-Null", binding.sni() ? 1 : 0)
                    .build();
        }

        PowerShellScript create(WebBinding binding, Thumbprint thumbprint) {
            return PowerShellScript.builder().append(iis().line("New-WebBinding -Name {} -Protocol https -IPAddress {}"
                            + " -Port {} -HostHeader {} -SslFlags {}", binding.site(), binding.address(), binding.port(),
                    binding.host(), binding.sni() ? 1 : 0).build()).append(sslBinding(binding, thumbprint)).build();
        }

        PowerShellScript delete(WebBinding binding) {
            // Run also after a creation that failed half-way: what is not there is not removed.
            return iis().line("if (Get-WebBinding -Name {} -Protocol https -IPAddress {} -Port {} -HostHeader {}) {"
                            + " Remove-WebBinding -Name {} -Protocol https -IPAddress {} -Port {} -HostHeader {} }",
                            binding.site(), binding.address(), binding.port(), binding.host(), binding.site(),
                            binding.address(), binding.port(), binding.host())
                    .line("$exacmePath = 'IIS:\\SslBindings\\' + {}", binding.sslBinding())
                    .line("if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }").build();
        }
    }

    @Override
    public List<String> sites() throws PowerShellFailure {
        return PowerShellJson.strings(runner.run(new Scripts().sites()));
    }

    @Override
    public List<WebBinding> webBindings() throws PowerShellFailure {
        return PowerShellJson.list(runner.run(new Scripts().webBindings())).stream().map(WebBinding::fromJson)
                .toList();
    }

    @Override
    public List<String> sslBindings() throws PowerShellFailure {
        return PowerShellJson.strings(runner.run(new Scripts().sslBindings()));
    }

    @Override
    public void bind(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        runner.run(new Scripts().bind(binding, thumbprint));
    }

    @Override
    public void create(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        runner.run(new Scripts().create(binding, thumbprint));
    }

    @Override
    public void delete(WebBinding binding) throws PowerShellFailure {
        runner.run(new Scripts().delete(binding));
    }
}
