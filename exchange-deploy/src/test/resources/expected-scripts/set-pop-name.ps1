Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Set-PopSettings -Server 'EX01' -X509CertificateName 'mail.contoso.com'
