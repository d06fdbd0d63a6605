#!/usr/bin/env bash
# Installs the Debian packages for whichever of the given commands are missing.
#   scripts/need.sh COMMAND:PACKAGE ...     e.g. scripts/need.sh pebble:pebble mvn:maven
# Needs root for apt-get; otherwise says what to install and exits 2.
set -euo pipefail
missing=()
for pair in "$@"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "missing: ${missing[*]}; install with: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "installing ${missing[*]} ..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
