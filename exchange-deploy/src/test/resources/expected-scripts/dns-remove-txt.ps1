Import-Module DnsServer
Remove-DnsServerResourceRecord -ZoneName 'contoso.com' -Name '@' -RRType Txt -RecordData 'gfj9Xq...Rg85nM' -Force
