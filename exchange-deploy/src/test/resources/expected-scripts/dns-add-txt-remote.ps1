Import-Module DnsServer
Add-DnsServerResourceRecord -ZoneName 'contoso.com' -Name 'DC01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' -Txt -DescriptiveText 'v''1' -TimeToLive (New-TimeSpan -Seconds 300) -ComputerName 'DC01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x'
