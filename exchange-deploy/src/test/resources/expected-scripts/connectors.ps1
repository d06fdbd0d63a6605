Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn
@(Get-SendConnector | Select-Object @{n='Kind';e={'Send'}}, @{n='Identity';e={"$($_.Identity)"}}, @{n='TlsCertificateName';e={"$($_.TlsCertificateName)"}}) + @(Get-ReceiveConnector | Select-Object @{n='Kind';e={'Receive'}}, @{n='Identity';e={"$($_.Identity)"}}, @{n='TlsCertificateName';e={"$($_.TlsCertificateName)"}})
