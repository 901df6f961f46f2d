"""`planner text set|show`: the dossier texts (invitation, summary, motivation ...), each in Swedish and English.

A text comes from --text, a file (--file PATH) or standard input (`-`), as UTF-8; it is stored as it is and
shown literally.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from planner.cli.context import out_console, state_of
from planner.cli.params import bid_option, json_option
from planner.i18n import N_, _
from planner.i18n.text import literal

MAX_BYTES = 1_000_000  # a dossier text of more than a megabyte is a wrong file

text_app = typer.Typer(help=N_("The dossier texts (invitation, summary, motivation ...), each in Swedish and "
                               "English."), no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(text_app, name="text")


def _read(stream, where: str) -> str:
    from planner.services.errors import ValidationError

    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({where: _("The text is longer than {n} bytes; a dossier text is shorter.").format(
            n=MAX_BYTES)})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError({where: _("This is not UTF-8 text (a byte 0x{byte:02X} at byte {position}); save "
                                        "it as UTF-8.").format(byte=data[exc.start], position=exc.start + 1)}
                              ) from None
    return text.removeprefix("\ufeff")


@text_app.command("set", help=N_("Write one dossier text in one language, from --text, --file PATH or standard "
                                 "input (-)."))
def text_set(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY", help=N_("invitation, summary, motivation, legacy, host_city, "
                                                          "access or bid_team.")),
    source: str = typer.Argument(None, metavar="-", help=N_("'-' reads the text from standard input.")),
    locale: str = typer.Option(..., "--locale", metavar="sv|en", help=N_("The language of the text.")),
    path: Path = typer.Option(None, "--file", metavar="PATH", help=N_("Read the text from this UTF-8 file.")),
    text: str = typer.Option(None, "--text", metavar="TEXT", help=N_("The text itself.")),
    bid_id: int = bid_option(),
) -> None:
    from planner.services import fields
    from planner.services.workspace import resolve_bid

    if source not in (None, "-"):
        raise typer.BadParameter(_("Only '-' (standard input) may follow the key; give a file with --file PATH "
                                   "and a text with --text."), param_hint="-")
    given = [s for s in (source, path, text) if s is not None]
    if len(given) != 1:
        raise typer.BadParameter(_("Give the text one way: --text TEXT, --file PATH or - for standard input."),
                                 param_hint="--text")
    if text is not None:
        body = text
    elif source == "-" or str(path) == "-":
        body = _read(sys.stdin.buffer, "-")
    else:
        with path.open("rb") as stream:
            body = _read(stream, "--file")
    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    _saved, new = fields.set_text(ws, bid.id, key, locale.strip().lower(), body)
    message = _("Added the {key} text in {locale} to bid {id}.") if new else \
        _("Saved the {key} text in {locale} of bid {id}.")
    out_console().print(literal(message.format(key=key, locale=locale.strip().lower(), id=bid.id)))


@text_app.command("show", help=N_("Show a bid's dossier texts (all, or those of one KEY)."))
def text_show(
    ctx: typer.Context,
    key: str = typer.Argument(None, metavar="KEY", help=N_("Only this text, in both languages.")),
    bid_id: int = bid_option(),
    as_json: bool = json_option(),
) -> None:
    from planner.cli.records import emit_json
    from planner.services import fields
    from planner.services.workspace import resolve_bid

    ws = state_of(ctx).workspace()
    bid = resolve_bid(ws, bid_id)
    found = fields.texts(ws, bid.id, key)
    if as_json:
        emit_json(found)
        return
    console = out_console()
    if not found:
        console.print(_("No dossier texts yet; add one with 'planner text set KEY --locale sv --text ...'."))
        return
    for i, t in enumerate(found):
        if i:
            console.print()
        console.print(literal(f"{t['key']} ({t['locale']})", style="bold"))
        console.print(literal(t["body"]))
