# A CA that answers only what `exacme renew` with nothing due asks: the directory (with
# renewalInfo) and RFC 9773 renewal information (a window a year ahead, Retry-After 6 h).
# Counts requests per kind and TLS connections; GET /stats prints them.
import http.server, json, ssl, sys, threading, collections
port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
base = f"https://127.0.0.1:{port}"
counts = collections.Counter(); lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def setup(self):
        super().setup()
        with lock: counts["connections"] += 1
    def log_message(self, *a): pass
    def send(self, code, body, extra=()):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in extra: self.send_header(k, v)
        self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        if self.path == "/dir":
            with lock: counts["directory"] += 1
            self.send(200, {"newNonce": base + "/nonce", "newAccount": base + "/acct", "newOrder": base + "/order",
                            "revokeCert": base + "/revoke", "keyChange": base + "/kc", "renewalInfo": base + "/renewal-info",
                            "meta": {"termsOfService": "data:text/plain,x"}})
        elif self.path.startswith("/renewal-info/"):
            with lock: counts["renewal-info"] += 1
            self.send(200, {"suggestedWindow": {"start": "2030-01-01T00:00:00Z", "end": "2030-01-03T00:00:00Z"}},
                      [("Retry-After", "21600")])
        elif self.path == "/stats":
            with lock: self.send(200, dict(counts))
        elif self.path == "/reset":
            with lock: counts.clear()
            self.send(200, {})
        else:
            with lock: counts["other " + self.path] += 1
            self.send(404, {"type": "urn:ietf:params:acme:error:malformed"})
    def do_HEAD(self):
        with lock: counts["nonce"] += 1
        self.send_response(200); self.send_header("Replay-Nonce", "abc"); self.send_header("Content-Length", "0"); self.end_headers()
srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
