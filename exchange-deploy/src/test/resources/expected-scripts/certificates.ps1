. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
Get-ExchangeCertificate -Server 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' | Select-Object Thumbprint, @{n='Services';e={"$($_.Services)"}}, @{n='Status';e={"$($_.Status)"}}, NotAfter, Subject, Issuer, IsSelfSigned, FriendlyName, @{n='CertificateDomains';e={@($_.CertificateDomains | ForEach-Object { "$_" })}}, PrivateKeyExportable
