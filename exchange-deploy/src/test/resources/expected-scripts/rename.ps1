. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
Set-SendConnector -Identity 'Outbound to Office 365 ''$(x)''' -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'
