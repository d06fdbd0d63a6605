Import-Module DnsServer
Add-DnsServerResourceRecord -ZoneName 'contoso.com' -Name '_acme-challenge.mail' -Txt -DescriptiveText 'gfj9Xq...Rg85nM' -TimeToLive (New-TimeSpan -Seconds 60)
