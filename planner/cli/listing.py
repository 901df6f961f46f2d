"""How the bids are printed: a table, or JSON for scripts. It imports no Typer, so the quick path
(planner.cli.quick) and the `bids` command print the same, from the same code."""

from __future__ import annotations

import json
import sys

from planner.cli.consoles import out_console
from planner.i18n import _
from planner.i18n.format import format_date
from planner.i18n.labels import label
from planner.i18n.text import json_safe, literal


def bids_document(bids) -> list[dict]:
    return [{"id": bid.id, "title": bid.title, "host_city": bid.host_city, "status": bid.status,
             "bid_deadline": bid.bid_deadline.isoformat() if bid.bid_deadline else None,
             "base_currency": bid.base_currency,
             "last_opened_at": bid.last_opened_at.isoformat() if bid.last_opened_at else None,
             "archived_at": bid.archived_at.isoformat() if bid.archived_at else None}
            for bid in bids]


def show_bids(bids, as_json: bool = False, *, archived: bool = False) -> None:
    if as_json:
        sys.stdout.write(json_safe(json.dumps(bids_document(bids), ensure_ascii=False, indent=2)) + "\n")
        return
    from rich.table import Table

    console = out_console()
    if not bids and archived:
        console.print(_("No deleted bids are kept."))
        return
    if not bids:
        console.print(_("No bids yet. Create one with 'planner bid new', or load the demo bid with 'planner demo'."))
        return
    table = Table(title=_("Deleted bids ('planner bid restore ID' brings one back)") if archived else _("Bids"),
                  title_justify="left")
    table.add_column(_("ID"), justify="right")
    table.add_column(_("Bid"))
    table.add_column(_("Status"))
    table.add_column(_("Deadline"))
    table.add_column(_("Currency"))
    for bid in bids:
        table.add_row(str(bid.id), literal(bid.title), label(bid.status),
                      format_date(bid.bid_deadline) if bid.bid_deadline else "-", literal(bid.base_currency))
    console.print(table)
