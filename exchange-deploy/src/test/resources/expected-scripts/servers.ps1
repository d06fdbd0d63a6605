Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
@(Get-ExchangeServer | ForEach-Object { "$($_.Name)" })
