#!/usr/bin/env bash
# Runs exacme's whole test suite. On Debian it first installs what the tests talk to for
# real: Pebble (ACME CA), tinyproxy (forward proxy), BIND (DNS), openssl (reads PFX files),
# python3 (stands in for powershell.exe), Postfix and Cyrus SASL modules (SMTP STARTTLS checks,
# notification mail),
# the mingw-w64 headers and cross compiler (Windows layouts), node and npm with the npm checkers
# of scripts/need-npm.sh (a PowerShell grammar, a workflow validator) and Maven/JDK if missing. Extra
# arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/need.sh pebble:pebble tinyproxy:tinyproxy-bin /usr/sbin/named:bind9 x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64-win32 /usr/share/mingw-w64/include/http.h:mingw-w64-common nsupdate:bind9-dnsutils openssl:openssl python3:python3 /usr/sbin/postfix:postfix /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so:libsasl2-modules-db /usr/lib/x86_64-linux-gnu/sasl2/liblogin.so:libsasl2-modules /usr/bin/systemd-analyze:systemd mvn:maven javac:openjdk-17-jdk-headless node:nodejs npm:npm
scripts/need-npm.sh

exec mvn -B -ntp verify "$@"
