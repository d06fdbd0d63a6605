. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
Set-PopSettings -Server 'EX01' -X509CertificateName 'mail.contoso.com'
