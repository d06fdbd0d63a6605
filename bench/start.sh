#!/usr/bin/env bash
# Times start-up as a whole process: `exacme --version` and `exacme list` (an empty state
# directory, and one with 50 managed certificates) beside `certbot --version` and
# `certbot certificates` (no lineage, and 50), and prints the medians and exacme's ratios.
#
#   bench/start.sh [RUNS]      (default 10)
#
# Nothing here orders a certificate while timed. Set up first, untimed, against a local Pebble
# (scripts/local-pebble.sh): one `exacme issue` (the launcher records its class data sharing
# archive on the first issue, as after a user's first certificate; a warm-up for the page
# cache too), one `exacme add` and one `certbot certonly` as templates. The 50 exacme
# definitions are that definition, state and kept certificate written again under 50 names
# (bench/lib.sh clone_exacme: what `exacme add` writes, without 50 orders); the 50 certbot
# lineages are its lineage copied the same way (clone_certbot: archive, live links, renewal
# configuration). `exacme list` reads every definition, state and certificate; `certbot
# certificates` every renewal configuration and certificate. Raw figures go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
runs=${1:-10}
count=50

scripts/need.sh certbot:certbot bc:bc /usr/bin/time:time

# Always build: a stale jar would measure an older exacme.
echo "bench: building exacme ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-bench-start-XXXXXX)
trap 'scripts/local-pebble.sh stop "$work/pebble"' EXIT
scripts/local-pebble.sh start "$work/pebble"
# shellcheck disable=SC1091
. "$work/pebble/pebble.env"

template=zzclonezz
domain=$template.start.bench.exacme.test
echo "bench: setting up (not timed): one exacme issue, one exacme add, one certbot certonly ..." >&2
cli/target/exacme issue -d "warmup.start.bench.exacme.test" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
  --http-port "$PEBBLE_HTTP_PORT" --http-bind 127.0.0.1 --agree-tos --skip-self-check --email bench@exacme.test \
  --config-dir "$work/warmup/config" --out "$work/warmup/out" --quiet >/dev/null
cli/target/exacme add "$template" -d "$domain" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
  --http-port "$PEBBLE_HTTP_PORT" --http-bind 127.0.0.1 --agree-tos --skip-self-check --email bench@exacme.test \
  --config-dir "$work/exacme-template" --out "$work/pem/$template" --quiet >/dev/null
REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot certonly --standalone --non-interactive --agree-tos \
  -m bench@exacme.test --server "$PEBBLE_DIRECTORY" -d "$domain" --http-01-port "$PEBBLE_HTTP_PORT" \
  --http-01-address 127.0.0.1 --config-dir "$work/certbot-template" --work-dir "$work/certbot-work" \
  --logs-dir "$work/certbot-logs" --quiet

mkdir -p "$work/exacme-0" "$work/certbot-0" "$work/exacme-$count" "$work/certbot-$count"
cp -a "$work/exacme-template/accounts" "$work/exacme-$count/accounts"
cp -a "$work/certbot-template/accounts" "$work/certbot-$count/accounts"
for i in $(seq 1 "$count"); do
  clone_exacme "$work/exacme-template" "$template" "$work/exacme-$count" "c$i" state
  clone_certbot "$work/certbot-template" "$domain" "$work/certbot-$count" "c$i.start.bench.exacme.test"
done
# Both must see all 50 (else the comparison is of something else).
listed=$(cli/target/exacme list --config-dir "$work/exacme-$count" | grep -c '^c[0-9]')
found=$(certbot certificates --config-dir "$work/certbot-$count" --work-dir "$work/certbot-work" \
  --logs-dir "$work/certbot-logs" 2>/dev/null | grep -c 'Certificate Name: c[0-9]')
if [[ $listed != "$count" || $found != "$count" ]]; then
  echo "bench: exacme lists $listed and certbot finds $found of $count certificates" >&2
  exit 1
fi

mkdir -p bench/results
raw="bench/results/start-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'case\trun\twall_s\tcpu_s\tpeak_kib\n' > "$raw"

run_exacme_version() { cli/target/exacme --version; }
run_exacme_list0() { cli/target/exacme list --config-dir "$WORK/exacme-0"; }
run_exacme_list50() { cli/target/exacme list --config-dir "$WORK/exacme-$COUNT"; }
run_certbot_version() { certbot --version; }
certbot_certificates() { # $1 config dir; $2 this run's scratch directory
  certbot certificates --config-dir "$1" --work-dir "$2/work" --logs-dir "$2/logs"
}
run_certbot_list0() { certbot_certificates "$WORK/certbot-0" "$2"; }
run_certbot_list50() { certbot_certificates "$WORK/certbot-$COUNT" "$2"; }
export -f run_exacme_version run_exacme_list0 run_exacme_list50 run_certbot_version certbot_certificates \
  run_certbot_list0 run_certbot_list50
export WORK=$work COUNT=$count

cases=(version list0 list50)
for c in "${cases[@]}"; do   # one untimed run of each: page cache
  for tool in exacme certbot; do measure "${tool}_$c" warmup - >/dev/null; done
done
for i in $(seq 1 "$runs"); do
  for c in "${cases[@]}"; do
    for tool in exacme certbot; do measure "${tool}_$c" "r$i" - >> "$raw"; done
  done
  echo "bench: round $i of $runs done" >&2
done

echo
printf '%-22s %8s %8s %8s   %8s %8s %8s   %11s %11s\n' "" "exacme" "" "" "certbot" "" "" "exacme /" "certbot"
printf '%-22s %8s %8s %8s   %8s %8s %8s   %11s %11s\n' command "wall s" "CPU s" "peak MiB" "wall s" "CPU s" \
  "peak MiB" wall "peak memory"
declare -A label=([version]="--version" [list0]="list, 0 certificates" [list50]="list, $count certificates")
for c in "${cases[@]}"; do
  declare -A wall cpu peak
  for tool in exacme certbot; do
    wall[$tool]=$(median "$raw" "${tool}_$c" 3); cpu[$tool]=$(median "$raw" "${tool}_$c" 4)
    peak[$tool]=$(median "$raw" "${tool}_$c" 5)
  done
  printf '%-22s %8.2f %8.2f %8.1f   %8.2f %8.2f %8.1f   %11.2f %11.2f\n' "${label[$c]}" \
    "${wall[exacme]}" "${cpu[exacme]}" "$(echo "${peak[exacme]} / 1024" | bc -l)" \
    "${wall[certbot]}" "${cpu[certbot]}" "$(echo "${peak[certbot]} / 1024" | bc -l)" \
    "$(echo "${wall[exacme]} / ${wall[certbot]}" | bc -l)" "$(echo "${peak[exacme]} / ${peak[certbot]}" | bc -l)"
  unset wall cpu peak
done
echo
echo "(exacme list against certbot certificates; target (issue 17): exacme --version <= 0.4x certbot's wall)"
echo "(medians of $runs runs; raw figures in $raw)"
