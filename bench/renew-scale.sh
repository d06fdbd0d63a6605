#!/usr/bin/env bash
# How `exacme renew` grows with the number of managed certificates: for each size, one state
# directory with that many certificates, then `exacme renew` with nothing due (median of 3
# runs) and `exacme renew --force` (one run), each under GNU time: wall time, user+system CPU,
# peak resident memory. certbot's `renew` beside it (nothing due; --force-renewal) at the
# smaller sizes. Against one local Pebble (PEBBLE_VA_NOSLEEP=1, no nonce rejections).
#
#   bench/renew-scale.sh [SIZES] [CERTBOT_SIZES]      (defaults "10 100 1000" and "10 100")
#   e.g. bench/renew-scale.sh "10 100" 10
#
# exacme's certificates are issued for real, and that is timed too (the "setup" row): one
# `exacme add` makes a template definition (ECDSA P-256, HTTP-01 through a webroot), which is
# written again under each name (bench/lib.sh clone_exacme: what `exacme add` writes, with
# its own name, identifier and PEM directory) without a state; the first `exacme renew` finds
# them never issued and orders every one (4 at a time, its default), so each certificate,
# key and state is the CA's own. certbot's lineages (ECDSA P-256, its default; the same
# webroot) are one real `certbot certonly` copied under each name (clone_certbot), as
# issuing them one by one takes about 3 s each: its nothing-due run reads each lineage as it
# would its own; a forced renewal of a copy orders the template's name again, a full order
# with its own HTTP-01 validation (Pebble does not reuse authorizations here), which costs
# the CA and certbot what renewing its own name would. certbot renews with
# --no-random-sleep-on-renew (without a terminal it would otherwise first sleep up to 8
# minutes). Both tools answer HTTP-01 through one webroot served on Pebble's HTTP-01 port by
# python3 -m http.server. Raw figures go to bench/results/.
#
# Pebble 2.4.0 offers no renewal information (ARI), so "nothing due" decides from each
# certificate's lifetime without asking the CA per certificate; with a CA that offers ARI,
# exacme asks it once per certificate.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
read -r -a sizes <<< "${1:-10 100 1000}"
read -r -a certbot_sizes <<< "${2:-10 100}"
idle_runs=3

scripts/need.sh certbot:certbot bc:bc /usr/bin/time:time python3:python3

# Always build: a stale jar would measure an older exacme.
echo "bench: building exacme ..." >&2
mvn -q -B -ntp -DskipTests package

work=$(mktemp -d -t exacme-bench-scale-XXXXXX)
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

template=zzclonezz
domain=$template.scale.bench.exacme.test
echo "bench: templates (not timed): one exacme add, one certbot certonly ..." >&2
cli/target/exacme add "$template" -d "$domain" --server "$PEBBLE_DIRECTORY" --trust "$PEBBLE_TRUST" \
  --agree-tos --skip-self-check --email bench@exacme.test --key-type ec256 --webroot "$webroot" \
  --config-dir "$work/exacme-template" --out "$work/pem/$template" --quiet >/dev/null
REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot certonly --webroot -w "$webroot" --non-interactive --agree-tos \
  -m bench@exacme.test --server "$PEBBLE_DIRECTORY" -d "$domain" \
  --config-dir "$work/certbot-template" --work-dir "$work/certbot-work" --logs-dir "$work/certbot-logs" --quiet

mkdir -p bench/results
raw="bench/results/renew-scale-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'case\trun\twall_s\tcpu_s\tpeak_kib\n' > "$raw"

run_exacme_setup() { cli/target/exacme renew --config-dir "$WORK/exacme-$1" --quiet; }
run_exacme_idle() { cli/target/exacme renew --config-dir "$WORK/exacme-$1" --quiet; }
run_exacme_force() { cli/target/exacme renew --force --config-dir "$WORK/exacme-$1" --quiet; }
certbot_renew() { # $1 size, then certbot's options
  local dir="$WORK/certbot-$1"
  shift
  REQUESTS_CA_BUNDLE=$PEBBLE_TRUST certbot renew --non-interactive --no-random-sleep-on-renew "$@" \
    --config-dir "$dir/config" --work-dir "$dir/work" --logs-dir "$dir/logs" --quiet
}
run_certbot_idle() { certbot_renew "$1"; }
run_certbot_force() { certbot_renew "$1" --force-renewal; }
export -f run_exacme_setup run_exacme_idle run_exacme_force certbot_renew run_certbot_idle run_certbot_force
export WORK=$work PEBBLE_TRUST

# measure_size CASE SIZE RUN: measures run_CASE SIZE once, the row tagged with the size
measure_size() {
  measure "$1" "n$2-$3" "$2" | awk -F'\t' -v OFS='\t' -v n="$2" '{ $1 = $1 "@" n; print }' >> "$raw"
}

for n in "${sizes[@]}"; do
  config="$work/exacme-$n"
  mkdir -p "$config"
  cp -a "$work/exacme-template/accounts" "$config/accounts"
  for i in $(seq 1 "$n"); do clone_exacme "$work/exacme-template" "$template" "$config" "s${n}c$i"; done
  echo "bench: exacme issues $n certificates (setup, timed) ..." >&2
  measure_size exacme_setup "$n" 1
  issued=$(find "$config/state" -name '*.pem' | wc -l)
  if [[ $issued != "$n" ]]; then
    echo "bench: exacme issued $issued of $n certificates; see $work/exacme_setup-n$n-1/" >&2
    exit 1
  fi
  echo "bench: exacme renew, $n certificates, nothing due ..." >&2
  for r in $(seq 1 "$idle_runs"); do measure_size exacme_idle "$n" "$r"; done
  echo "bench: exacme renew --force, $n certificates ..." >&2
  measure_size exacme_force "$n" 1
done

for n in "${certbot_sizes[@]}"; do
  config="$work/certbot-$n/config"
  mkdir -p "$config"
  cp -a "$work/certbot-template/accounts" "$config/accounts"
  for i in $(seq 1 "$n"); do
    clone_certbot "$work/certbot-template" "$domain" "$config" "s${n}c$i.scale.bench.exacme.test"
  done
  echo "bench: certbot renew, $n lineages, nothing due ..." >&2
  for r in $(seq 1 "$idle_runs"); do measure_size certbot_idle "$n" "$r"; done
  echo "bench: certbot renew --force-renewal, $n lineages ..." >&2
  measure_size certbot_force "$n" 1
done

echo
printf '%-8s %-22s %6s %10s %10s %10s %14s\n' tool run certs "wall s" "CPU s" "peak MiB" "wall ms/cert"
declare -A wall peak
for tool in exacme certbot; do
  if [[ $tool == exacme ]]; then list=("${sizes[@]}"); kinds=(setup idle force); else list=("${certbot_sizes[@]}"); kinds=(idle force); fi
  for k in "${kinds[@]}"; do
    for n in "${list[@]}"; do
      key="${tool}_$k@$n"
      w=$(median "$raw" "$key" 3); c=$(median "$raw" "$key" 4); p=$(median "$raw" "$key" 5)
      wall[$key]=$w; peak[$key]=$p
      case $k in setup) what="issue (setup)" ;; idle) what="renew, nothing due" ;; force) what="renew, all forced" ;; esac
      printf '%-8s %-22s %6d %10.2f %10.2f %10.1f %14.1f\n' "$tool" "$what" "$n" "$w" "$c" \
        "$(echo "$p / 1024" | bc -l)" "$(echo "$w * 1000 / $n" | bc -l)"
    done
  done
done
echo
for n in "${certbot_sizes[@]}"; do
  [[ -n ${wall[exacme_idle@$n]:-} ]] || continue
  printf 'exacme / certbot at %5d: nothing due wall %.2f, peak memory %.2f; forced wall %.3f, peak memory %.2f\n' "$n" \
    "$(echo "${wall[exacme_idle@$n]} / ${wall[certbot_idle@$n]}" | bc -l)" \
    "$(echo "${peak[exacme_idle@$n]} / ${peak[certbot_idle@$n]}" | bc -l)" \
    "$(echo "${wall[exacme_force@$n]} / ${wall[certbot_force@$n]}" | bc -l)" \
    "$(echo "${peak[exacme_force@$n]} / ${peak[certbot_force@$n]}" | bc -l)"
done
first=${sizes[0]} last=${sizes[${#sizes[@]}-1]}
if [[ $first != "$last" ]]; then
  printf 'exacme peak memory at %d / at %d: nothing due %.2f, forced %.2f\n' "$last" "$first" \
    "$(echo "${peak[exacme_idle@$last]} / ${peak[exacme_idle@$first]}" | bc -l)" \
    "$(echo "${peak[exacme_force@$last]} / ${peak[exacme_force@$first]}" | bc -l)"
fi
echo
echo "targets (issue 17): nothing due at 10 no slower than certbot's (wall <= 1.00); peak memory at 1000 within 1.5x of that at 10"
echo "(nothing due: medians of $idle_runs runs; setup and forced: one run; raw figures in $raw)"
