#!/usr/bin/env bash
# Runs exacme's whole test suite. On Debian it first installs what the tests talk to for
# real: Pebble (ACME CA), tinyproxy (forward proxy), BIND (DNS), openssl (reads PFX files),
# python3 (stands in for powershell.exe), Postfix and Cyrus SASL modules (SMTP STARTTLS checks,
# notification mail),
# the mingw-w64 headers and cross compiler (Windows layouts), node and npm with the npm checkers
# of scripts/need-npm.sh (a PowerShell grammar, a workflow validator) and Maven/JDK if missing. Extra
# arguments go to Maven. It ends, also when Maven failed, with the tests that failed and one line per
# module of the tests run, failed, in error and skipped in this run, and exits with Maven's exit code.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/need.sh pebble:pebble script:bsdutils tinyproxy:tinyproxy-bin /usr/sbin/named:bind9 x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64-win32 /usr/share/mingw-w64/include/http.h:mingw-w64-common nsupdate:bind9-dnsutils openssl:openssl python3:python3 /usr/sbin/postfix:postfix /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so:libsasl2-modules-db /usr/lib/x86_64-linux-gnu/sasl2/liblogin.so:libsasl2-modules /usr/bin/systemd-analyze:systemd mvn:maven javac:openjdk-17-jdk-headless node:nodejs npm:npm
scripts/need-npm.sh

# Surefire keeps the reports of earlier runs: only those written after this mark are counted.
mark=$(mktemp -t exacme-test-mark-XXXXXX)
trap 'rm -f "$mark"' EXIT
# -Djansi.noreset: Debian's Maven 3.8 otherwise writes stray "ESC[0m" codes even with -B.
rc=0
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -ntp verify "$@" || rc=$?

# The last lines: per module, the tests of this run (also when Maven failed part way).
modules=$(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)
python3 - "$mark" "$rc" $modules <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

mark, rc, modules = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
since = os.path.getmtime(mark)
total = [0, 0, 0, 0]
lines = []
broken = []
for module in modules:
    reports = [f for f in glob.glob(os.path.join(module, "target", "surefire-reports", "TEST-*.xml"))
               if os.path.getmtime(f) >= since]
    if not reports:
        lines.append(f"{module:16} no tests ran")
        continue
    counts = [0, 0, 0, 0]
    for report in reports:
        try:
            suite = ET.parse(report).getroot()
        except ET.ParseError:
            counts[2] += 1  # a report cut short (a JVM that died) is an error, never a pass
            broken.append(f"{module}: {os.path.basename(report)} (unreadable report)")
            continue
        for case in suite.iter("testcase"):
            if case.find("failure") is not None or case.find("error") is not None:
                broken.append(f"{module}: {case.get('classname', '?')}.{case.get('name', '?')}")
        for i, name in enumerate(("tests", "failures", "errors", "skipped")):
            counts[i] += int(suite.get(name, "0"))
    total = [a + b for a, b in zip(total, counts)]
    lines.append(f"{module:16} {counts[0]} run, {counts[1]} failed, {counts[2]} errors, {counts[3]} skipped")
print()
if broken:
    print("Failed in this run:")
    for name in broken[:30]:
        print("  " + name)
    if len(broken) > 30:
        print(f"  ... and {len(broken) - 30} more (see */target/surefire-reports)")
print("Tests of this run (surefire reports):")
for line in lines:
    print("  " + line)
print(f"  {'all':16} {total[0]} run, {total[1]} failed, {total[2]} errors, {total[3]} skipped;"
      f" mvn verify exit code {rc}")
PY
exit "$rc"
