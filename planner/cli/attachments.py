"""`planner attach letter|logo|image|list|remove`: keep a letter of support, the logo or the dossier's pictures
(hero image, signature, photos) in the database, list them and remove one.

The file is read once, here, and stored; the dossier and the bid file use the stored bytes from then on.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from planner.cli.context import out_console, state_of
from planner.cli.params import bid_option
from planner.i18n import N_, _
from planner.i18n.text import literal

attach_app = typer.Typer(help=N_("Keep a letter of support or the bid's logo in the database (read once, at most "
                                 "20 MB; PDF letters, PNG or JPEG logos)."), no_args_is_help=True)


detach_app = typer.Typer(help=N_("Remove a letter of support or the bid's logo kept in the database."),
                         no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(attach_app, name="attach")
    root.add_typer(detach_app, name="detach")


@attach_app.command("letter", help=N_("Attach a partner's letter of support (a PDF file)."))
def attach_letter_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help=N_("The letter, a PDF file.")),
    partner: str = typer.Option(..., "--partner", metavar="NAME", help=N_("The partner who wrote it.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_letter
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    record = attach_letter(ws, resolve_bid(ws, bid_id).id, partner, path)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as the letter of support from "
                                  "{partner}.").format(name=record.filename, size=record.size_bytes,
                                                       sha=record.sha256[:12], partner=partner)))


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
    bid_id: int = bid_option(),
) -> None:
    from planner.services.attachments import attach_image
    from planner.services.workspace import resolve_bid

    if kind not in ("hero", "signature", "photo"):
        raise typer.BadParameter(_("Write hero, signature or photo."), param_hint="--as")
    ws = state_of(ctx).workspace()
    record = attach_image(ws, resolve_bid(ws, bid_id).id, kind, path)
    out_console().print(literal(_("Attached {name} ({size} bytes, SHA-256 {sha}) as {what}.").format(
        name=record.filename, size=record.size_bytes, sha=record.sha256[:12], what=_kind_name(kind))))


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


@attach_app.command("list", help=N_("List the files kept with the bid, and paths left from an older version that "
                                    "still need their file attached."))
def attach_list_command(ctx: typer.Context, bid_id: int = bid_option()) -> None:
    from planner.services.attachments import list_attachments, unattached_paths
    from planner.services.workspace import load_bundle, resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    console = out_console()
    stored = list_attachments(ws, bid.id)
    partners = {p.id: p.name for p in load_bundle(ws, bid.id).partners}
    if stored:
        table = Table(title=_("Attached files"), title_justify="left")
        for column in (_("Number"), _("What"), _("File"), _("Type"), _("Bytes"), "SHA-256"):
            table.add_column(column, justify="right" if column in (_("Bytes"), _("Number")) else "left")
        for record in stored:
            what = partners.get(record.partner_id, "?") if record.kind == "letter" else _kind_name(record.kind)
            table.add_row(str(record.id), literal(what), literal(record.filename), record.media_type,
                          str(record.size_bytes), record.sha256[:12])
        console.print(table)
    else:
        console.print(_("No files are attached to this bid."))
    for item in unattached_paths(ws, bid.id):
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
