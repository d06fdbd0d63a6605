#!/usr/bin/env bash
# `exacme renew` with nothing due, at 10, 100 and 1000 managed certificates whose renewal
# information is due to be asked for (checkAfter passed): wall time, CPU, peak RSS, and the
# requests the CA saw. Figures in bench/RENEW.md.
#
#   bench/renew-lookups/run.sh [SIZES...]     (default: 10 100 1000; EXACME=path picks the launcher)
#
# Ten certificates are issued by a local Pebble with `exacme add` (HTTP-01 on Pebble's port,
# so every renewal of them takes the same turn); the larger sizes are copies of those ten under
# new names, each with its own PEM store. Pebble 2.4 offers no renewal information, so a second
# CA, ari-stub.py (Python, TLS with Pebble's server certificate), answers the directory with
# renewalInfo and every RFC 9773 request with a window a year ahead: a run against it does what
# one against Let's Encrypt does when nothing is due. Before each run the states' checkAfter is
# removed, so that every certificate is asked about. Not a test: nothing here is asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
exacme=${EXACME:-$PWD/cli/target/exacme}
sizes=(${@:-10 100 1000})
[[ -x $exacme ]] || { echo "run 'mvn -q -B -DskipTests package' first (no $exacme)" >&2; exit 2; }
scripts/need.sh /usr/bin/time:time python3:python3-minimal curl:curl bc:bc

work=$(mktemp -d -t exacme-lookups-XXXXXX)
stub_pid=
cleanup() {
  [[ -n $stub_pid ]] && kill "$stub_pid" 2>/dev/null || true
  scripts/local-pebble.sh stop "$work/pebble" >/dev/null 2>&1 || true
}
trap cleanup EXIT
scripts/local-pebble.sh start "$work/pebble" >&2
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"
pebble_port=$(echo "$PEBBLE_DIRECTORY" | sed 's#.*:\([0-9]*\)/dir#\1#')
stub_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 bench/renew-lookups/ari-stub.py "$stub_port" "$work/pebble/server.pem" "$work/pebble/server-key.pem" &
stub_pid=$!
stub() { curl -s --cacert "$PEBBLE_TRUST" "https://127.0.0.1:$stub_port/$1"; }

echo "bench: issuing 10 certificates (not timed) ..." >&2
for i in $(seq 1 10); do
  "$exacme" add "c$i" --config-dir "$work/c10" -q -d "c$i.renew.bench.exacme.test" --server "$PEBBLE_DIRECTORY" \
    --trust "$PEBBLE_TRUST" --agree-tos --skip-self-check --email bench@exacme.test \
    --http-port "$PEBBLE_HTTP_PORT" --out "$work/pem10/c$i" >/dev/null
done
copies() { # N CA-DIRECTORY: $work/<ca>N, N copies of the ten whose CA is CA-DIRECTORY
  local n=$1 ca=$2 port=${2##*:}; port=${port%/dir}
  local dst="$work/$3$n"
  rm -rf "$dst"; mkdir -p "$dst/certificates" "$dst/state"
  cp -r "$work/c10/accounts" "$dst/"
  [[ $port != "$pebble_port" ]] && mv "$dst/accounts/127.0.0.1_$pebble_port" "$dst/accounts/127.0.0.1_$port"
  for i in $(seq 1 "$n"); do
    local s=c$(( (i - 1) % 10 + 1 ))
    sed -e "s/\"name\" : \"$s\"/\"name\" : \"c$i\"/" -e "s#$work/pem10/$s\"#$dst-pem/c$i\"#" \
      -e "s#$PEBBLE_DIRECTORY#$ca#" "$work/c10/certificates/$s.json" > "$dst/certificates/c$i.json"
    cp "$work/c10/state/$s.json" "$dst/state/c$i.json"; cp "$work/c10/state/$s.pem" "$dst/state/c$i.pem"
    mkdir -p "$dst-pem"; cp -r "$work/pem10/$s" "$dst-pem/c$i"
  done
}
once() { # LABEL DIR: one renew with every look-up due
  local label=$1 dir=$2
  sed -i '/"checkAfter"/d' "$dir"/state/*.json
  stub reset >/dev/null
  /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$exacme" renew --config-dir "$dir" >"$work/out" 2>"$work/err"
  local wall user sys peak; read -r wall user sys peak < "$work/time"
  local seen=""; [[ $label == ari* ]] && seen=$(stub stats)
  printf '%-12s %8.2f %8.2f %9.1f  %4s not due  %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" \
    "$(echo "$peak / 1024" | bc -l)" "$(grep -c 'not due' "$work/out")" "$seen"
}
printf '%-12s %8s %8s %9s\n' run "wall s" "CPU s" "peak MiB"
for n in "${sizes[@]}"; do
  copies "$n" "$PEBBLE_DIRECTORY" p
  copies "$n" "https://127.0.0.1:$stub_port/dir" a
  for run in 1 2 3; do once "pebble $n" "$work/p$n"; done
  for run in 1 2 3; do once "ari $n" "$work/a$n"; done
done
