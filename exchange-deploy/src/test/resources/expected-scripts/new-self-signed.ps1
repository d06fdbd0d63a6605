. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
$exacmeNew = New-ExchangeCertificate -Server 'EX01' -KeySize 2048 -SubjectName 'cn=EX01' -DomainName @('EX01','EX01.contoso.local') -Services 'IIS,SMTP' -PrivateKeyExportable $true -Force
"$($exacmeNew.Thumbprint)"
