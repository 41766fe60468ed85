"""The backup's encryption: the office's key pair, sealed with the passphrase, and the
body's chunked authenticated encryption.

The office's X25519 private key is sealed with a key derived from the admin's passphrase
(Argon2id, memory-hard, so a stolen backup cannot be guessed at fast). Every desk encrypts
to the public key, so it backs up unattended without the passphrase. Each backup makes an
ephemeral key pair; HKDF-SHA256 over the shared secret gives the content key. The body is
cut into chunks, each sealed with ChaCha20-Poly1305: the nonce is the chunk's index and the
associated data binds the header's digest, the index and whether it is the last chunk, so a
chunk removed, moved, taken from another backup or a cut-off tail is detected.
"""

from __future__ import annotations

import base64
import hashlib
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# Argon2id: about 64 MiB and three passes (about 0.2 s on a desk PC); stored with each
# sealed key, so a later desk may raise them without breaking older backups.
KDF_MEMORY_KIB = 64 * 1024
KDF_TIME_COST = 3
KDF_PARALLELISM = 1
_HKDF_INFO = b"commune-desk backup v1 content key"
_WRAP_AAD = b"commune-desk backup v1 private key"
CHUNK_SIZE = 1 << 20
_TAG = 16
_CHUNK_HEAD = struct.Struct(">BI")  # last-chunk flag, ciphertext length


class WrongPassphrase(Exception):
    """The passphrase does not open the sealed private key."""


class Damaged(Exception):
    """The body does not decrypt: changed, cut off, or spliced."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, params: dict[str, Any]) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=int(params["time_cost"]),
        memory_cost=int(params["memory_kib"]),
        parallelism=int(params["parallelism"]),
        hash_len=32,
        type=Type.ID,
    )


@dataclass(frozen=True, slots=True)
class NewKey:
    public_key: str  # base64, raw X25519
    wrapped: dict[str, Any]  # JSON-ready: KDF parameters, salt, nonce, sealed private key


def new_key(passphrase: str) -> NewKey:
    """A new office key pair, its private half sealed with ``passphrase``."""
    private = X25519PrivateKey.generate()
    raw_private = private.private_bytes_raw()
    params = {
        "kdf": "argon2id",
        "memory_kib": KDF_MEMORY_KIB,
        "time_cost": KDF_TIME_COST,
        "parallelism": KDF_PARALLELISM,
    }
    salt = os.urandom(16)
    nonce = os.urandom(12)
    sealed = ChaCha20Poly1305(_derive(passphrase, salt, params)).encrypt(
        nonce, raw_private, _WRAP_AAD
    )
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    wrapped = {**params, "aead": "chacha20poly1305", "salt": b64(salt), "nonce": b64(nonce)}
    wrapped["sealed"] = b64(sealed)
    return NewKey(b64(public), wrapped)


def unwrap(wrapped: dict[str, Any], passphrase: str) -> X25519PrivateKey:
    """The private key sealed in ``wrapped``; WrongPassphrase if ``passphrase`` is not its."""
    try:
        key = _derive(passphrase, unb64(wrapped["salt"]), wrapped)
        raw = ChaCha20Poly1305(key).decrypt(
            unb64(wrapped["nonce"]), unb64(wrapped["sealed"]), _WRAP_AAD
        )
    except InvalidTag:
        raise WrongPassphrase from None
    return X25519PrivateKey.from_private_bytes(raw)


def _content_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=_HKDF_INFO,
    ).derive(shared)


def sender_key(recipient_public_b64: str) -> tuple[bytes, str]:
    """(content key, base64 of the ephemeral public key) for a new backup."""
    recipient = unb64(recipient_public_b64)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    return _content_key(shared, ephemeral_public, recipient), b64(ephemeral_public)


def receiver_key(private: X25519PrivateKey, ephemeral_public_b64: str) -> bytes:
    ephemeral_public = unb64(ephemeral_public_b64)
    recipient = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    return _content_key(shared, ephemeral_public, recipient)


def _nonce(index: int) -> bytes:
    return b"\x00\x00\x00\x00" + struct.pack(">Q", index)


def _aad(header_digest: bytes, index: int, last: bool) -> bytes:
    return header_digest + struct.pack(">Q?", index, last)


class EncryptingWriter:
    """A write-only binary stream that seals what it is given, chunk by chunk, into
    ``sink``. ``close`` writes the last chunk (possibly empty) and must be called."""

    def __init__(self, sink: BinaryIO, key: bytes, header: bytes, chunk_size: int = CHUNK_SIZE):
        self._sink = sink
        self._aead = ChaCha20Poly1305(key)
        self._digest = hashlib.sha256(header).digest()
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._index = 0
        self.closed = False

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        while len(self._buffer) >= self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def flush(self) -> None:
        pass

    def _seal(self, plain: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(
            _nonce(self._index), plain, _aad(self._digest, self._index, last)
        )
        self._sink.write(_CHUNK_HEAD.pack(1 if last else 0, len(sealed)))
        self._sink.write(sealed)
        self._index += 1

    def close(self) -> None:
        if self.closed:
            return
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()
        self.closed = True


def decrypt_chunks(source: BinaryIO, key: bytes, header: bytes, chunk_size: int) -> Iterator[bytes]:
    """The body's plain chunks, in order; Damaged at the first that does not open, at a
    missing last chunk (a cut-off file) or at bytes after it."""
    aead = ChaCha20Poly1305(key)
    digest = hashlib.sha256(header).digest()
    index = 0
    while True:
        head = source.read(_CHUNK_HEAD.size)
        if len(head) < _CHUNK_HEAD.size:
            raise Damaged("cut off")
        flag, length = _CHUNK_HEAD.unpack(head)
        if flag not in (0, 1) or length > chunk_size + _TAG or length < _TAG:
            raise Damaged("bad chunk")
        sealed = source.read(length)
        if len(sealed) < length:
            raise Damaged("cut off")
        last = flag == 1
        try:
            plain = aead.decrypt(_nonce(index), sealed, _aad(digest, index, last))
        except InvalidTag:
            raise Damaged(f"chunk {index}") from None
        yield plain
        index += 1
        if last:
            if source.read(1):
                raise Damaged("bytes after the end")
            return


class DecryptingReader:
    """A read-only binary stream over the plain body (for gzip/tarfile)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._chunk = b""
        self._at = 0  # how much of the current chunk was read already
        self._done = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        parts: list[bytes] = []
        wanted = size
        while wanted != 0:
            if self._at >= len(self._chunk):
                if self._done:
                    break
                try:
                    self._chunk, self._at = next(self._chunks), 0
                except StopIteration:
                    self._done = True
                    break
                continue
            end = len(self._chunk) if wanted < 0 else min(len(self._chunk), self._at + wanted)
            parts.append(self._chunk[self._at : end])
            if wanted > 0:
                wanted -= end - self._at
            self._at = end
        return b"".join(parts)

    def drain(self) -> None:
        """Read to the end, so a cut-off or spliced tail is found even when what was
        wanted came before it."""
        for _ in self._chunks:
            pass
        self._done = True
