Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
if (-not (Get-Command -Name 'Get-ExchangeCertificate' -ErrorAction SilentlyContinue)) { throw 'Get-ExchangeCertificate is not available after loading the Exchange cmdlets' }
