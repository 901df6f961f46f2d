"""What may be attached to a bid: letters of support (PDF, or a scan as PNG or JPEG), and the logo, the cover's hero image, the signature
under the invitation and photos of the venues and the city (PNG or JPEG), told by their bytes.

A file's type is read from its first bytes (its magic number), never from its name; a file over
`MAX_BYTES` or of another type is refused with the reason. Pure rules, no I/O: the services read the file.
"""

from __future__ import annotations

import hashlib

MAX_BYTES = 20 * 1024 * 1024  # 20 MB

LETTER = "letter"
LOGO = "logo"
HERO = "hero"  # the cover's picture
SIGNATURE = "signature"  # the signature under the invitation
PHOTO = "photo"  # a picture of the venue or the city; a bid has any number of them
IMAGES = (LOGO, HERO, SIGNATURE, PHOTO)
KINDS = (LETTER, *IMAGES)
ONE_PER_BID = (LOGO, HERO, SIGNATURE)  # attaching another replaces it

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"

MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
ALLOWED = {LETTER: (PDF, PNG, JPEG), **{kind: (PNG, JPEG) for kind in IMAGES}}
SUFFIX = {PDF: ".pdf", PNG: ".png", JPEG: ".jpg"}


def media_type(data: bytes) -> str | None:
    """The type the bytes are (application/pdf, image/png, image/jpeg), or None for any other."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def problem(kind: str, data: bytes) -> str | None:
    """Why `data` cannot be attached as `kind`, as a key for the caller to word (None when it can):
    'kind' (no such kind), 'empty', 'too_big', 'type' (not a type this kind takes)."""
    if kind not in KINDS:
        return "kind"
    if not data:
        return "empty"
    if len(data) > MAX_BYTES:
        return "too_big"
    if media_type(data) not in ALLOWED[kind]:
        return "type"
    return None


_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def pixel_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG or JPEG, read from its header; None for anything else or a damaged one."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        return (width, height) if width and height else None
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if marker in _JPEG_FRAMES:
            if at + 9 > len(data):
                return None
            height, width = int.from_bytes(data[at + 5:at + 7], "big"), int.from_bytes(data[at + 7:at + 9], "big")
            return (width, height) if width and height else None
        if length < 2:
            return None
        at += 2 + length
    return None
