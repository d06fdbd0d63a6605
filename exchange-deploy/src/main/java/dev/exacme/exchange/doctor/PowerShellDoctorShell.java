package dev.exacme.exchange.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;
import java.util.Optional;

/**
 * {@link DoctorShell} through Windows PowerShell 5.1: {@code Get-ExchangeCertificate} with each
 * certificate's {@code RawData} and two chain builds ({@code X509Chain}, without and with online
 * revocation checking, 15 s per URL), {@code Get-AuthConfig}, two registry values and the cloud
 * mail Send connectors. It changes nothing. The chains and the registry are this computer's:
 * run it on the server it examines. Not yet run on Windows.
 */
public final class PowerShellDoctorShell implements DoctorShell {

    private final PowerShellRunner runner;
    private final ExchangeSession session;

    /** A doctor shell running its script with {@code runner} in {@code session}. */
    public PowerShellDoctorShell(PowerShellRunner runner, ExchangeSession session) {
        this.runner = runner;
        this.session = session;
    }

    /** The script, separate from running it so that tests can read it. */
    static PowerShellScript script(ExchangeSession session, String server) {
        return PowerShellScript.builder().append(session.prelude())
                .line("$exacmeServer = {}", server)
                .line("$exacmeCertificates = New-Object System.Collections.ArrayList")
                .line("foreach ($exacmeCertificate in @(Get-ExchangeCertificate -Server $exacmeServer)) {")
                // The store's own object: what a remote session gives is deserialized and cannot build a chain.
                .line("  $exacmeLocal = Get-Item -LiteralPath ('Cert:\\LocalMachine\\My\\' + $exacmeCertificate.Thumbprint)"
                        + " -ErrorAction SilentlyContinue")
                .line("  $exacmeChain = @()")
                .line("  $exacmeRevocation = @()")
                .line("  if ($exacmeLocal) {")
                .line("    $exacmeBuilder = New-Object System.Security.Cryptography.X509Certificates.X509Chain")
                .line("    $exacmeBuilder.ChainPolicy.RevocationMode = 'NoCheck'")
                .line("    [void]$exacmeBuilder.Build($exacmeLocal)")
                .line("    $exacmeChain = @($exacmeBuilder.ChainStatus | ForEach-Object { \"$($_.Status)\" })")
                .line("    $exacmeBuilder.Reset()")
                .line("    $exacmeBuilder.ChainPolicy.RevocationMode = 'Online'")
                .line("    $exacmeBuilder.ChainPolicy.UrlRetrievalTimeout = New-TimeSpan -Seconds 15")
                .line("    [void]$exacmeBuilder.Build($exacmeLocal)")
                .line("    $exacmeRevocation = @($exacmeBuilder.ChainStatus | ForEach-Object { \"$($_.Status)\" })")
                .line("  }")
                .line("  [void]$exacmeCertificates.Add([pscustomobject]@{ Thumbprint = \"$($exacmeCertificate.Thumbprint)\";"
                        + " Services = \"$($exacmeCertificate.Services)\"; Status = \"$($exacmeCertificate.Status)\";"
                        + " NotBefore = $exacmeCertificate.NotBefore; NotAfter = $exacmeCertificate.NotAfter;"
                        + " Subject = \"$($exacmeCertificate.Subject)\"; Issuer = \"$($exacmeCertificate.Issuer)\";"
                        + " IsSelfSigned = [bool]$exacmeCertificate.IsSelfSigned;"
                        + " FriendlyName = \"$($exacmeCertificate.FriendlyName)\";"
                        + " CertificateDomains = @($exacmeCertificate.CertificateDomains | ForEach-Object { \"$_\" });"
                        + " HasPrivateKey = [bool]$exacmeCertificate.HasPrivateKey;"
                        + " PrivateKeyExportable = [bool]$exacmeCertificate.PrivateKeyExportable;"
                        + " PublicKeySize = $exacmeCertificate.PublicKeySize;"
                        + " RawData = [System.Convert]::ToBase64String($exacmeCertificate.RawData);"
                        + " ChainStatus = $exacmeChain; RevocationStatus = $exacmeRevocation })")
                .line("}")
                .line("$exacmeAuth = Get-AuthConfig")
                .line("$exacmeEcc = Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\Diagnostics'"
                        + " -Name 'EnableEccCertificateSupport' -ErrorAction SilentlyContinue")
                .line("$exacmeRoots = Get-ItemProperty -LiteralPath"
                        + " 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot' -Name 'DisableRootAutoUpdate'"
                        + " -ErrorAction SilentlyContinue")
                .line("$exacmeCloud = @(Get-SendConnector | Where-Object { $_.CloudServicesMailEnabled } |"
                        + " ForEach-Object { \"$($_.Identity)\" })")
                .line("[pscustomobject]@{ Certificates = @($exacmeCertificates);"
                        + " CurrentAuthCertificate = \"$($exacmeAuth.CurrentCertificateThumbprint)\";"
                        + " NextAuthCertificate = \"$($exacmeAuth.NextCertificateThumbprint)\";"
                        + " NextAuthCertificateEffectiveDate = $exacmeAuth.NextCertificateEffectiveDate;"
                        + " EnableEccCertificateSupport = \"$($exacmeEcc.EnableEccCertificateSupport)\";"
                        + " DisableRootAutoUpdate = \"$($exacmeRoots.DisableRootAutoUpdate)\";"
                        + " CloudMailConnectors = $exacmeCloud }")
                .build();
    }

    @Override
    public ServerInventory inventory(String server) throws PowerShellFailure {
        return read(runner.run(script(session, server)));
    }

    /** Reads the script's result. */
    static ServerInventory read(JsonNode result) {
        var certificates = PowerShellJson.list(result.get("Certificates")).stream().map(CertificateFacts::fromJson)
                .toList();
        var auth = new AuthConfig(thumbprint(PowerShellJson.text(result, "CurrentAuthCertificate")),
                thumbprint(PowerShellJson.text(result, "NextAuthCertificate")),
                PowerShellJson.date(result.get("NextAuthCertificateEffectiveDate")));
        return new ServerInventory(certificates, auth, PowerShellJson.text(result, "EnableEccCertificateSupport"),
                PowerShellJson.text(result, "DisableRootAutoUpdate").strip().equals("1"),
                PowerShellJson.strings(result.get("CloudMailConnectors")));
    }

    private static Optional<Thumbprint> thumbprint(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(Thumbprint.parse(text));
    }
}
