Import-Module DnsServer
@(Get-DnsServerZone -ComputerName 'DC01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' | ForEach-Object { [pscustomobject]@{ ZoneName = "$($_.ZoneName)"; ZoneType = "$($_.ZoneType)"; IsAutoCreated = [bool]$_.IsAutoCreated; IsReverseLookupZone = [bool]$_.IsReverseLookupZone; IsDsIntegrated = [bool]$_.IsDsIntegrated } })
