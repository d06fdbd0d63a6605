. "$env:ExchangeInstallPath\bin\RemoteExchange.ps1" | Out-Null
Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null
$exacmeServer = $env:COMPUTERNAME
$exacmeUrls = New-Object System.Collections.ArrayList
foreach ($exacmeDirectory in @(Get-OwaVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'owa internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'owa external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeDirectory in @(Get-EcpVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'ecp internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'ecp external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeDirectory in @(Get-WebServicesVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'ews internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'ews external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeDirectory in @(Get-OabVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'oab internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'oab external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeDirectory in @(Get-ActiveSyncVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'activesync internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'activesync external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeDirectory in @(Get-MapiVirtualDirectory -Server $exacmeServer -ADPropertiesOnly)) { [void]$exacmeUrls.Add(@{ source = 'mapi internal'; url = "$($exacmeDirectory.InternalUrl)" }); [void]$exacmeUrls.Add(@{ source = 'mapi external'; url = "$($exacmeDirectory.ExternalUrl)" }) }
foreach ($exacmeService in @(Get-ClientAccessService -Identity $exacmeServer)) { [void]$exacmeUrls.Add(@{ source = 'autodiscover'; url = "$($exacmeService.AutoDiscoverServiceInternalUri)" }) }
@($exacmeUrls)
