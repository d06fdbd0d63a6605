Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Get-ExchangeCertificate -Server 'EX01' | Select-Object Thumbprint, @{n='Services';e={"$($_.Services)"}}, @{n='Status';e={"$($_.Status)"}}, NotAfter, Subject, Issuer, IsSelfSigned, FriendlyName, @{n='CertificateDomains';e={@($_.CertificateDomains | ForEach-Object { "$_" })}}, PrivateKeyExportable
