"""The limits a workbook is held to before Excel's reader opens it, so that a hostile
file (a "zip bomb", or a small file of millions of rows) is refused in seconds.

From the zip's directory alone: the sum of its members' uncompressed sizes
(`MAX_IMPORT_BYTES`; the zip reader stops at a member's stated size, so the sum bounds
what reading can produce) and each large member's compression ratio
(`MAX_IMPORT_RATIO`). Then one streamed pass over each XML member counts its rows
(`MAX_IMPORT_ROWS`) and measures its longest text: no text can hold more characters
than a run of bytes without a `<`, nor fewer than a tenth of it (an entity such as
`&#1114111;` is ten bytes), so a run over ten times `MAX_TEXT` is refused unread.
Each cell's exact length is checked as it is read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from store.exchange.formats import RawFile
from store.limits import MAX_IMPORT_RATIO, MAX_IMPORT_ROWS, MAX_TEXT

CHUNK = 1 << 20
# A member smaller than this is not worth a ratio check: it cannot expand to much.
RATIO_FLOOR = 1 << 20
# Bytes of XML per character of text, at most (a numeric character reference).
BYTES_PER_CHARACTER = 10


@dataclass(frozen=True)
class Scan:
    """What one streamed pass found in an XML member: its rows, and whether a run of
    text is longer than the threshold it was given."""

    rows: int
    too_long: bool


def scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, threshold: int) -> Scan:
    """Count `<row` tags and look for a run of more than `threshold` bytes without a
    `<`. Runs inside one chunk are measured only when the threshold is below a chunk."""
    rows = run = 0
    too_long = False
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            rows += (tail + chunk).count(b"<row")
            tail = chunk[-3:]
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
                too_long = too_long or run > threshold
                continue
            too_long = too_long or run + first > threshold
            if threshold < CHUNK and not too_long:
                too_long = max(map(len, chunk.split(b"<"))) > threshold
            run = len(chunk) - 1 - chunk.rfind(b"<")
    return Scan(rows, too_long or run > threshold)


def check_archive(archive: zipfile.ZipFile, raw: RawFile, name: str) -> None:
    """Check the zip's sizes, then scan each XML member; a limit passed refuses `raw`."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if not raw.within_size(name, total, "its size uncompressed"):
        return
    ratio = MAX_IMPORT_RATIO.value()
    for info in infos:
        if info.file_size > max(RATIO_FLOOR, ratio * max(1, info.compress_size)):
            found = info.file_size // max(1, info.compress_size)
            raw.refuse(name, MAX_IMPORT_RATIO.over(found, f"its part {info.filename}"))
            return
    rows = MAX_IMPORT_ROWS.value()
    threshold = BYTES_PER_CHARACTER * MAX_TEXT.value()
    for info in infos:
        if info.filename.endswith(".xml"):
            scan = scan_member(archive, info, threshold)
            part = f"its part {info.filename}"
            if scan.rows - 1 > rows:  # less the header
                raw.refuse(name, MAX_IMPORT_ROWS.over(scan.rows - 1, part))
            if scan.too_long:
                raw.refuse(name, MAX_TEXT.passed(f"a text in {part}"))
