Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Set-HybridConfiguration -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'
