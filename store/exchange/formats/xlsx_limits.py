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
from store.limits import MAX_IMPORT_RATIO, MAX_TEXT

CHUNK = 1 << 20
# A member smaller than this is not worth a ratio check: it cannot expand to much.
RATIO_FLOOR = 1 << 20
# Bytes of XML per character of text, at most (a numeric character reference).
BYTES_PER_CHARACTER = 10


@dataclass(frozen=True)
class Scan:
    """What one streamed pass found in an XML member: its rows and its longest text."""

    rows: int
    longest: int


def scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Scan:
    """Count `<row` tags and measure the longest run of bytes without a `<`."""
    rows = run = longest = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            rows += (tail + chunk).count(b"<row")
            tail = chunk[-3:]
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
                continue
            longest = max(longest, run + first)
            run = len(chunk) - 1 - chunk.rfind(b"<")
    return Scan(rows, max(longest, run))


def check_archive(archive: zipfile.ZipFile, raw: RawFile, name: str) -> dict[str, Scan]:
    """Check the zip's sizes, then scan each XML member; a limit passed refuses `raw`.
    Returns each member's scan, by member name, for the sheets' row counts."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if not raw.within_size(name, total):
        return {}
    ratio = MAX_IMPORT_RATIO.value()
    for info in infos:
        if info.file_size > max(RATIO_FLOOR, ratio * max(1, info.compress_size)):
            found = info.file_size // max(1, info.compress_size)
            raw.refuse(name, MAX_IMPORT_RATIO.over(found, f"its part {info.filename}"))
            return {}
    scans = {}
    for info in infos:
        if info.filename.endswith(".xml"):
            scans[info.filename] = scan_member(archive, info)
            if scans[info.filename].longest > BYTES_PER_CHARACTER * MAX_TEXT.value():
                raw.refuse(name, MAX_TEXT.passed(f"a text in its part {info.filename}"))
    return scans


def check_sheet_rows(raw: RawFile, where: str, scan: Scan | None) -> bool:
    """True when a sheet's rows (less its header) are within `MAX_IMPORT_ROWS`."""
    return scan is None or raw.within_rows(where, max(0, scan.rows - 1))
