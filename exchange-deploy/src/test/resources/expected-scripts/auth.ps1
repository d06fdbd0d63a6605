Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
"$((Get-AuthConfig).CurrentCertificateThumbprint)"
