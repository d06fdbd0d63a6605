#!/usr/bin/env bash
# Starts or stops a local BIND 9 authoritative for example.test and delegated.test on
# 127.0.0.1:53, accepting RFC 2136 updates of TXT records signed with a fresh TSIG key, for
# the DNS-01 benchmark. Port 53 because DNS-01 checks ask a zone's name servers, which NS
# records name without a port; that needs root. The JUnit tests have their own starter
# (BindExtension). named drops root for the bind user, so DIR and its parents must be
# reachable by it.
#
#   scripts/local-bind.sh start DIR      writes DIR/bind.env: BIND_SERVER, BIND_KEY_NAME,
#                                        BIND_SECRET, BIND_PID
#   scripts/local-bind.sh stop DIR
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
action=$1
dir=$2

start() {
  "$(dirname "$0")/need.sh" /usr/sbin/named:bind9
  if [[ $(id -u) -ne 0 ]]; then
    echo "local-bind: BIND must listen on 127.0.0.1:53, which needs root" >&2
    exit 2
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local secret
  secret=$(head -c 32 /dev/urandom | base64)
  cat > "$dir/named.conf" <<CONF
key "exacme-bench" { algorithm hmac-sha256; secret "$secret"; };
options {
  directory "$dir";
  listen-on port 53 { 127.0.0.1; };
  listen-on-v6 { none; };
  pid-file "$dir/named.pid";
  recursion yes;
  allow-recursion { 127.0.0.1; };
  allow-query { any; };
  dnssec-validation no;
  notify no;
};
controls { };
zone "example.test" { type primary; file "example.test.zone"; update-policy { grant exacme-bench zonesub TXT; }; };
zone "localhost" { type primary; file "localhost.zone"; };
CONF
  cat > "$dir/example.test.zone" <<'ZONE'
$TTL 60
@ IN SOA localhost. hostmaster.example.test. 1 60 60 600 60
@ IN NS localhost.
@ IN A 127.0.0.1
* IN A 127.0.0.1
ZONE
  # The name server is "localhost." so that clients which look it up through the system
  # resolver (lego does) find 127.0.0.1 in /etc/hosts, and those asking BIND find it here.
  cat > "$dir/localhost.zone" <<'ZONE'
$TTL 60
@ IN SOA localhost. hostmaster.localhost. 1 60 60 600 60
@ IN NS localhost.
@ IN A 127.0.0.1
ZONE
  chmod 777 "$dir"
  chmod 666 "$dir"/named.conf "$dir"/example.test.zone "$dir"/localhost.zone
  named -g -c "$dir/named.conf" -u bind >"$dir/named.log" 2>&1 &
  local pid=$!
  cat > "$dir/bind.env" <<ENV
BIND_SERVER=127.0.0.1:53
BIND_KEY_NAME=exacme-bench
BIND_SECRET=$secret
BIND_PID=$pid
ENV
  for _ in $(seq 1 100); do
    if dig +short +time=1 +tries=1 @127.0.0.1 SOA example.test 2>/dev/null | grep -q localhost; then
      echo "local-bind: BIND answers on 127.0.0.1:53 (settings in $dir/bind.env)" >&2
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "local-bind: named did not start:" >&2
  tail -20 "$dir/named.log" >&2
  stop
  exit 1
}

stop() {
  [[ -f "$dir/bind.env" ]] || return 0
  local pid
  pid=$(. "$dir/bind.env" && echo "$BIND_PID")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/bind.env"
}

case $action in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
