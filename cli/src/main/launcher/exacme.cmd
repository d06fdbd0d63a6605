@echo off
rem exacme launcher for Windows (not yet run on Windows): starts exacme.jar next to this file
rem with JVM options for a short-lived tool, as the sh launcher does.
rem   EXACME_JAVA       the java.exe to use; else %JAVA_HOME%\bin\java.exe; else java.exe on PATH
rem   EXACME_JAVA_OPTS  more JVM options
rem That Java must be 17 or newer and 64-bit; else this says where to get Temurin 17 and exits
rem with 9 without starting anything.
rem
rem Arguments (README-Windows.txt): delayed expansion is off, so !NAME! in them stays; they are
rem read once, by %* on the java line, never through CALL (which would expand %NAME% in them a
rem second time); no argument is put into a variable or a block. And because cmd.exe itself
rem expands %NAME% in its command line when a program starts this file (PowerShell, Task
rem Scheduler, any CreateProcess: "cmd.exe /c ..."), cmd.exe's own unexpanded command line
rem (CMDCMDLINE) goes to exacme in EXACME_CMDLINE: exacme takes its arguments from there when,
rem and only when, expanding them as cmd.exe does gives exactly the arguments it received.
rem Keep this file ASCII with CRLF line ends: cmd.exe misreads labels in LF-only files.
setlocal EnableExtensions EnableDelayedExpansion
rem Delayed expansion inserts the value as it is: nothing in it is read again.
set "EXACME_CMDLINE=!CMDCMDLINE!"
setlocal EnableExtensions DisableDelayedExpansion
call :home

set "JAVA_EXE="
if not defined EXACME_JAVA goto :java_home
set "JAVA_EXE=%EXACME_JAVA%"
set "JAVA_FROM=EXACME_JAVA"
goto :check_java
:java_home
if not defined JAVA_HOME goto :java_path
if not exist "%JAVA_HOME%\bin\java.exe" goto :java_path
set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
set "JAVA_FROM=JAVA_HOME"
goto :check_java
:java_path
for %%J in (java.exe) do set "JAVA_EXE=%%~$PATH:J"
if not defined JAVA_EXE goto :no_java
set "JAVA_FROM=PATH"

:check_java
if not exist "%JAVA_EXE%" goto :no_java
set "JAVA_SPEC="
set "JAVA_BITS="
for /f "tokens=1,2 delims== " %%A in ('^""%JAVA_EXE%" -XshowSettings:properties -version 2^>^&1^"') do (
  if "%%A"=="java.specification.version" set "JAVA_SPEC=%%B"
  if "%%A"=="sun.arch.data.model" set "JAVA_BITS=%%B"
)
if not defined JAVA_SPEC goto :not_java
set "JAVA_MAJOR="
set "JAVA_MAJOR_NUMBER=0"
for /f "tokens=1 delims=." %%V in ("%JAVA_SPEC%") do set "JAVA_MAJOR=%%V"
set /a JAVA_MAJOR_NUMBER=JAVA_MAJOR 2>nul
if %JAVA_MAJOR_NUMBER% LSS 17 goto :too_old
if not "%JAVA_BITS%"=="64" goto :not_64

rem Class data sharing: exacme.jsa beside the jar when there is one (nothing records one on Windows
rem yet; the sh launcher does); a stale or foreign one is checked by the JVM and ignored, silently.
set "EXACME_CDS_OPTION="
rem Unquoted set: the value is the quoted option, and a quote opens before any & in the path.
if not "%EXACME_CDS%"=="0" if exist "%EXACME_HOME%exacme.jsa" set EXACME_CDS_OPTION="-XX:SharedArchiveFile=%EXACME_HOME%exacme.jsa"
"%JAVA_EXE%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx256m -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr %EXACME_CDS_OPTION% "-Djdk.http.auth.tunneling.disabledSchemes=" %EXACME_JAVA_OPTS% -jar "%EXACME_HOME%exacme.jar" %*
exit /b %ERRORLEVEL%

:home
rem In a called label %~dp0 and %~f0 name this file even when it was started by a quoted name
rem found on PATH, where they can name the current directory instead.
set "EXACME_HOME=%~dp0"
set "EXACME_LAUNCHER=%~f0"
exit /b 0

:no_java
>&2 echo exacme needs Java 17 or newer, 64-bit, and found none: not in EXACME_JAVA, not in
>&2 echo JAVA_HOME (%JAVA_HOME%), not as java.exe on PATH.
goto :get_java
:not_java
>&2 echo exacme needs Java 17 or newer: %JAVA_EXE% (from %JAVA_FROM%) did not run as a Java.
goto :get_java
:too_old
>&2 echo exacme needs Java 17 or newer: %JAVA_EXE% (from %JAVA_FROM%) is Java %JAVA_SPEC%.
goto :get_java
:not_64
>&2 echo exacme needs a 64-bit Java: %JAVA_EXE% (from %JAVA_FROM%) is %JAVA_BITS%-bit.
:get_java
>&2 echo Install Eclipse Temurin 17 or newer, 64-bit: https://adoptium.net/temurin/releases/?version=17
>&2 echo and choose "Set JAVA_HOME variable" in its installer, or set EXACME_JAVA to a java.exe.
exit /b 9
