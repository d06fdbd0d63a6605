Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
Set-SendConnector -Identity 'Outbound to Office 365 ''$(x)''' -TlsCertificateName '<I>CN=R11, O=Let''s Encrypt, C=US<S>CN=mail.contoso.com'
