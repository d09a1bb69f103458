# SPDX-License-Identifier: Apache-2.0
"""What the loopback stand-ins of AWS services share: a threaded HTTP server on 127.0.0.1 with
an ephemeral port, a spec file re-read on every request (so that a test changes behaviour by
rewriting it), a log of every request, and optionally TLS under a CA made for the run."""
import json
import os
import ssl
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_log_lock = threading.Lock()


class StandInHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state_dir = "."

    def spec(self):
        with open(os.path.join(self.state_dir, "spec.json"), encoding="utf-8") as f:
            return json.load(f)

    def record(self, **entry):
        line = json.dumps(entry, sort_keys=True)
        with _log_lock, open(os.path.join(self.state_dir, "requests.jsonl"), "a") as f:
            f.write(line + "\n")

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: the request log is the record
        pass


def make_throwaway_ca(state_dir):
    """A CA and a server certificate for IP 127.0.0.1, valid two days, made by openssl."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=state_dir, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    run("req", "-x509", *curve, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=zklive test CA")
    run("req", *curve, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(state_dir, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                "extendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "server.ext")


def serve(handler_class, tls):
    """Serves until killed. The port is written to DIR/port once the socket listens."""
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} STATE_DIR (holding spec.json)")
    state_dir = os.path.abspath(sys.argv[1])
    handler_class.state_dir = state_dir
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    if tls:
        make_throwaway_ca(state_dir)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(state_dir, "server.pem"),
                                os.path.join(state_dir, "server.key"))
        server.socket = context.wrap_socket(server.socket, server_side=True)
    port_file = os.path.join(state_dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()
