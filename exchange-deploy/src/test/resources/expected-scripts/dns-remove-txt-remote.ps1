Import-Module DnsServer
Remove-DnsServerResourceRecord -ZoneName 'DC01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' -Name '_acme-challenge' -RRType Txt -RecordData 'v''1' -Force -ComputerName 'DC01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x'
