Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
$exacmeNew = New-ExchangeCertificate -Server 'EX01' -KeySize 2048 -SubjectName 'cn=EX01' -DomainName @('EX01','EX01.contoso.local') -Services 'IIS,SMTP' -PrivateKeyExportable $true -Force
"$($exacmeNew.Thumbprint)"
