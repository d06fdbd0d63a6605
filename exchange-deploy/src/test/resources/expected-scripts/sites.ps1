Import-Module WebAdministration
@(Get-Website | ForEach-Object { "$($_.Name)" })
