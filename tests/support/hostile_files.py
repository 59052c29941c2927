"""Hostile import files, built cheaply: a zip whose one member is a chunk repeated many
times (a "zip bomb" of 1.5 GB is 1.5 MB on disk and takes a second to build), and an
export with a table's cells replaced."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1 << 20


def repeated_member_zip(path: Path, name: str, chunk: bytes, times: int) -> int:
    """Write a zip holding one deflated member, `chunk` repeated `times` times, without
    compressing it more than once: a full flush makes each chunk's deflated bytes the
    same, so they are repeated as they are. Returns the member's uncompressed size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * times + compressor.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    size = len(chunk) * times
    encoded = name.encode()
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    offset = len(local) + len(encoded) + len(data)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(encoded), offset, 0)
    path.write_bytes(local + encoded + data + central + encoded + end)
    return size
