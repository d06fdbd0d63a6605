#!/usr/bin/env bash
# The README's first command: builds exacme, starts a local Pebble ACME CA, issues a
# certificate for two test names with `exacme issue`, and shows where it is and what it
# contains. Everything runs on loopback; nothing is left running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in mvn java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "try-exacme: $tool is missing: apt-get install -y openjdk-17-jdk-headless maven" >&2
    exit 2
  fi
done

echo "== Building exacme (mvn package, tests skipped) ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-try-XXXXXX)
trap 'scripts/local-pebble.sh stop "$work/pebble"' EXIT
echo "== Starting a local Pebble CA ..." >&2
scripts/local-pebble.sh start "$work/pebble"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"

echo "== exacme issue ..." >&2
cli/target/exacme issue -d demo.exacme.test -d www.demo.exacme.test \
  --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" --http-port "$PEBBLE_HTTP_PORT" \
  --email admin@demo.exacme.test --agree-tos --skip-self-check --config-dir "$work/config" --out "$work/out"

echo
echo "== What the certificate contains (openssl):"
openssl x509 -in "$work/out/cert.pem" -noout -subject -issuer -dates -ext subjectAltName
echo "chain.pem holds $(grep -c 'BEGIN CERTIFICATE' "$work/out/chain.pem") intermediate(s);" \
  "key.pem is $(stat -c %A "$work/out/key.pem")"
echo
echo "Files are in $work/out (the local Pebble is stopped now; its root is $PEBBLE_TRUST)."
