Import-Module WebAdministration
New-WebBinding -Name 'O''Brien''s site' -Protocol https -IPAddress '*' -Port 8443 -HostHeader '' -SslFlags 0
$exacmePath = 'IIS:\SslBindings\' + '0.0.0.0!8443'
$exacmeCertificate = Get-Item -Path ('Cert:\LocalMachine\' + 'My' + '\' + '5A7B2C1D0E9F8A7B6C5D4E3F2A1B0C9D8E7F6A5B')
if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }
$exacmeCertificate | New-Item -Path $exacmePath -SslFlags 0 | Out-Null
