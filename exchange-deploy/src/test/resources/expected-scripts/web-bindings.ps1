Import-Module WebAdministration
Get-WebBinding -Protocol https | Select-Object protocol, bindingInformation, sslFlags, certificateHash, certificateStoreName, ItemXPath
