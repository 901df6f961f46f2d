"""What may be attached to a bid: letters of support (PDF), and the logo, the cover's hero image, the signature
under the invitation and the venue's photos (PNG or JPEG), told by their bytes.

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
ALLOWED = {LETTER: (PDF,), **{kind: (PNG, JPEG) for kind in IMAGES}}
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
