#!/usr/bin/env bash
# Starts or stops a local Pebble ACME CA (Debian package `pebble`) for trying exacme and for
# the benchmarks. The JUnit tests have their own starter (PebbleExtension); this one is for
# shell use.
#
#   scripts/local-pebble.sh start DIR [--nonce-reject PERCENT] [--dns-server HOST:PORT]
#   scripts/local-pebble.sh stop DIR
#
# `start` generates a throwaway root and a server certificate for 127.0.0.1 with openssl,
# picks free loopback ports, starts pebble-challtestsrv (DNS answering every A query with
# 127.0.0.1, no AAAA) and pebble (PEBBLE_VA_NOSLEEP=1, authorization reuse off), waits
# until the directory answers and writes DIR/pebble.env:
#   PEBBLE_DIRECTORY   https://127.0.0.1:PORT/dir
#   PEBBLE_TRUST       the root to pass to --trust
#   PEBBLE_HTTP_PORT   the port Pebble connects to for HTTP-01 (bind your listener there)
#   PEBBLE_MANAGEMENT  https://127.0.0.1:PORT (roots, intermediates)
#   PEBBLE_PIDS        the two process ids
set -euo pipefail

usage() { echo "usage: $0 start DIR [--nonce-reject PERCENT] | stop DIR" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
action=$1
dir=$2
shift 2

free_port() {
  python3 - <<'PY' 2>/dev/null || shuf -i 20000-60000 -n 1
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start() {
  local nonce_reject=0 dns_server=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --nonce-reject) nonce_reject=$2; shift 2 ;;
      --dns-server) dns_server=$2; shift 2 ;;
      *) usage ;;
    esac
  done
  "$(dirname "$0")/need.sh" pebble:pebble openssl:openssl curl:curl python3:python3-minimal
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)

  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=exacme local Pebble root" -keyout "$dir/root-key.pem" -out "$dir/root.pem" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server-key.pem" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n' > "$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/root.pem" -CAkey "$dir/root-key.pem" -CAcreateserial \
    -days 2 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null

  local listen management http tls dns cts
  listen=$(free_port); management=$(free_port); http=$(free_port); tls=$(free_port)
  dns=$(free_port); cts=$(free_port)
  cat > "$dir/pebble-config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$listen", "managementListenAddress": "127.0.0.1:$management",
  "certificate": "$dir/server.pem", "privateKey": "$dir/server-key.pem",
  "httpPort": $http, "tlsPort": $tls, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON

  local cts_pid=""
  if [[ -z $dns_server ]]; then
    pebble-challtestsrv -management "127.0.0.1:$cts" -dns01 "127.0.0.1:$dns" -http01 "" -https01 "" \
      -tlsalpn01 "" -defaultIPv4 127.0.0.1 -defaultIPv6 "" >"$dir/challtestsrv.log" 2>&1 &
    cts_pid=$!
    dns_server=127.0.0.1:$dns
  fi
  PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=$nonce_reject PEBBLE_AUTHZREUSE=0 \
    pebble -config "$dir/pebble-config.json" -dnsserver "$dns_server" >"$dir/pebble.log" 2>&1 &
  local pebble_pid=$!

  cat > "$dir/pebble.env" <<ENV
PEBBLE_DIRECTORY=https://127.0.0.1:$listen/dir
PEBBLE_TRUST=$dir/root.pem
PEBBLE_HTTP_PORT=$http
PEBBLE_MANAGEMENT=https://127.0.0.1:$management
PEBBLE_PIDS="$pebble_pid $cts_pid"
ENV
  for _ in $(seq 1 100); do
    if curl -fsS --cacert "$dir/root.pem" "https://127.0.0.1:$listen/dir" >/dev/null 2>&1; then
      echo "local-pebble: Pebble answers at https://127.0.0.1:$listen/dir (settings in $dir/pebble.env)" >&2
      return 0
    fi
    if ! kill -0 "$pebble_pid" 2>/dev/null || { [[ -n $cts_pid ]] && ! kill -0 "$cts_pid" 2>/dev/null; }; then break; fi
    sleep 0.1
  done
  echo "local-pebble: Pebble did not start; its log:" >&2
  tail -20 "$dir/pebble.log" "$dir/challtestsrv.log" >&2 || true
  stop
  exit 1
}

stop() {
  [[ -f "$dir/pebble.env" ]] || return 0
  # shellcheck disable=SC1091
  local pids
  pids=$(. "$dir/pebble.env" && echo "$PEBBLE_PIDS")
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$dir/pebble.env"
}

case $action in
  start) start "$@" ;;
  stop) stop ;;
  *) usage ;;
esac
