#!/usr/bin/env bash
# Installs the independent checkers the tests run from the npm registry, pinned, into
# .tools/npm of the repository (never into the system): tree-sitter-powershell with
# web-tree-sitter (a PowerShell grammar that parses every generated script) and
# @action-validator/cli (validates the GitHub workflow files). Needs node and npm
# (Debian: nodejs, npm). Does nothing when the pinned versions are there.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.tools/npm
wanted='{"private": true, "dependencies": {"tree-sitter-powershell": "0.26.4", "web-tree-sitter": "0.27.2", "@action-validator/cli": "0.6.0"}}'
if [[ -f $tools/package.json && $(cat "$tools/package.json") == "$wanted" && -d $tools/node_modules/web-tree-sitter
      && -d $tools/node_modules/tree-sitter-powershell && -d $tools/node_modules/@action-validator/cli ]]; then
  exit 0
fi
mkdir -p "$tools"
printf '%s' "$wanted" > "$tools/package.json"
echo "installing the npm checkers into $tools ..." >&2
(cd "$tools" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
