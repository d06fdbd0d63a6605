Import-Module WebAdministration
$exacmePath = 'IIS:\SslBindings\' + '!443!intranet.contoso.com'
$exacmeCertificate = Get-Item -Path ('Cert:\LocalMachine\' + 'My' + '\' + '5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B')
if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }
$exacmeCertificate | New-Item -Path $exacmePath -SslFlags 1 | Out-Null
