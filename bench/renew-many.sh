#!/usr/bin/env bash
# Times renewing many certificates at once: `exacme renew --force` for N managed certificates
# beside `certbot renew --force-renewal` for the same N names, against the same local Pebble,
# and prints wall time, CPU and peak memory and exacme's ratios to certbot.
#
#   bench/renew-many.sh [N]      (default 100)
#
# Both tools answer HTTP-01 through one webroot that a local web server (python3 -m
# http.server) serves on Pebble's HTTP-01 port, so neither needs its own listener and exacme
# may renew concurrently (--concurrency 4, its default). Setting the certificates up (exacme
# add, certbot certonly) is not timed. Pebble runs with PEBBLE_VA_NOSLEEP=1 and no nonce
# rejections, as in issue-one.sh. Raw figures go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
count=${1:-100}

scripts/need.sh certbot:certbot bc:bc /usr/bin/time:time python3:python3

echo "bench: building exacme ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-bench-XXXXXX)
webroot="$work/webroot"
mkdir -p "$webroot"
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  scripts/local-pebble.sh stop "$work/pebble"
}
trap cleanup EXIT
scripts/local-pebble.sh start "$work/pebble"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"
python3 -m http.server "$PEBBLE_HTTP_PORT" --bind 127.0.0.1 --directory "$webroot" >/dev/null 2>&1 &
server_pid=$!

exacme_config="$work/exacme/config"
certbot_dir="$work/certbot"
echo "bench: setting up $count certificates for each tool (not timed) ..." >&2
for i in $(seq 1 "$count"); do
  name="c$i.renew.bench.exacme.test"
  cli/target/exacme add "c$i" --config-dir "$exacme_config" --quiet -d "$name" --server "$PEBBLE_DIRECTORY" \
    --trust "$PEBBLE_TRUST" --agree-tos --skip-self-check --email bench@exacme.test --key-type ec256 \
    --webroot "$webroot" --out "$work/exacme/pem/c$i" >/dev/null
  REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot certonly --webroot -w "$webroot" --non-interactive --agree-tos \
    -m bench@exacme.test --server "$PEBBLE_DIRECTORY" -d "$name" --key-type ecdsa --elliptic-curve secp256r1 \
    --config-dir "$certbot_dir/config" --work-dir "$certbot_dir/work" --logs-dir "$certbot_dir/logs" --quiet
  (( i % 10 == 0 )) && echo "bench: $i of $count set up" >&2
done

mkdir -p bench/results
raw="bench/results/renew-many-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'tool\trun\twall_s\tcpu_s\tpeak_kib\n' > "$raw"
run_exacme() {
  cli/target/exacme renew --force --config-dir "$exacme_config" --quiet
}
run_certbot() {
  REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot renew --force-renewal --non-interactive \
    --config-dir "$certbot_dir/config" --work-dir "$certbot_dir/work" --logs-dir "$certbot_dir/logs" --quiet
}
export -f run_exacme run_certbot
export PEBBLE_TRUST exacme_config certbot_dir
for tool in exacme certbot; do
  echo "bench: $tool renews $count certificates ..." >&2
  measure "$tool" "renew-$count" "-" >> "$raw"
done

declare -A wall cpu peak
echo
printf '%-8s %10s %10s %12s\n' tool "wall s" "CPU s" "peak MiB"
for tool in exacme certbot; do
  wall[$tool]=$(median "$raw" "$tool" 3); cpu[$tool]=$(median "$raw" "$tool" 4); peak[$tool]=$(median "$raw" "$tool" 5)
  printf '%-8s %10.2f %10.2f %12.1f\n' "$tool" "${wall[$tool]}" "${cpu[$tool]}" "$(echo "${peak[$tool]} / 1024" | bc -l)"
done
printf '\nexacme / certbot   wall %.3f (certbot takes %.1fx as long)   CPU %.2f   peak memory %.2f\n' \
  "$(echo "${wall[exacme]} / ${wall[certbot]}" | bc -l)" "$(echo "${wall[certbot]} / ${wall[exacme]}" | bc -l)" \
  "$(echo "${cpu[exacme]} / ${cpu[certbot]}" | bc -l)" "$(echo "${peak[exacme]} / ${peak[certbot]}" | bc -l)"
echo "(one run of each renewing $count certificates; raw figures in $raw)"
