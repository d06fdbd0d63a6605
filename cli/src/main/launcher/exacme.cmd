@echo off
rem exacme launcher for Windows (not yet run on Windows): starts exacme.jar next to this
rem script with JVM options for a short-lived tool. EXACME_JAVA and EXACME_JAVA_OPTS as in the sh launcher.
setlocal
set "EXACME_HOME=%~dp0"
if defined EXACME_JAVA (set "JAVA_EXE=%EXACME_JAVA%") else if defined JAVA_HOME (set "JAVA_EXE=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXE=java")
"%JAVA_EXE%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx256m -XX:-UsePerfData -Xshare:auto "-Djdk.http.auth.tunneling.disabledSchemes=" %EXACME_JAVA_OPTS% -jar "%EXACME_HOME%exacme.jar" %*
exit /b %ERRORLEVEL%
