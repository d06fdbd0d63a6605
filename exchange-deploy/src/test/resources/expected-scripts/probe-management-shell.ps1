. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
if (-not (Get-Command -Name 'Get-ExchangeCertificate' -ErrorAction SilentlyContinue)) { throw 'Get-ExchangeCertificate is not available after loading the Exchange cmdlets' }
