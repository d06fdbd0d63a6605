Import-Module WebAdministration
"$(Get-WebConfigurationProperty -PSPath 'IIS:\' -Location 'Default Web Site' -Filter 'system.webServer/security/access' -Name sslFlags)"
