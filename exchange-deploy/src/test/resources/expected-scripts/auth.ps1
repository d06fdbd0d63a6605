. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
"$((Get-AuthConfig).CurrentCertificateThumbprint)"
