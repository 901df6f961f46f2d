"""`planner attach letter|logo|image|photo|caption|replace|list|remove` and `planner detach letter|logo|photo`:
keep a letter of support, the logo, the dossier's pictures (hero image, signature, photos) or a venue's photos
in the database, caption, replace, list and remove them.

The file is read once, here, and stored; the dossier and the bid file use the stored bytes from then on.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from planner.cli.context import out_console, state_of
from planner.cli.params import bid_option, json_option, parse_id
from planner.cli.records import emit_json
from planner.i18n import N_, _, ngettext
from planner.i18n.text import literal

attach_app = typer.Typer(help=N_("Keep a letter of support, the bid's logo or a venue's photos in the database (read "
                                 "once, at most 20 MB; letters PDF, PNG or JPEG, pictures PNG or JPEG)."),
                         no_args_is_help=True)


detach_app = typer.Typer(help=N_("Remove a letter of support, the bid's logo or a photo kept in the database."),
                         no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(attach_app, name="attach")
    root.add_typer(detach_app, name="detach")


@attach_app.command("letter", help=N_("Attach a partner's letter of support (a PDF file, or a scan as PNG or "
                                      "JPEG): planner attach letter PARTNER FILE, PARTNER being the partner's id as "
                                      "'planner list partner' shows it or its name; or FILE --partner PARTNER."))
def attach_letter_command(
    ctx: typer.Context,
    first: str = typer.Argument(..., metavar="PARTNER", show_default=False,
                                help=N_("The partner who wrote it, its id or its name (with --partner: the file).")),
    second: Path | None = typer.Argument(None, metavar="FILE", show_default=False,
                                         help=N_("The letter, a PDF, PNG or JPEG file.")),
    partner: str | None = typer.Option(None, "--partner", metavar="PARTNER",
                                       help=N_("The partner who wrote it, its id or its name (then give FILE alone).")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_partner_letter, find_partner
    from planner.services.workspace import resolve_bid

    if second is None and partner is None:
        raise typer.BadParameter(_("Name the partner and the file: planner attach letter PARTNER FILE."),
                                 param_hint="PARTNER")
    if second is not None and partner is not None:
        raise typer.BadParameter(_("The partner is named twice, as {first!r} and by --partner; give one of them.")
                                 .format(first=first), param_hint="--partner")
    who, path = (first, second) if second is not None else (partner, Path(first))
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id).id
    found = find_partner(ws, bid, str(who))
    record = attach_partner_letter(ws, bid, found.id, path)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as the letter of support from "
                                  "{partner}.").format(name=record.filename, size=record.size_bytes,
                                                       sha=record.sha256[:12], partner=found.name)))


@attach_app.command("logo", help=N_("Attach the bid's logo (a PNG or JPEG file) for the dossier's cover."))
def attach_logo_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The logo, a PNG or JPEG file.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_logo
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = attach_logo(ws, resolve_bid(ws, bid_id).id, path)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as the logo.").format(
        name=record.filename, size=record.size_bytes, sha=record.sha256[:12])))


@attach_app.command("image", help=N_("Attach a picture for the dossier (a PNG or JPEG file): the cover's hero image, "
                                     "the signature under the invitation, or one more photo of the venue and city."))
def attach_image_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The picture, a PNG or JPEG file.")),
    kind: str = typer.Option(..., "--as", metavar="hero|signature|photo",
                             help=N_("What the picture is: hero, signature or photo.")),
    caption: str = typer.Option("", "--caption", metavar="TEXT",
                                help=N_("The caption, in the language the bid's records are written in.")),
    translation: str = typer.Option("", "--translation", metavar="TEXT",
                                    help=N_("The caption in the bid's other language.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_image
    from planner.services.translations import other_locale
    from planner.services.workspace import resolve_bid

    if kind not in ("hero", "signature", "photo"):
        raise typer.BadParameter(_("Write hero, signature or photo."), param_hint="--as")
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    translations = {"caption": {other_locale(bid.content_locale): translation.strip()}} if translation.strip() else {}
    record = attach_image(ws, bid.id, kind, path, caption=caption, translations=translations)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as {what} (number {id}).").format(
        name=record.filename, size=record.size_bytes, sha=record.sha256[:12], what=_kind_name(kind), id=record.id)))


@attach_app.command("remove", help=N_("Remove an attached file by its number ('planner attach list' shows them)."))
def attach_remove_command(
    ctx: typer.Context,
    attachment_id: int = typer.Argument(..., metavar="NUMBER", help=N_("The attached file's number.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import remove_attachment
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = remove_attachment(ws, resolve_bid(ws, bid_id).id, attachment_id)
    out_console().print(literal(_("Removed {name} ({what}).").format(name=record.filename,
                                                                     what=_kind_name(record.kind))))


def _kind_name(kind: str) -> str:
    return {"logo": _("the logo"), "hero": _("the cover's hero image"), "signature": _("the signature"),
            "photo": _("a photo"), "letter": _("a letter of support")}.get(kind, kind)


@attach_app.command("photo", help=N_("Attach a photo of a venue (a PNG or JPEG file; VENUE_ID as 'planner list venue' "
                                     "shows it), printed with the venue in the dossier."))
def attach_photo_command(
    ctx: typer.Context,
    venue_id: int = typer.Argument(..., metavar="VENUE_ID", min=1, help=N_("The venue's id.")),
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The photo, a PNG or JPEG file.")),
    caption: str = typer.Option("", "--caption", metavar="TEXT",
                                help=N_("The caption, in the language the bid's records are written in.")),
    translation: str = typer.Option("", "--translation", metavar="TEXT",
                                    help=N_("The caption in the bid's other language.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_venue_photo
    from planner.services.translations import other_locale
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    translations = {"caption": {other_locale(bid.content_locale): translation.strip()}} if translation.strip() else {}
    record = attach_venue_photo(ws, bid.id, venue_id, path, caption=caption, translations=translations)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as photo {id} of venue {venue}.")
                                .format(name=record.filename, size=record.size_bytes, sha=record.sha256[:12],
                                        id=record.id, venue=venue_id)))


@attach_app.command("caption", help=N_("Set the caption of a photo or the hero image (NUMBER as 'planner attach list' "
                                       "shows it); an empty text removes it."))
def attach_caption_command(
    ctx: typer.Context,
    attachment_id: int = typer.Argument(..., metavar="NUMBER", min=1, help=N_("The photo's number.")),
    caption: str = typer.Argument(..., metavar="TEXT",
                                  help=N_("The caption, in the language the bid's records are written in.")),
    translation: str = typer.Option(None, "--translation", metavar="TEXT",
                                    help=N_("The caption in the bid's other language (empty: none).")),
    if_version: int = typer.Option(None, "--if-version", metavar="<int>", parser=parse_id,
                                   help=N_("Only if the file is still at this version (as 'attach list --json' "
                                           "showed it); refused if someone changed it since.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import set_caption
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record, _edit = set_caption(ws, resolve_bid(ws, bid_id).id, attachment_id, caption, translation,
                                expected_version=if_version)
    out_console().print(literal(_("The caption of {name} is now: {caption}").format(
        name=record.filename, caption=record.caption or "–")))


@attach_app.command("replace", help=N_("Put another file in place of an attached one (NUMBER as 'planner attach list' "
                                       "shows it); it keeps its number, its partner or venue and its caption."))
def attach_replace_command(
    ctx: typer.Context,
    attachment_id: int = typer.Argument(..., metavar="NUMBER", min=1, help=N_("The attached file's number.")),
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The new file, of the same kind's types.")),
    if_version: int = typer.Option(None, "--if-version", metavar="<int>", parser=parse_id,
                                   help=N_("Only if the file is still at this version (as 'attach list --json' "
                                           "showed it); refused if someone changed or replaced it since.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import replace_file
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = replace_file(ws, resolve_bid(ws, bid_id).id, attachment_id, path, expected_version=if_version)
    out_console().print(literal(_("Replaced attached file {id} with {name} ({size} bytes, SHA-256 {sha}).").format(
        id=record.id, name=record.filename, size=record.size_bytes, sha=record.sha256[:12])))


def _what(record, partners: dict[int, str], venues: dict[int, str]) -> str:
    if record.kind == "letter":
        return _("letter of support from {partner}").format(partner=partners.get(record.partner_id, "?"))
    if record.venue_id is not None:
        return _("photo of {venue}").format(venue=venues.get(record.venue_id, "?"))
    return _kind_name(record.kind)


def _extent(record) -> str:
    if record.pages is not None:
        return ngettext("{n} page", "{n} pages", record.pages).format(n=record.pages)
    if record.pixels is not None:
        return _("{width} × {height} px").format(width=record.pixels[0], height=record.pixels[1])
    return ""


@attach_app.command("list", help=N_("List the files kept with the bid (name, size, pages or pixels, captions), and "
                                    "paths left from an older version that still need their file attached."))
def attach_list_command(ctx: typer.Context, bid_id: int = bid_option(), as_json: bool = json_option()) -> None:
    from planner.services.attachments import attached_files, unattached_paths
    from planner.services.workspace import load_bundle, resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    stored = attached_files(ws, bid.id)
    bundle = load_bundle(ws, bid.id)
    partners = {p.id: p.name for p in bundle.partners}
    venues = {v.id: v.name for v in bundle.venues}
    missing = unattached_paths(ws, bid.id)
    if as_json:
        emit_json({"attachments": [
            {"id": r.id, "kind": r.kind, "partner_id": r.partner_id, "venue_id": r.venue_id,
             "filename": r.filename, "media_type": r.media_type, "size_bytes": r.size_bytes, "pages": r.pages,
             "width": r.pixels[0] if r.pixels else None, "height": r.pixels[1] if r.pixels else None,
             "caption": r.caption, "translations": r.translations or {}, "version": r.version} for r in stored],
            "unattached": [{"what": item.what, "path": item.path} for item in missing]})
        return
    console = out_console()
    if stored:
        table = Table(title=_("Attached files"), title_justify="left")
        for column in (_("Number"), _("What"), _("File"), _("Type"), _("Bytes"), _("Pages or size"), _("Caption")):
            table.add_column(column, justify="right" if column in (_("Bytes"), _("Number")) else "left")
        for record in stored:
            table.add_row(str(record.id), literal(_what(record, partners, venues)), literal(record.filename),
                          record.media_type, str(record.size_bytes), _extent(record), literal(record.caption))
        console.print(table)
    else:
        console.print(_("No files are attached to this bid."))
    for item in missing:
        what = _("the logo") if item.what == "logo" else item.what
        console.print(literal(_("Not attached: {what} names the path {path}, which is never opened; attach the "
                                "file.").format(what=what, path=item.path)))


@detach_app.command("letter", help=N_("Remove a partner's letter of support (PARTNER_ID as 'planner list partner' "
                                      "shows it)."))
def detach_letter_command(
    ctx: typer.Context,
    partner_id: int = typer.Argument(..., metavar="PARTNER_ID", min=1, help=N_("The partner's id.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.domain.attachments import LETTER
    from planner.services.attachments import detach
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = detach(ws, resolve_bid(ws, bid_id).id, LETTER, partner_id)
    out_console().print(literal(_("Removed the letter of support {name} of partner {id}.").format(
        name=record.filename, id=partner_id)))


@detach_app.command("logo", help=N_("Remove the bid's logo."))
def detach_logo_command(ctx: typer.Context, bid_id: int = bid_option()) -> None:
    from planner.domain.attachments import LOGO
    from planner.services.attachments import detach
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = detach(ws, resolve_bid(ws, bid_id).id, LOGO)
    out_console().print(literal(_("Removed the logo {name}.").format(name=record.filename)))


@detach_app.command("photo", help=N_("Remove a photo (of a venue or of the bid) by its number, as 'planner attach list' "
                                     "shows it."))
def detach_photo_command(
    ctx: typer.Context,
    attachment_id: int = typer.Argument(..., metavar="ID", min=1, help=N_("The photo's number.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import detach_photo
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = detach_photo(ws, resolve_bid(ws, bid_id).id, attachment_id)
    out_console().print(literal(_("Removed the photo {name}.").format(name=record.filename)))
