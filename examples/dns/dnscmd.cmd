@echo off
rem exacme DNS-01 script for Windows DNS Server with dnscmd.exe. Not yet run on Windows.
rem
rem   exacme issue -d *.contoso.com -d contoso.com --dns script ^
rem     --dns-script C:\ProgramData\exacme\dnscmd.cmd
rem
rem exacme calls: dnscmd.cmd present|cleanup NAME VALUE, with EXACME_DNS_ZONE and
rem EXACME_DNS_RELATIVE_NAME set. Add the server name after dnscmd (e.g. dnscmd dc01 ...)
rem to reach a remote DNS server.
setlocal
if /I "%~1"=="present" (
  dnscmd /RecordAdd %EXACME_DNS_ZONE% %EXACME_DNS_RELATIVE_NAME% 60 TXT "%~3"
) else (
  dnscmd /RecordDelete %EXACME_DNS_ZONE% %EXACME_DNS_RELATIVE_NAME% TXT "%~3" /f
)
exit /b %ERRORLEVEL%
