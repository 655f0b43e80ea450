"""A minimal client for ClamAV's scanning daemon, clamd. No Django here.

It speaks clamd's INSTREAM command: the file is sent in length-prefixed chunks
read from disk, so a 250 MB bundle never sits in memory, and clamd answers with
one line: ``stream: OK``, ``stream: <signature> FOUND`` or ``<reason> ERROR``.

Written here rather than taken from PyPI: the maintained client
(clamav-client 0.7) sends 1 KiB chunks and lets a connection dropped by clamd
mid-stream escape as a bare OSError, and the protocol is small.

clamd's protocol is not encrypted: use a Unix socket, or TCP on loopback.
"""

import socket
import struct
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 256 * 1024
_MAX_REPLY = 4096


class ScannerUnavailable(Exception):
    """clamd could not be reached or gave no verdict: the file was not checked."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    # The name of what clamd found, such as "Win.Test.EICAR_HDB-1"; empty when clean.
    signature: str = ""


@dataclass(frozen=True)
class Clamd:
    # A Unix socket path, or "tcp://host:port".
    address: str
    # The longest wait for clamd at any one step: connecting, taking a chunk, answering.
    timeout_seconds: float = 60.0

    def ping(self) -> bool:
        with self._connect() as connection:
            connection.sendall(b"zPING\0")
            return self._reply(connection) == "PONG"

    def scan_file(self, path: Path) -> ScanResult:
        with self._connect() as connection, path.open("rb") as handle:
            try:
                connection.sendall(b"zINSTREAM\0")
                while chunk := handle.read(_CHUNK):
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
            except OSError as error:
                # clamd hangs up early when the stream is over its StreamMaxLength,
                # after saying why: read that rather than report a broken pipe.
                reply = self._reply(connection, failure=f"clamd stopped reading the file: {error}")
                raise ScannerUnavailable(f"clamd stopped reading the file: {reply}") from error
            reply = self._reply(connection)
        return _verdict(reply)

    def _connect(self) -> socket.socket:
        try:
            if self.address.startswith("tcp://"):
                host, _, port = self.address.removeprefix("tcp://").rpartition(":")
                return socket.create_connection((host, int(port)), timeout=self.timeout_seconds)
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(self.timeout_seconds)
            try:
                connection.connect(self.address.removeprefix("unix://"))
            except BaseException:
                connection.close()
                raise
            return connection
        except (OSError, ValueError) as error:
            raise ScannerUnavailable(f"cannot connect to clamd at {self.address}: {error}") from error

    def _reply(self, connection: socket.socket, *, failure: str = "") -> str:
        """One NUL-terminated reply (the "z" commands' form), or up to clamd closing."""
        received = b""
        try:
            while b"\0" not in received and len(received) < _MAX_REPLY:
                part = connection.recv(_MAX_REPLY)
                if not part:
                    break
                received += part
        except OSError as error:
            raise ScannerUnavailable(failure or f"no answer from clamd: {error}") from error
        reply = received.split(b"\0", 1)[0].decode("utf-8", "replace").strip()
        if not reply:
            raise ScannerUnavailable(failure or "clamd closed the connection without an answer")
        return reply


def _verdict(reply: str) -> ScanResult:
    if reply == "stream: OK":
        return ScanResult(clean=True)
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return ScanResult(clean=False, signature=reply.removeprefix("stream: ").removesuffix(" FOUND"))
    # "INSTREAM size limit exceeded. ERROR", a read timeout, a damaged database...
    raise ScannerUnavailable(f"clamd gave no verdict: {reply}")
