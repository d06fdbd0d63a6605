Import-Module DnsServer
@(Get-DnsServerZone | ForEach-Object { [pscustomobject]@{ ZoneName = "$($_.ZoneName)"; ZoneType = "$($_.ZoneType)"; IsAutoCreated = [bool]$_.IsAutoCreated; IsReverseLookupZone = [bool]$_.IsReverseLookupZone; IsDsIntegrated = [bool]$_.IsDsIntegrated } })
