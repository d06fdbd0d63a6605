Import-Module WebAdministration
if (Get-WebBinding -Name 'O''Brien''s site' -Protocol https -IPAddress '*' -Port 8443 -HostHeader '') { Remove-WebBinding -Name 'O''Brien''s site' -Protocol https -IPAddress '*' -Port 8443 -HostHeader '' }
$exacmePath = 'IIS:\SslBindings\' + '0.0.0.0!8443'
if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }
