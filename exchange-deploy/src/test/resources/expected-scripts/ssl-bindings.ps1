Import-Module WebAdministration
@(Get-ChildItem -Path 'IIS:\SslBindings' | ForEach-Object { "$($_.PSChildName)" })
