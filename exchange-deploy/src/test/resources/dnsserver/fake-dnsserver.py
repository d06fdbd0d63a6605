#!/usr/bin/env python3
"""Stands in for powershell.exe with the DnsServer module, for the windows DNS-01 provider.

Called as: fake-dnsserver.py STATE.json -NoProfile -NonInteractive -ExecutionPolicy Bypass
-EncodedCommand BASE64 (or -File PATH), as PowerShellRunner calls powershell.exe. It decodes the
script as PowerShell does, accepts only the exact lines PowerShellDnsServer writes (anything
else is refused with exit 66, so a changed script fails the tests that use it), logs each
cmdlet call with its decoded arguments in STATE, and answers like the cmdlets, errors included:
  - a zone the server does not have: WIN32 9601, ObjectNotFound
  - a value already at the name: WIN32 9711, ResourceExists
  - removing a value that is not there: WIN32 9714 (no such name) or 9701 (no such value)
  - "deny": true in STATE: WIN32 5, PermissionDenied
  - a -ComputerName not in STATE's "servers": WIN32 1722, the RPC server is unavailable
  - "module_missing": true: Import-Module's own error
With "nsupdate" in STATE ({"server": "127.0.0.1", "port": 53, "key": NAME, "secret": BASE64})
each TXT value added or removed is also sent to that DNS server with nsupdate, so that a real
BIND serves what the fake Windows DNS server holds.

STATE (JSON): {"zones": [{"ZoneName", "ZoneType", "IsAutoCreated", "IsReverseLookupZone",
"IsDsIntegrated"}], "records": {"zone|name": [values]}, "calls": [...], "servers": [...]}.
"""
import base64, json, os, re, subprocess, sys

QUOTES = "'\u2018\u2019\u201A\u201B"
LIT = "([" + QUOTES + "](?:[^" + QUOTES + "]|[" + QUOTES + "]{2})*[" + QUOTES + "])"
SERVER = "(?: -ComputerName " + LIT + ")?"
ZONES = re.compile(r"^@\(Get-DnsServerZone" + SERVER + re.escape(
    " | ForEach-Object { [pscustomobject]@{ ZoneName = \"$($_.ZoneName)\"; ZoneType = \"$($_.ZoneType)\";"
    " IsAutoCreated = [bool]$_.IsAutoCreated; IsReverseLookupZone = [bool]$_.IsReverseLookupZone;"
    " IsDsIntegrated = [bool]$_.IsDsIntegrated } })") + "$", re.S)
ADD = re.compile(r"^Add-DnsServerResourceRecord -ZoneName " + LIT + " -Name " + LIT + " -Txt -DescriptiveText " + LIT
                 + r" -TimeToLive \(New-TimeSpan -Seconds (\d+)\)" + SERVER + "$", re.S)
REMOVE = re.compile(r"^Remove-DnsServerResourceRecord -ZoneName " + LIT + " -Name " + LIT
                    + " -RRType Txt -RecordData " + LIT + " -Force" + SERVER + "$", re.S)


def literal(text):
    if text is None:
        return None
    inner = text[1:-1]
    out, i = [], 0
    while i < len(inner):
        out.append(inner[i])
        i += 2 if inner[i] in QUOTES else 1
    return "".join(out)


def answer(result):
    print(json.dumps({"ok": True, "result": result}))
    sys.exit(0)


def fail(message, category, cmdlet, code):
    print(json.dumps({"ok": False, "error": {"message": message, "category": category, "cmdlet": cmdlet,
                                             "errorId": "WIN32 %d,%s" % (code, cmdlet)}}))
    sys.exit(1)


state_path = sys.argv[1]
args = sys.argv[2:]
if args[:4] != ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass"]:
    print("unexpected arguments: %r" % args, file=sys.stderr)
    sys.exit(64)
if args[4] == "-EncodedCommand":
    wrapped = base64.b64decode(args[5]).decode("utf-16-le")
elif args[4] == "-File":
    with open(args[5], encoding="utf-8-sig") as f:
        wrapped = f.read()
else:
    sys.exit(65)
start = wrapped.index("  $exacmeResult = & {\n") + len("  $exacmeResult = & {\n")
script = wrapped[start:wrapped.index("\n  }\n  ConvertTo-Json")]
with open(state_path, encoding="utf-8") as f:
    state = json.load(f)


def save():
    temporary = state_path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False, indent=1)
    os.replace(temporary, state_path)


lines = script.split("\n", 1)
if len(lines) != 2 or lines[0] != "Import-Module DnsServer":
    print("not a script of PowerShellDnsServer: %r" % script, file=sys.stderr)
    sys.exit(66)
if state.get("module_missing"):
    print(json.dumps({"ok": False, "error": {
        "message": "The specified module 'DnsServer' was not loaded because no valid module file was found in any"
                   " module directory.", "category": "ResourceUnavailable", "cmdlet": "Import-Module",
        "errorId": "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"}}))
    sys.exit(1)
command = lines[1]
for pattern, cmdlet in ((ZONES, "Get-DnsServerZone"), (ADD, "Add-DnsServerResourceRecord"),
                        (REMOVE, "Remove-DnsServerResourceRecord")):
    match = pattern.match(command)
    if match:
        break
else:
    print("not a line of PowerShellDnsServer: %r" % command, file=sys.stderr)
    sys.exit(66)

values = [literal(group) if group and group[0] in QUOTES else group for group in match.groups()]
computer = values[-1]
server = computer or "EX01"
call = {"cmdlet": cmdlet, "ComputerName": computer}
if cmdlet != "Get-DnsServerZone":
    call.update({"ZoneName": values[0], "Name": values[1], "DescriptiveText" if cmdlet.startswith("Add") else
                 "RecordData": values[2]})
    if cmdlet.startswith("Add"):
        call["TimeToLive"] = int(values[3])
state.setdefault("calls", []).append(call)
save()

if computer is not None and computer not in state.get("servers", []):
    fail("Failed to get information for server %s. The RPC server is unavailable." % computer,
         "ResourceUnavailable", cmdlet, 1722)
zones = state.get("zones", [])
if cmdlet == "Get-DnsServerZone":
    answer(zones)

zone = next((z for z in zones if z["ZoneName"].lower() == values[0].lower()), None)
if zone is None:
    fail("Failed to get the zone information for %s on server %s." % (values[0], server), "ObjectNotFound",
         cmdlet, 9601)
name, value = values[1], values[2]
verb = "create" if cmdlet.startswith("Add") else "delete"
if state.get("deny"):
    fail("Failed to %s resource record %s in %s zone on server %s. Access is denied." % (verb, name, values[0], server),
         "PermissionDenied", cmdlet, 5)
key = zone["ZoneName"].lower() + "|" + name.lower()
records = state.setdefault("records", {})
present = records.get(key, [])
if cmdlet.startswith("Add") and value in present:
    fail("Failed to create resource record %s in %s zone on server %s." % (name, values[0], server),
         "ResourceExists", cmdlet, 9711)
if cmdlet.startswith("Remove") and value not in present:
    code = 9701 if present else 9714
    fail("Failed to delete resource record %s in %s zone on server %s. The %s does not exist."
         % (name, values[0], server, "record" if present else "name"), "ObjectNotFound", cmdlet, code)

update = state.get("nsupdate")
if update:
    fqdn = zone["ZoneName"] if name == "@" else name + "." + zone["ZoneName"]
    text = ('server %s %d\nupdate %s %s. %d TXT "%s"\nsend\n'
            % (update["server"], update["port"], "add" if verb == "create" else "delete", fqdn,
               int(values[3]) if verb == "create" else 0, value))
    done = subprocess.run(["nsupdate", "-y", "hmac-sha256:%s:%s" % (update["key"], update["secret"])],
                          input=text, text=True, capture_output=True)
    if done.returncode != 0:
        fail("nsupdate failed: " + done.stderr.strip(), "NotSpecified", cmdlet, 9999)
if verb == "create":
    records[key] = present + [value]
else:
    records[key] = [known for known in present if known != value]
save()
answer(None)
