Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Set-ImapSettings -Server 'EX01' -X509CertificateName $null
