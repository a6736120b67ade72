#!/usr/bin/python3
# A test SMTP server for git-bpf's delivery tests, on aiosmtpd: STARTTLS or
# implicit TLS, AUTH, one file a message in a mailbox, and injected faults.
#
# It binds a free port on 127.0.0.1 itself and writes the port to
# --port-file once it listens, so tests never race for a port.  It exits
# when --parent (the test script) or its own parent goes away, on
# SIGTERM, or after --lifetime seconds: it is never left running.
#
# Each accepted message is stored as MAILBOX/NNNN.eml (LF line ends, as a
# mail client saves it) with MAILBOX/NNNN.env beside it holding the
# envelope ("MAIL FROM:<a>" and one "RCPT TO:<b>" line a recipient).
# Data holding a bare CR or LF is refused as real servers refuse it.

import argparse
import asyncio
import base64
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--mailbox', required=True)
    p.add_argument('--port-file', required=True)
    p.add_argument('--mode', choices=['plain', 'starttls', 'ssl'],
                   default='starttls')
    p.add_argument('--cert')
    p.add_argument('--key')
    p.add_argument('--user', help='require AUTH as USER:PASSWORD')
    p.add_argument('--auth-only', metavar='MECH',
                   help='offer only this AUTH mechanism (PLAIN, LOGIN, '
                   'XOAUTH2, OAUTHBEARER)')
    p.add_argument('--oauth-token', metavar='TOKEN',
                   help='also offer XOAUTH2 and OAUTHBEARER, accepting '
                   'only the --user name with this bearer token')
    p.add_argument('--connections', metavar='FILE',
                   help='append a line to FILE for each connection')
    p.add_argument('--drop-after', type=int, metavar='K',
                   help='after K accepted messages, drop the connection '
                   'at the next MAIL command, without a reply')
    p.add_argument('--drop-after-data', type=int, metavar='K',
                   help='store the Kth message, then drop the connection '
                   'without replying to its data')
    p.add_argument('--rcpt-fail', action='append', default=[],
                   metavar='ADDR=CODE', help='refuse RCPT TO:<ADDR>')
    p.add_argument('--data-fail', metavar='CODE',
                   help='refuse the data of messages with CODE')
    p.add_argument('--data-fail-from', type=int, default=1, metavar='N',
                   help='with --data-fail, start at the Nth message')
    p.add_argument('--hang', action='store_true',
                   help='accept connections and never say a word')
    p.add_argument('--hang-data', action='store_true',
                   help='never reply to the end of the data')
    p.add_argument('--parent', type=int, default=os.getppid())
    p.add_argument('--lifetime', type=float, default=600)
    return p.parse_args()


class Handler:
    def __init__(self, args):
        self.args = args
        self.accepted = 0
        self.data_seen = 0
        self.rcpt_fail = {}
        for spec in args.rcpt_fail:
            addr, code = spec.rsplit('=', 1)
            self.rcpt_fail[addr.lower()] = code

    async def handle_MAIL(self, server, session, envelope, address,
                          mail_options):
        k = self.args.drop_after
        if k is not None and self.accepted >= k:
            server.transport.abort()
            return '421 4.3.0 never seen: the connection is gone'
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return '250 OK'

    async def handle_RCPT(self, server, session, envelope, address,
                          rcpt_options):
        code = self.rcpt_fail.get(address.lower())
        if code:
            if code.startswith('4'):
                return f'{code} 4.2.1 <{address}>: mailbox busy, try later'
            return f'{code} 5.1.1 <{address}>: no such user here'
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.data_seen += 1
        if self.args.hang_data:
            await asyncio.sleep(3600)
        a = self.args
        if a.data_fail and self.data_seen >= a.data_fail_from:
            return f'{a.data_fail} 5.7.1 message content rejected'
        raw = envelope.original_content
        stripped = raw.replace(b'\r\n', b'')
        if b'\r' in stripped or b'\n' in stripped:
            return '554 5.6.11 bare CR or LF in the data'
        self.accepted += 1
        name = os.path.join(a.mailbox, '%04d' % self.accepted)
        with open(name + '.tmp', 'wb') as f:
            f.write(raw.replace(b'\r\n', b'\n'))
        with open(name + '.env', 'w') as f:
            f.write(f'MAIL FROM:<{envelope.mail_from}>\n')
            for r in envelope.rcpt_tos:
                f.write(f'RCPT TO:<{r}>\n')
        os.rename(name + '.tmp', name + '.eml')
        if a.drop_after_data == self.accepted:
            # stored, and the client never hears of it
            server.transport.abort()
            return '421 4.3.0 never seen: the connection is gone'
        return '250 2.0.0 Ok: queued as %04d' % self.accepted


def bearer_check(args, data):
    """Whether an XOAUTH2 ("user=U^Aauth=Bearer T^A^A") or OAUTHBEARER
    ("n,a=U,^A...^Aauth=Bearer T^A^A") response names our user and token."""
    user = args.user.split(':', 1)[0]
    fields = data.split(b'\x01')
    who = fields[0]
    if who.startswith(b'n,'):
        who = who.split(b',')[1]
        who = who[2:] if who.startswith(b'a=') else b''
    elif who.startswith(b'user='):
        who = who[5:]
    auth = [f for f in fields if f.startswith(b'auth=Bearer ')]
    return (who == user.encode() and len(auth) == 1 and
            auth[0][12:] == args.oauth_token.encode())


class OAuthHandler(Handler):
    """A handler whose auth_ methods add the two OAuth 2.0 mechanisms."""

    async def _bearer(self, server, args, mech):
        if len(args) == 1:
            data = await server.challenge_auth('')
            if data is MISSING:
                return AuthResult(success=False, handled=True)
        else:
            try:
                data = base64.b64decode(args[1], validate=True)
            except ValueError:
                return AuthResult(success=False, handled=False)
        ok = bearer_check(self.args, data)
        print(f'auth {mech} {"ok" if ok else "refused"}', file=sys.stderr,
              flush=True)
        return AuthResult(success=ok, handled=False)

    async def auth_XOAUTH2(self, server, args):
        return await self._bearer(server, args, 'XOAUTH2')

    async def auth_OAUTHBEARER(self, server, args):
        return await self._bearer(server, args, 'OAUTHBEARER')


def authenticator(want):
    user, password = want.split(':', 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and
              auth_data.login == user.encode() and
              auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False)
    return check


async def hang_client(reader, writer):
    try:
        await reader.read()
    finally:
        writer.close()


async def watchdog(args, stop):
    ppid = os.getppid()
    waited = 0.0
    while waited < args.lifetime and os.getppid() == ppid:
        await asyncio.sleep(0.5)
        waited += 0.5
        try:
            os.kill(args.parent, 0)
        except ProcessLookupError:
            break
    stop.set()


async def main():
    args = parse_args()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)

    ctx = None
    if args.mode != 'plain':
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)

    if args.hang:
        server = await asyncio.start_server(hang_client, '127.0.0.1', 0)
    else:
        handler = OAuthHandler(args) if args.oauth_token else Handler(args)
        kw = dict(hostname='smtp.test', decode_data=False,
                  enable_SMTPUTF8=True)
        if args.mode == 'starttls':
            kw.update(tls_context=ctx, require_starttls=True)
        if args.user:
            kw.update(auth_required=True, authenticator=authenticator(
                args.user), auth_require_tls=(args.mode == 'starttls'))
            if args.auth_only:
                kw.update(auth_exclude_mechanism=[
                    m for m in ('PLAIN', 'LOGIN', 'XOAUTH2', 'OAUTHBEARER')
                    if m != args.auth_only])

        def factory():
            if args.connections:
                with open(args.connections, 'a') as f:
                    f.write('connection\n')
            return SMTP(handler, loop=loop, **kw)
        server = await loop.create_server(
            factory, '127.0.0.1', 0,
            ssl=ctx if args.mode == 'ssl' else None)

    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + '.tmp', 'w') as f:
        f.write(f'{port}\n')
    os.rename(args.port_file + '.tmp', args.port_file)

    dog = asyncio.ensure_future(watchdog(args, stop))
    await stop.wait()
    dog.cancel()
    server.close()


if __name__ == '__main__':
    asyncio.run(main())
    sys.exit(0)
