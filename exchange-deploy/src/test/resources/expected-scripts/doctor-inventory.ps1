. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
$exacmeServer = 'EX01'
$exacmeCertificates = New-Object System.Collections.ArrayList
foreach ($exacmeCertificate in @(Get-ExchangeCertificate -Server $exacmeServer)) {
  $exacmeLocal = Get-Item -LiteralPath ('Cert:\LocalMachine\My\' + $exacmeCertificate.Thumbprint) -ErrorAction SilentlyContinue
  $exacmeChain = @()
  $exacmeRevocation = @()
  if ($exacmeLocal) {
    $exacmeBuilder = New-Object System.Security.Cryptography.X509Certificates.X509Chain
    $exacmeBuilder.ChainPolicy.RevocationMode = 'NoCheck'
    [void]$exacmeBuilder.Build($exacmeLocal)
    $exacmeChain = @($exacmeBuilder.ChainStatus | ForEach-Object { "$($_.Status)" })
    $exacmeBuilder.Reset()
    $exacmeBuilder.ChainPolicy.RevocationMode = 'Online'
    $exacmeBuilder.ChainPolicy.UrlRetrievalTimeout = New-TimeSpan -Seconds 15
    [void]$exacmeBuilder.Build($exacmeLocal)
    $exacmeRevocation = @($exacmeBuilder.ChainStatus | ForEach-Object { "$($_.Status)" })
  }
  [void]$exacmeCertificates.Add([pscustomobject]@{ Thumbprint = "$($exacmeCertificate.Thumbprint)"; Services = "$($exacmeCertificate.Services)"; Status = "$($exacmeCertificate.Status)"; NotBefore = $exacmeCertificate.NotBefore; NotAfter = $exacmeCertificate.NotAfter; Subject = "$($exacmeCertificate.Subject)"; Issuer = "$($exacmeCertificate.Issuer)"; IsSelfSigned = [bool]$exacmeCertificate.IsSelfSigned; FriendlyName = "$($exacmeCertificate.FriendlyName)"; CertificateDomains = @($exacmeCertificate.CertificateDomains | ForEach-Object { "$_" }); HasPrivateKey = [bool]$exacmeCertificate.HasPrivateKey; PrivateKeyExportable = [bool]$exacmeCertificate.PrivateKeyExportable; PublicKeySize = $exacmeCertificate.PublicKeySize; RawData = [System.Convert]::ToBase64String($exacmeCertificate.RawData); ChainStatus = $exacmeChain; RevocationStatus = $exacmeRevocation })
}
$exacmeAuth = Get-AuthConfig
$exacmeEcc = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\Diagnostics' -Name 'EnableEccCertificateSupport' -ErrorAction SilentlyContinue
$exacmeRoots = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot' -Name 'DisableRootAutoUpdate' -ErrorAction SilentlyContinue
$exacmeCloud = @(Get-SendConnector | Where-Object { $_.CloudServicesMailEnabled } | ForEach-Object { "$($_.Identity)" })
[pscustomobject]@{ Certificates = @($exacmeCertificates); CurrentAuthCertificate = "$($exacmeAuth.CurrentCertificateThumbprint)"; NextAuthCertificate = "$($exacmeAuth.NextCertificateThumbprint)"; NextAuthCertificateEffectiveDate = $exacmeAuth.NextCertificateEffectiveDate; EnableEccCertificateSupport = "$($exacmeEcc.EnableEccCertificateSupport)"; DisableRootAutoUpdate = "$($exacmeRoots.DisableRootAutoUpdate)"; CloudMailConnectors = $exacmeCloud }
