#!/usr/bin/env bash
# The README's first command: builds exacme, starts a local Pebble ACME CA, issues a
# certificate for two test names with `exacme issue`, and shows where it is and what it
# contains. Everything runs on loopback; nothing is left running afterwards, and the temporary
# folder with every key in it (Pebble's root, the account, the certificate's) is removed, also when
# a step fails or the script is interrupted.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in mvn java; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "try-exacme: $tool is missing: apt-get install -y openjdk-17-jdk-headless maven" >&2
    exit 2
  fi
done

echo "== Building exacme (mvn package, tests skipped) ..." >&2
# -Djansi.noreset: Debian's Maven 3.8 otherwise writes stray "ESC[0m" codes even with -B -q.
MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-try-XXXXXX)
cleanup() {
  scripts/local-pebble.sh stop "$work/pebble" || true
  rm -rf -- "$work"
}
trap cleanup EXIT
# A signal ends the script through exit, so that the EXIT trap above runs.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
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
echo "What exacme wrote into --out (a PEM store):"
ls -l "$work/out"
echo
echo "The local Pebble is stopped now and $work, with every key in it, is removed."
echo "For real use see the README's \"Using it\"."
