"""The body's chunks: a chunk moved, taken from another backup, or a tail cut off at a
chunk boundary is refused (the index and the last-chunk flag are authenticated)."""

from __future__ import annotations

import io
import os
import struct

import pytest

from desk.store import backup_crypto as crypto

HEADER = b'{"agency_id":"000.17.22.H56"}'
PLAIN = os.urandom(100)


def _sealed(key: bytes, header: bytes = HEADER, plain: bytes = PLAIN) -> list[bytes]:
    sink = io.BytesIO()
    writer = crypto.EncryptingWriter(sink, key, header, chunk_size=16)
    writer.write(plain)
    writer.close()
    raw, chunks = sink.getvalue(), []
    while raw:
        _flag, length = struct.unpack(">BI", raw[:5])
        chunks.append(raw[: 5 + length])
        raw = raw[5 + length :]
    return chunks


def _open(chunks: list[bytes], key: bytes, header: bytes = HEADER) -> bytes:
    source = io.BytesIO(b"".join(chunks))
    return b"".join(crypto.decrypt_chunks(source, key, header, 16))


def test_the_chunks_open_in_order() -> None:
    key = os.urandom(32)
    chunks = _sealed(key)
    assert len(chunks) == 7  # 6 full chunks and a last one
    assert _open(chunks, key) == PLAIN


@pytest.mark.parametrize(
    "change",
    [
        lambda c, other: [c[1], c[0], *c[2:]],  # two chunks swapped
        lambda c, other: [*c[:3], other[3], *c[4:]],  # a chunk of another backup
        lambda c, other: c[:-1],  # cut off at a chunk boundary
        lambda c, other: c[:3],
        lambda c, other: [*c, c[-1]],  # bytes after the end
        lambda c, other: [*c[:-2], bytes([1]) + c[-2][1:]],  # a chunk flagged last
    ],
)
def test_moved_spliced_or_cut_chunks_are_refused(change) -> None:
    key = os.urandom(32)
    chunks = _sealed(key)
    other = _sealed(os.urandom(32), plain=os.urandom(100))  # each backup has its own key
    with pytest.raises(crypto.Damaged):
        _open(change(chunks, other), key)


def test_another_header_opens_nothing() -> None:
    key = os.urandom(32)
    with pytest.raises(crypto.Damaged):
        _open(_sealed(key), key, header=HEADER.replace(b"H56", b"H57"))


def test_the_passphrase_opens_the_key_and_only_it() -> None:
    made = crypto.new_key("một cụm mật khẩu dài")
    private = crypto.unwrap(made.wrapped, "một cụm mật khẩu dài")
    content_key, ephemeral = crypto.sender_key(made.public_key)
    assert crypto.receiver_key(private, ephemeral) == content_key
    with pytest.raises(crypto.WrongPassphrase):
        crypto.unwrap(made.wrapped, "một cụm mật khẩu khác")
