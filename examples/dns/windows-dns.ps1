# exacme DNS-01 script for a zone on Windows DNS Server, with the DnsServer PowerShell module.
# Not yet run on Windows.
#
#   exacme issue -d *.contoso.com -d contoso.com --dns script `
#     --dns-script powershell.exe --dns-script-arg -NoProfile --dns-script-arg -NonInteractive `
#     --dns-script-arg -File --dns-script-arg C:\ProgramData\exacme\windows-dns.ps1
#
# exacme calls: windows-dns.ps1 present|cleanup NAME VALUE, and sets EXACME_DNS_ZONE and
# EXACME_DNS_RELATIVE_NAME (the name inside the zone). Run it on the DNS server, or add
# -ComputerName to reach one. Exit code 0 means done.
param(
    [Parameter(Mandatory)][ValidateSet('present', 'cleanup')][string]$Action,
    [Parameter(Mandatory)][string]$Name,
    [Parameter(Mandatory)][string]$Value
)
$ErrorActionPreference = 'Stop'
$zone = $env:EXACME_DNS_ZONE
$relative = $env:EXACME_DNS_RELATIVE_NAME

if ($Action -eq 'present') {
    Add-DnsServerResourceRecord -ZoneName $zone -Name $relative -Txt -DescriptiveText $Value `
        -TimeToLive (New-TimeSpan -Seconds 60)
} else {
    # Remove only this value: a name and its wildcard share one TXT name.
    Get-DnsServerResourceRecord -ZoneName $zone -Name $relative -RRType Txt -ErrorAction SilentlyContinue |
        Where-Object { $_.RecordData.DescriptiveText -eq $Value } |
        Remove-DnsServerResourceRecord -ZoneName $zone -Force
}
