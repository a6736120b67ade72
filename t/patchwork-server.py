#!/usr/bin/python3
# A stand-in for the patchwork REST API on loopback, for the tests of
# git bpf status.  GET <prefix>/patches/?project=P&msgid=M answers with
# the file DIR/M.json (M without angle brackets, '/' as '%2F'), or "[]"
# when there is none, or when P is not --project.  DIR/M.code makes the
# answer that HTTP status instead; DIR/M.slow holds seconds to wait
# before answering.  Every request line is appended to DIR/requests.
# It stops when --parent (the test script) goes away, on SIGTERM, or
# after --lifetime seconds: it is never left running.

import argparse
import os
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument('--dir', required=True)
    p.add_argument('--port-file', required=True)
    p.add_argument('--prefix', default='/api/1.2')
    p.add_argument('--project', default='netdevbpf')
    p.add_argument('--parent', type=int, default=os.getppid())
    p.add_argument('--lifetime', type=float, default=600)
    return p.parse_args()


ARGS = None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *a):
        pass

    def answer(self, code, body):
        data = body.encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with open(os.path.join(ARGS.dir, 'requests'), 'a') as f:
            f.write(self.path + '\n')
        url = urllib.parse.urlsplit(self.path)
        if url.path != ARGS.prefix + '/patches/':
            return self.answer(404, '{"detail": "Not found."}')
        q = urllib.parse.parse_qs(url.query)
        project = q.get('project', [''])[0]
        msgid = q.get('msgid', [''])[0].strip('<>')
        name = os.path.join(ARGS.dir, msgid.replace('/', '%2F'))
        if os.path.exists(name + '.slow'):
            with open(name + '.slow') as f:
                time.sleep(float(f.read().strip()))
        if os.path.exists(name + '.code'):
            with open(name + '.code') as f:
                return self.answer(int(f.read().strip()),
                                   '{"detail": "Server error."}')
        if project != ARGS.project or not os.path.exists(name + '.json'):
            return self.answer(200, '[]')
        with open(name + '.json') as f:
            return self.answer(200, f.read())


def watch(server):
    start = time.monotonic()
    while time.monotonic() - start < ARGS.lifetime:
        time.sleep(0.2)
        try:
            os.kill(ARGS.parent, 0)
        except ProcessLookupError:
            break
    server.shutdown()


def main():
    global ARGS
    ARGS = parse_args()
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    tmp = ARGS.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write('%d\n' % server.server_address[1])
    os.rename(tmp, ARGS.port_file)
    threading.Thread(target=watch, args=(server,), daemon=True).start()
    server.serve_forever()


if __name__ == '__main__':
    main()
