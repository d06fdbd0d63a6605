#!/usr/bin/env bash
# Installs the Debian packages for whichever of the given commands (or files) are missing.
#   scripts/need.sh COMMAND:PACKAGE ...     e.g. scripts/need.sh pebble:pebble mvn:maven
#   A path (with a slash) is checked as a file, e.g. /usr/share/mingw-w64/include/http.h:mingw-w64-common
# Needs root for apt-get; otherwise says what to install and exits 2.
set -euo pipefail
missing=()
for pair in "$@"; do
  what=${pair%%:*}
  if [[ $what == */* ]]; then
    [[ -e $what ]] || missing+=("${pair#*:}")
  else
    command -v "$what" >/dev/null 2>&1 || missing+=("${pair#*:}")
  fi
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "missing: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "installing ${missing[*]} ..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
