#!/bin/sh
# Stands in for powershell.exe when the tests collect the scripts PowerShellRunner really
# passes: appends one line to the file named first, "E <Base64>" for -EncodedCommand (the
# argument as given: Base64 of UTF-16LE) or "F <Base64 of the file's bytes>" for -File (the
# .ps1 exactly as the runner wrote it, BOM included), and answers as the wrapper would with
# no result. Anything else is refused.
out=$1
shift
if [ "$1 $2 $3 $4" != "-NoProfile -NonInteractive -ExecutionPolicy Bypass" ]; then
  echo "unexpected arguments: $*" >&2
  exit 64
fi
case $5 in
  -EncodedCommand) printf 'E %s\n' "$6" >> "$out" ;;
  -File) printf 'F %s\n' "$(base64 -w0 < "$6")" >> "$out" ;;
  *) exit 65 ;;
esac
echo '{"ok":true,"result":null}'
