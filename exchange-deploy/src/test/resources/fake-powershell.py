#!/usr/bin/env python3
"""Stands in for powershell.exe in tests: takes the same arguments, decodes the script the
way PowerShell does (-EncodedCommand: Base64 of UTF-16LE; -File: a UTF-8 file with BOM) and
plays the few behaviours the runner must handle, chosen by markers in the script."""
import base64, json, os, subprocess, sys, time

args = sys.argv[1:]
expected = ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass"]
if args[:4] != expected:
    print("unexpected arguments: %r" % args, file=sys.stderr)
    sys.exit(64)
mode, value = args[4], args[5]
if mode == "-EncodedCommand":
    wrapped = base64.b64decode(value).decode("utf-16-le")
elif mode == "-File":
    with open(value, encoding="utf-8-sig") as f:
        wrapped = f.read()
else:
    sys.exit(65)
start = wrapped.index("  $exacmeResult = & {\n") + len("  $exacmeResult = & {\n")
end = wrapped.index("\n  }\n  ConvertTo-Json")
script = wrapped[start:end]

# Loading the Exchange cmdlets, broken on purpose by FAKE_EXCHANGE_SHELL (run through env(1)):
# "management-shell" breaks RemoteExchange.ps1 / Connect-ExchangeServer, "both" the snap-in too.
broken = os.environ.get("FAKE_EXCHANGE_SHELL", "")
if ("RemoteExchange.ps1" in script and broken in ("management-shell", "both")) or (
        "Add-PSSnapin" in script and broken == "both"):
    message = ("Connecting to remote server ex01.contoso.local failed: Access is denied."
               if "RemoteExchange.ps1" in script else
               "The Windows PowerShell snap-in 'Microsoft.Exchange.Management.PowerShell.SnapIn' is not installed")
    print(json.dumps({"ok": False, "error": {"message": message, "category": "OpenError",
                                             "cmdlet": "", "errorId": "PSSessionOpenFailed"}}))
    sys.exit(1)
if "Get-OwaVirtualDirectory" in script:
    # A server published as mail.contoso.com outside and ex01.contoso.local inside; one directory without URLs.
    urls = []
    for source in ("owa", "ecp", "ews", "oab", "activesync", "mapi"):
        urls.append({"source": source + " internal", "url": "https://ex01.contoso.local/" + source})
        urls.append({"source": source + " external", "url": "" if source == "mapi" else "https://Mail.Contoso.com/" + source})
    urls.append({"source": "autodiscover", "url": "https://ex01.contoso.local/Autodiscover/Autodiscover.xml"})
    print(json.dumps({"ok": True, "result": urls}))
    sys.exit(0)
if "Get-AuthConfig" in script and "X509Chain" in script:
    # The doctor's inventory: constructed Get-ExchangeCertificate shapes (fixtures/doctor/README.md).
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "doctor", "inventory.json")) as f:
        print(json.dumps({"ok": True, "result": json.load(f)}))
    sys.exit(0)
if "Get-SendConnector" in script:
    # A hybrid organisation as the Hybrid Configuration Wizard leaves it, plus a partner with Domain
    # Security both ways; all name last quarter's certificate (R11, CN=mail.contoso.com). Booleans and
    # the TlsAuthLevel name as the connectors script selects them; the hybrid configuration and Receive
    # connectors lack some of those properties, which [bool] and "$()" turn into false and "".
    named = "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
    def connector(kind, identity, certificate, require_tls=False, domain_secure=False, cloud=False, level=""):
        return {"Kind": kind, "Identity": identity, "TlsCertificateName": certificate, "RequireTLS": require_tls,
                "DomainSecureEnabled": domain_secure, "CloudServicesMailEnabled": cloud, "TlsAuthLevel": level}
    print(json.dumps({"ok": True, "result": [
        connector("Send", "Outbound to Office 365 - 8a5e7c1e", named, True, False, True, "DomainValidation"),
        connector("Send", "To Fabrikam", named, True, True, False, "DomainValidation"),
        connector("Send", "Internet", ""),
        connector("Receive", "EX01\\Default Frontend EX01", named),
        connector("Receive", "EX01\\From Fabrikam", named, True, True),
        connector("Hybrid", "Hybrid Configuration", named)]}))
    sys.exit(0)
if "Start-Sleep" in script:
    subprocess.Popen(["sleep", "600"])
    time.sleep(600)
if "Write-Output 'not json'" in script:
    print("not json")
    sys.exit(0)
if script.startswith("exit "):
    sys.exit(int(script.split()[1]))
if script.startswith("throw "):
    message = script[len("throw '"):-1].replace("''", "'")
    print(json.dumps({"ok": False, "error": {"message": message, "category": "OperationStopped",
                                             "cmdlet": "Enable-ExchangeCertificate", "errorId": message}}))
    sys.exit(1)
if "Write-Warning" in script:
    print("WARNING: a warning before the result")
print(json.dumps({"ok": True, "result": {"script": script, "mode": mode}}))
