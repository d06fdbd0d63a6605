#!/usr/bin/env bash
# Times one wildcard + apex certificate through DNS-01 with RFC 2136, as a whole process,
# for exacme and for lego's rfc2136 provider, against the same BIND (scripts/local-bind.sh,
# 127.0.0.1:53, needs root) and Pebble resolving through it. exacme checks propagation on
# the zone's authoritative server before asking the CA; lego cannot here (it looks the name
# server up through the system resolver, which does not know the test zone) and runs with
# --dns.disable-cp, which favours lego. lego's rfc2136 provider also waits 60 s between the
# two challenges of one name (wildcard and apex) by default; RFC2136_SEQUENCE_INTERVAL=1
# takes that out too, again in lego's favour. Prints medians and exacme/lego.
#
#   bench/issue-wildcard-dns.sh [RUNS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
runs=${1:-5}

scripts/need.sh lego:lego bc:bc /usr/bin/time:time
# Always build: a stale jar would measure an older exacme.
echo "bench: building exacme ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-bench-dns-XXXXXX)
chmod 755 "$work"   # named runs as the bind user and must reach its directory
trap 'scripts/local-pebble.sh stop "$work/pebble"; scripts/local-bind.sh stop "$work/bind"' EXIT
scripts/local-bind.sh start "$work/bind"
# shellcheck disable=SC1091
. "$work/bind/bind.env"
scripts/local-pebble.sh start "$work/pebble" --dns-server "$BIND_SERVER"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"
printf '%s' "$BIND_SECRET" > "$work/tsig.secret"
chmod 600 "$work/tsig.secret"

mkdir -p bench/results
raw="bench/results/issue-wildcard-dns-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'tool\trun\twall_s\tcpu_s\tpeak_kib\n' > "$raw"

run_exacme() { # $1 base name, $2 state dir
  cli/target/exacme issue -d "*.$1" -d "$1" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
    --agree-tos --email bench@exacme.test --key-type ec256 --config-dir "$2/config" --out "$2/out" --quiet \
    --dns rfc2136 --rfc2136-server "$BIND_SERVER" --rfc2136-tsig-key "$BIND_KEY_NAME" \
    --rfc2136-tsig-secret-file "$WORK/tsig.secret" --dns-resolver "$BIND_SERVER"
}
run_lego() {
  LEGO_CA_CERTIFICATES=$PEBBLE_TRUST RFC2136_NAMESERVER=$BIND_SERVER RFC2136_TSIG_KEY=$BIND_KEY_NAME \
    RFC2136_TSIG_SECRET=$BIND_SECRET RFC2136_TSIG_ALGORITHM=hmac-sha256. RFC2136_SEQUENCE_INTERVAL=1 \
    lego --server "$PEBBLE_DIRECTORY" --accept-tos --email bench@exacme.test --dns rfc2136 \
    --dns.resolvers "$BIND_SERVER" --dns.disable-cp --domains "*.$1" --domains "$1" --key-type ec256 --path "$2" run
}
export -f run_exacme run_lego
export PEBBLE_DIRECTORY PEBBLE_TRUST BIND_SERVER BIND_KEY_NAME BIND_SECRET
export WORK=$work


for tool in exacme lego; do
  echo "bench: $tool warm-up ..." >&2
  measure "$tool" warmup "warmup.$tool.example.test" >/dev/null
done
for i in $(seq 1 "$runs"); do
  for tool in exacme lego; do
    measure "$tool" "r$i" "r$i.$tool.example.test" >> "$raw"
  done
  echo "bench: round $i of $runs done" >&2
done

echo
printf '%-8s %10s %10s %12s\n' tool "wall s" "CPU s" "peak MiB"
declare -A wall
for tool in exacme lego; do
  wall[$tool]=$(median "$raw" "$tool" 3)
  printf '%-8s %10.2f %10.2f %12.1f\n' "$tool" "${wall[$tool]}" "$(median "$raw" "$tool" 4)" \
    "$(echo "$(median "$raw" "$tool" 5) / 1024" | bc -l)"
done
printf '\nexacme / lego wall %.2f (target <= 1.00)\n' "$(echo "${wall[exacme]} / ${wall[lego]}" | bc -l)"
echo "(medians of $runs runs; raw figures in $raw)"
