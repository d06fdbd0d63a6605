#!/usr/bin/env bash
# Times one certificate issuance (new account + one name + HTTP-01) as a whole process, for
# exacme, certbot and lego (Debian packages) against the same local Pebble, and prints the
# medians and exacme's ratios to the others.
#
#   bench/issue-one.sh [RUNS]      (default 5)
#
# Pebble runs with PEBBLE_VA_NOSLEEP=1 and PEBBLE_WFE_NONCEREJECT=0, so the CA's own delays
# and retries are out of the picture; every run uses a fresh state directory (so a new
# account is registered) and a name of its own (so no authorization is reused); every tool
# makes an ECDSA P-256 certificate key and answers HTTP-01 with its own listener. One
# untimed warm-up run per tool first (page cache; exacme's class data sharing archive,
# which its launcher records on the first issue). Raw figures go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
runs=${1:-5}

scripts/need.sh certbot:certbot lego:lego bc:bc /usr/bin/time:time

# Always build: a stale jar would measure an older exacme.
echo "bench: building exacme ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-bench-XXXXXX)
trap 'scripts/local-pebble.sh stop "$work/pebble"' EXIT
scripts/local-pebble.sh start "$work/pebble"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"

mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw="bench/results/issue-one-$stamp.tsv"
printf 'tool\trun\twall_s\tcpu_s\tpeak_kib\n' > "$raw"

run_exacme() { # $1 name, $2 state dir
  cli/target/exacme issue -d "$1" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
    --http-port "$PEBBLE_HTTP_PORT" --http-bind 127.0.0.1 --agree-tos --skip-self-check --email bench@exacme.test \
    --key-type ec256 --config-dir "$2/config" --out "$2/out" --quiet
}
run_certbot() {
  REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot certonly --standalone --non-interactive --agree-tos \
    -m bench@exacme.test --server "$PEBBLE_DIRECTORY" -d "$1" --http-01-port "$PEBBLE_HTTP_PORT" \
    --http-01-address 127.0.0.1 --key-type ecdsa --elliptic-curve secp256r1 \
    --config-dir "$2/config" --work-dir "$2/work" --logs-dir "$2/logs" --quiet
}
run_lego() {
  LEGO_CA_CERTIFICATES=$PEBBLE_TRUST lego --server "$PEBBLE_DIRECTORY" --accept-tos --email bench@exacme.test \
    --http --http.port "127.0.0.1:$PEBBLE_HTTP_PORT" --domains "$1" --key-type ec256 --path "$2" run
}

export -f run_exacme run_certbot run_lego
export PEBBLE_DIRECTORY PEBBLE_TRUST PEBBLE_HTTP_PORT

for tool in exacme certbot lego; do
  echo "bench: $tool warm-up ..." >&2
  measure "$tool" warmup "warmup.$tool.bench.exacme.test" >/dev/null
done
for i in $(seq 1 "$runs"); do
  for tool in exacme certbot lego; do
    measure "$tool" "r$i" "r$i.$tool.bench.exacme.test" >> "$raw"
  done
  echo "bench: round $i of $runs done" >&2
done

echo
printf '%-8s %10s %10s %12s\n' tool "wall s" "CPU s" "peak MiB"
declare -A wall cpu peak
for tool in exacme certbot lego; do
  wall[$tool]=$(median "$raw" "$tool" 3); cpu[$tool]=$(median "$raw" "$tool" 4); peak[$tool]=$(median "$raw" "$tool" 5)
  printf '%-8s %10.2f %10.2f %12.1f\n' "$tool" "${wall[$tool]}" "${cpu[$tool]}" "$(echo "${peak[$tool]} / 1024" | bc -l)"
done
echo
for other in certbot lego; do
  printf 'exacme / %-8s wall %.2f   CPU %.2f   peak memory %.2f\n' "$other" \
    "$(echo "${wall[exacme]} / ${wall[$other]}" | bc -l)" "$(echo "${cpu[exacme]} / ${cpu[$other]}" | bc -l)" \
    "$(echo "${peak[exacme]} / ${peak[$other]}" | bc -l)"
done
echo "(medians of $runs runs; raw figures in $raw)"
