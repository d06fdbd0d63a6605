#!/usr/bin/env bash
# Times one certificate issuance (new account + one name + HTTP-01) as a whole process, for
# exacme, certbot and lego (Debian packages) against the same local Pebble, in two modes, and
# prints the medians and exacme's ratios to the others for each:
#   defaults  each tool's default certificate key, as a user who passes no --key-type gets it:
#             exacme RSA 2048, certbot 2.1 ECDSA P-256 (--key-type ecdsa, secp256r1), lego 4.9
#             EC P-256 (--key-type ec256); no key option is passed to any of them
#   ecdsa     ECDSA P-256 for all three, passed explicitly
#
#   bench/issue-one.sh [RUNS]      (default 5; each round runs both modes, one tool after the other)
#
# Pebble runs with PEBBLE_VA_NOSLEEP=1 and PEBBLE_WFE_NONCEREJECT=0, so the CA's own delays
# and retries are out of the picture; every run uses a fresh state directory (so a new
# account is registered) and a name of its own (so no authorization is reused); every tool
# answers HTTP-01 with its own listener. One untimed warm-up run per tool and mode first
# (page cache; exacme's class data sharing archive, which its launcher records on the first
# issue: in defaults mode, as a user's first issue would). Raw figures go to bench/results/,
# one file per mode.
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
modes=(defaults ecdsa)
declare -A raw
for mode in "${modes[@]}"; do
  raw[$mode]="bench/results/issue-one-$stamp-$mode.tsv"
  printf 'tool\trun\twall_s\tcpu_s\tpeak_kib\n' > "${raw[$mode]}"
done

# BENCH_MODE (exported before each measurement) picks the key options: none in defaults mode.
key_args() { # $1 tool
  [[ $BENCH_MODE == ecdsa ]] || return 0
  case $1 in
    exacme|lego) echo "--key-type ec256" ;;
    certbot) echo "--key-type ecdsa --elliptic-curve secp256r1" ;;
  esac
}

run_exacme() { # $1 name, $2 state dir
  cli/target/exacme issue -d "$1" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
    --http-port "$PEBBLE_HTTP_PORT" --http-bind 127.0.0.1 --agree-tos --skip-self-check --email bench@exacme.test \
    $(key_args exacme) --config-dir "$2/config" --out "$2/out" --quiet
}
run_certbot() {
  REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot certonly --standalone --non-interactive --agree-tos \
    -m bench@exacme.test --server "$PEBBLE_DIRECTORY" -d "$1" --http-01-port "$PEBBLE_HTTP_PORT" \
    --http-01-address 127.0.0.1 $(key_args certbot) \
    --config-dir "$2/config" --work-dir "$2/work" --logs-dir "$2/logs" --quiet
}
run_lego() {
  LEGO_CA_CERTIFICATES=$PEBBLE_TRUST lego --server "$PEBBLE_DIRECTORY" --accept-tos --email bench@exacme.test \
    --http --http.port "127.0.0.1:$PEBBLE_HTTP_PORT" --domains "$1" $(key_args lego) --path "$2" run
}

export -f run_exacme run_certbot run_lego key_args
export PEBBLE_DIRECTORY PEBBLE_TRUST PEBBLE_HTTP_PORT BENCH_MODE

for mode in "${modes[@]}"; do
  export BENCH_MODE=$mode
  for tool in exacme certbot lego; do
    echo "bench: $tool warm-up ($mode) ..." >&2
    measure "$tool" "$mode-warmup" "warmup.$mode.$tool.bench.exacme.test" >/dev/null
  done
done
for i in $(seq 1 "$runs"); do
  for mode in "${modes[@]}"; do
    export BENCH_MODE=$mode
    for tool in exacme certbot lego; do
      measure "$tool" "$mode-r$i" "r$i.$mode.$tool.bench.exacme.test" >> "${raw[$mode]}"
    done
  done
  echo "bench: round $i of $runs done" >&2
done

for mode in "${modes[@]}"; do
  echo
  case $mode in
    defaults) echo "defaults mode (no key option: exacme RSA 2048, certbot and lego ECDSA P-256)" ;;
    ecdsa) echo "ecdsa mode (ECDSA P-256 for all three)" ;;
  esac
  printf '%-8s %10s %10s %12s\n' tool "wall s" "CPU s" "peak MiB"
  declare -A wall cpu peak
  for tool in exacme certbot lego; do
    wall[$tool]=$(median "${raw[$mode]}" "$tool" 3); cpu[$tool]=$(median "${raw[$mode]}" "$tool" 4)
    peak[$tool]=$(median "${raw[$mode]}" "$tool" 5)
    printf '%-8s %10.2f %10.2f %12.1f\n' "$tool" "${wall[$tool]}" "${cpu[$tool]}" "$(echo "${peak[$tool]} / 1024" | bc -l)"
  done
  echo
  for other in certbot lego; do
    printf 'exacme / %-8s wall %.2f   CPU %.2f   peak memory %.2f\n' "$other" \
      "$(echo "${wall[exacme]} / ${wall[$other]}" | bc -l)" "$(echo "${cpu[exacme]} / ${cpu[$other]}" | bc -l)" \
      "$(echo "${peak[exacme]} / ${peak[$other]}" | bc -l)"
  done
  unset wall cpu peak
done
echo
echo "targets (issue 17): exacme / certbot wall <= 0.25 (defaults), <= 0.20 (ecdsa); peak memory <= 1.2"
echo "(medians of $runs runs per mode; raw figures in ${raw[defaults]} and ${raw[ecdsa]})"
