"""A real SMTP server for tests, on loopback, started and stopped by the test."""

import email
import email.policy
import socket

from aiosmtpd.controller import Controller


class _Collector:
    def __init__(self, refuse: set[str]):
        self.messages = []
        self.refuse = refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:  # as a server that knows no such mailbox answers
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalSMTPServer:
    host = "127.0.0.1"

    def __init__(self, port: int | None = None, refuse: set[str] = frozenset()):
        self.port = port or _free_port()
        self._collector = _Collector(set(refuse))
        self._controller = None

    @property
    def messages(self):
        return self._collector.messages

    def start(self):
        self._controller = Controller(self._collector, hostname=self.host, port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
