"""Attaching files to a bid: a partner's letter of support (PDF, PNG or JPEG), the bid's logo and pictures, and
photos of a venue with their captions (PNG or JPEG), kept in the database so everyone on a shared database sees
the same file.

A file is read once, when it is attached: only a regular file (never a pipe, a device or a folder), at most
20 MB, of a type told by its bytes. The dossier and the bid file use the stored bytes; no path is ever opened
after that, so a path in an imported bid file is only text. `unattached_paths` lists the paths an older
version kept that the upgrade could not move in (a missing file, another type), to attach again.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import defer
from sqlmodel import select

from planner.domain import attachments as A
from planner.i18n import _
from planner.services.errors import NotFound, PlannerError, ValidationError
from planner.services.workspace import Workspace, get_bid
from planner.store import models as m

TYPE_NAMES = {A.LETTER: "PDF, PNG, JPEG", **{kind: "PNG, JPEG" for kind in A.IMAGES}}


class AttachmentRefused(PlannerError):
    """A file that cannot be attached; the message names it and says why."""

    exit_code = 2


def _limit_mb() -> int:
    return A.MAX_BYTES // 1024 // 1024


def problem_text(kind: str, data: bytes) -> str | None:
    """Why bytes cannot be attached as `kind`, in words; None when they can."""
    problem = A.problem(kind, data)
    if problem is None:
        return None
    if problem == "kind":
        return _("{kind!r} is not something to attach (letter, logo, hero, signature or photo).").format(kind=kind)
    if problem == "empty":
        return _("The file is empty.")
    if problem == "too_big":
        return _("The file is larger than {limit} MB.").format(limit=_limit_mb())
    return _("The file is not of a type this takes ({types}), judging by its contents.").format(
        types=TYPE_NAMES[kind])


def attachment_errors(record: m.Attachment) -> dict[str, str]:
    """The rules of a stored attachment (also for one arriving in a bid file): its bytes are of its kind's
    type, at most the size limit, and its size, type and SHA-256 are those of the bytes."""
    data = record.data if isinstance(record.data, bytes) else b""
    problem = problem_text(record.kind, data)
    if problem:
        return {"kind" if A.problem(record.kind, data) == "kind" else "data": problem}
    errors: dict[str, str] = {}
    if record.sha256 != A.sha256(data):
        errors["sha256"] = _("The SHA-256 does not match the file's bytes; the file is damaged or was altered.")
    if record.size_bytes != len(data):
        errors["size_bytes"] = _("The size does not match the file's bytes.")
    if record.media_type != A.media_type(data):
        errors["media_type"] = _("The type does not match the file's bytes.")
    if (record.kind == A.LETTER) != (record.partner_id is not None):
        errors["partner_id"] = _("A letter of support belongs to a partner; a logo to the bid.")
    if record.venue_id is not None and record.kind != A.PHOTO:
        errors["venue_id"] = _("Only a photo belongs to a venue; a letter belongs to a partner, a logo to the bid.")
    return errors


def read_for_attachment(path: Path, kind: str) -> bytes:
    """The bytes of the file at `path`, checked to be attachable as `kind`; AttachmentRefused naming it if not."""
    path = Path(path).expanduser()
    try:
        info = os.stat(path)
    except OSError as exc:
        raise AttachmentRefused(_("{path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise AttachmentRefused(_("{path} is not a file that can be attached (a folder, device or pipe).")
                                .format(path=path))
    if info.st_size > A.MAX_BYTES:
        raise AttachmentRefused(_("{path}: {reason}").format(
            path=path, reason=_("The file is larger than {limit} MB.").format(limit=_limit_mb())))
    try:
        with path.open("rb") as fh:
            data = fh.read(A.MAX_BYTES + 1)
    except OSError as exc:
        raise AttachmentRefused(_("{path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    problem = problem_text(kind, data)
    if problem:
        raise AttachmentRefused(_("{path}: {reason}").format(path=path, reason=problem))
    return data


def _store(ws: Workspace, bid_id: int, partner_id: int | None, kind: str, path: Path, data: bytes, *,
           venue_id: int | None = None, caption: str = "", translations: dict | None = None) -> m.Attachment:
    same_owner = (m.Attachment.partner_id == partner_id) if partner_id is not None else m.Attachment.partner_id.is_(None)
    with ws.session() as s:
        old = [] if kind == A.PHOTO else s.exec(  # a bid has many photos, one of everything else
            select(m.Attachment).where(m.Attachment.bid_id == bid_id, m.Attachment.kind == kind, same_owner)
            .options(defer(m.Attachment.data))).all()
        for record in old:
            _log(s, ws.user, bid_id, "delete", record.id, before=_shown(record))
            s.delete(record)
        record = m.Attachment(bid_id=bid_id, partner_id=partner_id, kind=kind, filename=path.name[:255],
                              media_type=A.media_type(data), size_bytes=len(data), sha256=A.sha256(data),
                              data=data, created_by=ws.user, venue_id=venue_id, caption=caption,
                              translations=translations or {})
        _refuse_invalid(record)
        s.add(record)
        s.flush()
        _log(s, ws.user, bid_id, "create", record.id, after=_shown(record))
        # a path an older version kept is no longer what the dossier uses: the stored file is
        if kind == A.LETTER:
            s.execute(sa.update(m.Partner).where(m.Partner.id == partner_id).values(letter_file=""))
            _letter_received(s, ws.user, partner_id)
        elif kind == A.LOGO:
            s.execute(sa.update(m.Bid).where(m.Bid.id == bid_id).values(logo_path=""))
        s.flush()
        s.refresh(record, attribute_names=["id", "created_at"])
        return record


def _letter_received(s, who: str, partner_id: int) -> None:
    """The letter a partner sent is in hand once its file is attached: its status says "received", from today
    unless a day was entered already (in the same transaction, audited like any edit of the partner)."""
    from datetime import date

    from planner.domain.enums import LetterStatus
    from planner.services.records import change

    partner = s.get(m.Partner, partner_id)
    if partner is None or partner.letter_status == LetterStatus.RECEIVED:
        return
    change(s, who, m.Partner, partner_id, {"letter_status": LetterStatus.RECEIVED,
                                           "letter_received_on": partner.letter_received_on or date.today()})


def _log(s, who: str, bid_id: int, action: str, attachment_id: int, *, before: dict | None = None,
         after: dict | None = None) -> None:
    """The audit entry of an attachment: what it is, never its bytes."""
    s.add(m.AuditEntry(bid_id=bid_id, who=who, action=action, entity="attachment", entity_id=str(attachment_id),
                       before=json.dumps(before, ensure_ascii=False, sort_keys=True) if before else "",
                       after=json.dumps(after, ensure_ascii=False, sort_keys=True) if after else ""))


def _shown(record: m.Attachment) -> dict:
    """What the audit log keeps of an attachment: everything but its bytes."""
    shown = {"kind": record.kind, "partner_id": record.partner_id, "filename": record.filename,
             "media_type": record.media_type, "size_bytes": record.size_bytes, "sha256": record.sha256}
    if record.venue_id is not None:
        shown["venue_id"] = record.venue_id
    if record.caption:
        shown["caption"] = record.caption
    return shown


def _refuse_invalid(record: m.Attachment) -> None:
    """The rules of what a person typed with the file (its caption, the caption's translations) and of whom it
    belongs to, before anything is written; a file's name is whatever the file system allows, shown literally."""
    from planner.services.validation import validate_record

    errors = {name: text for name, text in validate_record(record).items()
              if name.split(".")[0] in ("caption", "translations", "venue_id", "partner_id")}
    if errors:
        raise ValidationError(errors)


def find_partner(ws: Workspace, bid_id: int, partner: str) -> m.Partner:
    """The bid's partner that `partner` names: its id (as 'planner list partner' shows it), else its name, as
    written or in any case; NotFound when none is, PlannerError listing the ids when several share the name."""
    wanted = " ".join(str(partner).split())
    with ws.read_session() as s:
        partners = list(s.exec(select(m.Partner).where(m.Partner.bid_id == bid_id).order_by(m.Partner.id)))
    if wanted.isdigit():
        found = [p for p in partners if p.id == int(wanted)]
        if found:
            return found[0]
    named = [p for p in partners if p.name == wanted] or [p for p in partners if p.name.casefold() == wanted.casefold()]
    if len(named) == 1:
        return named[0]
    if named:
        raise PlannerError(_("Several partners of the bid are named {name!r} (ids {ids}); give the id of the one "
                             "you mean.").format(name=wanted, ids=", ".join(str(p.id) for p in named)))
    if wanted.isdigit():
        raise NotFound(_("The bid has no partner {id}; 'planner list partner' lists them with their ids.").format(
            id=wanted))
    raise NotFound(_("The bid has no partner named {name!r}.").format(name=wanted))


def attach_letter(ws: Workspace, bid_id: int, partner: str, path: Path) -> m.Attachment:
    """Keep the PDF, PNG or JPEG at `path` as the letter of support of the partner that `partner` names (its id
    or its name, see find_partner), replacing an earlier one."""
    ws.check_writable()
    get_bid(ws, bid_id)
    found = find_partner(ws, bid_id, partner)
    return _store(ws, bid_id, found.id, A.LETTER, Path(path).expanduser(), read_for_attachment(path, A.LETTER))


def attach_logo(ws: Workspace, bid_id: int, path: Path) -> m.Attachment:
    """Keep the PNG or JPEG at `path` as the bid's logo (replacing an earlier one)."""
    return attach_image(ws, bid_id, A.LOGO, path)


def attach_image(ws: Workspace, bid_id: int, kind: str, path: Path, *, caption: str = "",
                 translations: dict | None = None) -> m.Attachment:
    """Keep the PNG or JPEG at `path` as the bid's logo, hero image or signature (replacing an earlier one), or
    as one more photo of the bid, with an optional caption (in the bid's content language; `translations`
    {"caption": {locale: text}} in the other)."""
    ws.check_writable()
    get_bid(ws, bid_id)
    if kind not in A.IMAGES:
        raise AttachmentRefused(_("{kind!r} is not an image to attach (logo, hero, signature or photo).").format(
            kind=kind))
    return _store(ws, bid_id, None, kind, Path(path).expanduser(), read_for_attachment(path, kind),
                  caption=" ".join((caption or "").split()), translations=translations)


def bid_pictures(ws: Workspace, bid_id: int, kind: str) -> list[AttachedFile]:
    """The bid's own pictures of one kind (its hero image, its signature, or its photos that belong to no
    venue), in the order attached."""
    with ws.read_session() as s:
        rows = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id, m.Attachment.kind == kind,
                                                 m.Attachment.venue_id.is_(None), m.Attachment.partner_id.is_(None))
                      .order_by(m.Attachment.id)).all()
    return [_seen(r) for r in rows]


def remove_attachment(ws: Workspace, bid_id: int, attachment_id: int) -> m.Attachment:
    """Delete one attached file of the bid (audited); NotFound when the bid has no such attachment."""
    ws.check_writable()
    with ws.session() as s:
        record = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id, m.Attachment.id == attachment_id)
                        .options(defer(m.Attachment.data))).first()
        if record is None:
            raise NotFound(_("The bid has no attached file {id}; 'planner attach list' lists them.").format(
                id=attachment_id))
        _log(s, ws.user, bid_id, "delete", record.id, before=_shown(record))
        shown = m.Attachment(**{k: getattr(record, k) for k in ("id", "bid_id", "partner_id", "kind", "filename",
                                                                 "media_type", "size_bytes", "sha256", "venue_id",
                                                                 "caption")}, data=b"")
        s.delete(record)
        return shown


def detach(ws: Workspace, bid_id: int, kind: str, partner_id: int | None = None) -> m.Attachment:
    """Remove the partner's letter of support (`kind` letter) or the bid's logo; returns what was removed (its
    bytes not loaded). NotFound saying so when there is none."""
    ws.check_writable()
    get_bid(ws, bid_id)
    with ws.session() as s:
        if kind == A.LETTER:
            partner = s.get(m.Partner, partner_id)
            if partner is None or partner.bid_id != bid_id:
                raise NotFound(_("The bid has no partner {id}; 'planner list partner' lists them.").format(
                    id=partner_id))
            owner = m.Attachment.partner_id == partner_id
        else:
            owner = m.Attachment.partner_id.is_(None)
        found = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id, m.Attachment.kind == kind, owner)
                       .options(defer(m.Attachment.data))).all()
        if not found:
            if kind == A.LETTER:
                raise NotFound(_("{partner} has no letter of support attached.").format(partner=partner.name))
            raise NotFound(_("The bid has no logo attached."))
        for record in found:
            _log(s, ws.user, bid_id, "delete", record.id, before=_shown(record))
            s.delete(record)
        s.flush()
        return found[-1]


@dataclass(frozen=True)
class StoredFiles:
    """A bid's attached files, bytes included: the logo, the hero image, the signature, the photos in the order
    attached, and each partner's letter by partner id."""

    logo: m.Attachment | None
    letters: dict[int, m.Attachment]
    hero: m.Attachment | None = None
    signature: m.Attachment | None = None
    photos: tuple[m.Attachment, ...] = ()


def stored_files(ws: Workspace, bid_id: int) -> StoredFiles:
    with ws.read_session() as s:
        rows = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id).order_by(m.Attachment.id)).all()
    def last(kind: str) -> m.Attachment | None:
        found = [r for r in rows if r.kind == kind]
        return found[-1] if found else None

    return StoredFiles(logo=last(A.LOGO), letters={r.partner_id: r for r in rows if r.kind == A.LETTER},
                       hero=last(A.HERO), signature=last(A.SIGNATURE),
                       photos=tuple(r for r in rows if r.kind == A.PHOTO))


@dataclass(frozen=True)
class Unattached:
    """A path an older version kept in place of a file, with no attachment for it: attach the file again."""

    what: str  # "logo" or the partner's name
    path: str


def unattached_paths(ws: Workspace, bid_id: int) -> list[Unattached]:
    """Paths in `logo_path` / `letter_file` with no stored file (never opened; reported to attach again)."""
    with ws.read_session() as s:
        bid = s.get(m.Bid, bid_id)
        if bid is None:
            raise NotFound(_("There is no bid {id}. 'planner bids' lists the bids.").format(id=bid_id))
        kinds = {(r.kind, r.partner_id) for r in s.exec(
            select(m.Attachment).where(m.Attachment.bid_id == bid_id).options(defer(m.Attachment.data)))}
        partners = s.exec(select(m.Partner).where(m.Partner.bid_id == bid_id).order_by(m.Partner.id)).all()
    found = []
    if bid.logo_path and (A.LOGO, None) not in kinds:
        found.append(Unattached(A.LOGO, bid.logo_path))
    found += [Unattached(p.name, p.letter_file) for p in partners
              if p.letter_file and (A.LETTER, p.id) not in kinds]
    return found


def list_attachments(ws: Workspace, bid_id: int) -> list[m.Attachment]:
    """The bid's attachments, without their bytes."""
    get_bid(ws, bid_id)
    with ws.read_session() as s:
        return list(s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id)
                           .options(defer(m.Attachment.data, raiseload=True)).order_by(m.Attachment.id)))



def attach_partner_letter(ws: Workspace, bid_id: int, partner_id: int, path: Path) -> m.Attachment:
    """Keep the PDF, PNG or JPEG at `path` as the letter of support of partner `partner_id` (replacing an
    earlier one)."""
    ws.check_writable()
    get_bid(ws, bid_id)
    with ws.read_session() as s:
        partner = s.get(m.Partner, partner_id)
    if partner is None or partner.bid_id != bid_id:
        raise NotFound(_("The bid has no partner {id}; reload and choose again.").format(id=partner_id))
    return _store(ws, bid_id, partner_id, A.LETTER, Path(path).expanduser(), read_for_attachment(path, A.LETTER))


def detach_file(ws: Workspace, bid_id: int, attachment_id: int) -> None:
    """Remove an attached file, by its id, from the bid (audited; its bytes go with it)."""
    ws.check_writable()
    with ws.session() as s:
        record = s.exec(select(m.Attachment).where(m.Attachment.id == attachment_id, m.Attachment.bid_id == bid_id)
                        .options(defer(m.Attachment.data))).first()
        if record is None:
            raise NotFound(_("That file is no longer attached; someone removed it. Reload to see what is."))
        _log(s, ws.user, bid_id, "delete", record.id, before=_shown(record))
        s.delete(record)


@dataclass(frozen=True)
class AttachedFile:
    """What a person sees of an attached file: its name, type, size, (a PDF's) number of pages or (an image's)
    size in pixels, and a photo's venue and caption with the caption's translations."""

    id: int
    kind: str
    partner_id: int | None
    filename: str
    media_type: str
    size_bytes: int
    pages: int | None  # a PDF's pages; None for an image, or a PDF that cannot be read
    pixels: tuple[int, int] | None = None  # an image's (width, height); None for a PDF or a damaged image
    venue_id: int | None = None
    caption: str = ""
    translations: dict | None = None
    version: int = 1  # the version seen: what a caption edit or a replacement made from this view expects


def _pages(data: bytes, media: str) -> int | None:
    if media != A.PDF:
        return None
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, OSError):
        return None


def _seen(record: m.Attachment) -> AttachedFile:
    return AttachedFile(record.id, record.kind, record.partner_id, record.filename, record.media_type,
                        record.size_bytes, _pages(record.data, record.media_type),
                        A.pixel_size(record.data) if record.media_type != A.PDF else None,
                        record.venue_id, record.caption, dict(record.translations or {}), record.version)


def attached_files(ws: Workspace, bid_id: int) -> list[AttachedFile]:
    """Every attached file of the bid, in the order attached, with its pages or pixels (each file's bytes read
    once, here)."""
    with ws.read_session() as s:
        rows = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id).order_by(m.Attachment.id)).all()
    return [_seen(r) for r in rows]


def attached_file(ws: Workspace, bid_id: int, attachment_id: int) -> AttachedFile | None:
    """One attached file of the bid as a person sees it (its version included); None when it is gone."""
    with ws.read_session() as s:
        row = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id,
                                                m.Attachment.id == attachment_id)).first()
    return _seen(row) if row is not None else None


def venue_photos(ws: Workspace, bid_id: int, venue_id: int) -> list[AttachedFile]:
    """The photos of one venue, in the order attached."""
    with ws.read_session() as s:
        rows = s.exec(select(m.Attachment).where(m.Attachment.bid_id == bid_id, m.Attachment.venue_id == venue_id,
                                                 m.Attachment.kind == A.PHOTO).order_by(m.Attachment.id)).all()
    return [_seen(r) for r in rows]


def _venue_of_bid(ws: Workspace, bid_id: int, venue_id: int) -> m.Venue:
    with ws.read_session() as s:
        venue = s.get(m.Venue, venue_id)
    if venue is None or venue.bid_id != bid_id:
        raise NotFound(_("The bid has no venue {id}; 'planner list venue' lists them.").format(id=venue_id))
    return venue


def attach_venue_photo(ws: Workspace, bid_id: int, venue_id: int, path: Path, *, caption: str = "",
                       translations: dict | None = None) -> m.Attachment:
    """Keep the PNG or JPEG at `path` as one more photo of venue `venue_id`, with an optional caption (in the
    bid's content language; `translations` {"caption": {locale: text}} in the other)."""
    ws.check_writable()
    get_bid(ws, bid_id)
    _venue_of_bid(ws, bid_id, venue_id)
    data = read_for_attachment(path, A.PHOTO)
    return _store(ws, bid_id, None, A.PHOTO, Path(path).expanduser(), data, venue_id=venue_id,
                  caption=" ".join((caption or "").split()), translations=translations)


def replace_file(ws: Workspace, bid_id: int, attachment_id: int, path: Path, *,
                 expected_version: int | None = None) -> m.Attachment:
    """Put the file at `path` in place of an attached one, which keeps its number, owner and caption (audited,
    one version step). Refused, saying who changed it and when, when someone changed or replaced it since
    `expected_version` (the version the person saw) was read."""
    from planner.services import records

    ws.check_writable()
    with ws.read_session() as s:
        kind = s.exec(select(m.Attachment.kind).where(m.Attachment.id == attachment_id,
                                                      m.Attachment.bid_id == bid_id)).first()
    if kind is None:
        if expected_version is not None:
            with ws.read_session() as s:
                raise records.conflict(s, m.Attachment, attachment_id)
        raise NotFound(_("That file is no longer attached; someone removed it. Reload to see what is."))
    data = read_for_attachment(path, kind)
    with ws.session() as s:
        record = s.exec(select(m.Attachment).where(m.Attachment.id == attachment_id, m.Attachment.bid_id == bid_id)
                        .options(defer(m.Attachment.data))).first()
        if record is None:
            if expected_version is not None:
                raise records.conflict(s, m.Attachment, attachment_id)
            raise NotFound(_("That file is no longer attached; someone removed it. Reload to see what is."))
        if expected_version is not None and record.version != expected_version:
            raise records.conflict(s, m.Attachment, attachment_id)
        before = _shown(record)
        values = {"filename": Path(path).expanduser().name[:255], "media_type": A.media_type(data),
                  "size_bytes": len(data), "sha256": A.sha256(data), "data": data, "created_at": m.utcnow(),
                  "created_by": ws.user, "version": record.version + 1}
        table = m.Attachment.__table__
        with s.no_autoflush:  # written only while the row is still at the version read: else theirs stands
            won = s.execute(sa.update(table).where(table.c.id == attachment_id, table.c.version == record.version)
                            .values(**values)).rowcount == 1
        if not won:
            raise records.conflict(s, m.Attachment, attachment_id)
        s.refresh(record, attribute_names=[name for name in values if name != "data"])
        _log(s, ws.user, bid_id, "update", record.id, before=before, after=_shown(record))
        s.flush()
        return record


def set_caption(ws: Workspace, bid_id: int, attachment_id: int, caption: str, translation: str | None = None, *,
                expected_version: int | None = None):
    """Set a photo's caption (in the bid's content language) and, when given, its translation into the other
    language; through the records service (its rules, its version step and its audit): refused, saying who
    changed it and when, when someone changed it since `expected_version` (the version the person saw) was
    read. Returns (record, Edit or None)."""
    from planner.services import records
    from planner.services.translations import merged, other_locale

    bid = get_bid(ws, bid_id)
    with ws.read_session() as s:
        record = s.exec(select(m.Attachment).where(m.Attachment.id == attachment_id, m.Attachment.bid_id == bid_id)
                        .options(defer(m.Attachment.data))).first()
        if record is None and expected_version is not None:
            raise records.conflict(s, m.Attachment, attachment_id)
    if record is None:
        raise NotFound(_("That file is no longer attached; someone removed it. Reload to see what is."))
    changes: dict = {"caption": " ".join((caption or "").split())}
    if translation is not None:
        changes["translations"] = merged(record.translations, {
            ("caption", other_locale(bid.content_locale)): " ".join(translation.split())})
    return records.edit(ws, "attachment", attachment_id, changes, expected_version=expected_version)


def detach_photo(ws: Workspace, bid_id: int, attachment_id: int) -> m.Attachment:
    """Remove one photo (of a venue or of the bid) by its number; NotFound when the bid has no such photo."""
    ws.check_writable()
    with ws.read_session() as s:
        kind = s.exec(select(m.Attachment.kind).where(m.Attachment.id == attachment_id,
                                                      m.Attachment.bid_id == bid_id)).first()
    if kind != A.PHOTO:
        raise NotFound(_("The bid has no photo {id}; 'planner attach list' lists the attached files.").format(
            id=attachment_id))
    return remove_attachment(ws, bid_id, attachment_id)


class NoViewer(PlannerError):
    """No program to show a file with was found; the message says where the copy was saved."""


def open_with_viewer(ws: Workspace, bid_id: int, attachment_id: int, folder: Path | None = None) -> Path:
    """Save a private copy of an attached file in `folder` (a new private temporary folder by default) and open
    it with the system's viewer (xdg-open or open, found on the PATH); NoViewer, naming the copy, where there
    is none."""
    import shutil
    import subprocess
    import tempfile

    from planner.services.files import free_name, private_folder, write_private

    folder = private_folder(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="planner-"))

    with ws.read_session() as s:
        record = s.exec(select(m.Attachment).where(m.Attachment.id == attachment_id,
                                                   m.Attachment.bid_id == bid_id)).first()
    if record is None:
        raise NotFound(_("That file is no longer attached; someone removed it. Reload to see what is."))
    stem = Path(record.filename).stem or record.kind
    name = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem)[:80] or record.kind
    copy = write_private(free_name(Path(folder) / f"{name}{A.SUFFIX.get(record.media_type, '')}"), record.data)
    viewer = shutil.which("xdg-open") or shutil.which("open")
    if viewer is None:
        raise NoViewer(_("No program to open files with was found (xdg-open or open); the file is saved as "
                         "{path}.").format(path=copy))
    subprocess.Popen([viewer, str(copy)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    return copy
