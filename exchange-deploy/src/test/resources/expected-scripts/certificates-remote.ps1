$exacmeSession = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri 'http://ex01.contoso.local/PowerShell/' -Authentication Kerberos
Import-PSSession $exacmeSession -DisableNameChecking -AllowClobber | Out-Null
Get-ExchangeCertificate -Server 'EX01' | Select-Object Thumbprint, @{n='Services';e={"$($_.Services)"}}, @{n='Status';e={"$($_.Status)"}}, NotAfter, Subject, Issuer, IsSelfSigned, FriendlyName, @{n='CertificateDomains';e={@($_.CertificateDomains | ForEach-Object { "$_" })}}, PrivateKeyExportable
