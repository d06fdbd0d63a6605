Import-Module WebAdministration
if (Get-WebBinding -Name 'O''Brien‘‘s site' -Protocol https -IPAddress '*' -Port 443 -HostHeader 'intranet.contoso.com') { Remove-WebBinding -Name 'O''Brien‘‘s site' -Protocol https -IPAddress '*' -Port 443 -HostHeader 'intranet.contoso.com' }
$exacmePath = 'IIS:\SslBindings\' + '!443!intranet.contoso.com'
if (Test-Path -Path $exacmePath) { Remove-Item -Path $exacmePath }
