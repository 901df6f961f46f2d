"""The command palette (ctrl+p): every screen and the main actions, as "area: what it does".

Titles and help are shown as literal text (a translation holding `[` is not markup): the palette reads a str
hit as markup, so every hit is built from Content.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from planner.i18n import N_, _

# (title, help, mode, screen action or None)
COMMANDS: list[tuple[str, str, str, str | None]] = [
    (N_("go: overview"), N_("Days to the deadline, readiness, budget, funding, alerts"), "overview", None),
    (N_("go: venues"), N_("Candidate venues, rooms, accommodation and scoring"), "venues", None),
    (N_("go: budget"), N_("Budget lines, scenarios, break-even and baselines"), "budget", None),
    (N_("go: speakers and programme"), N_("Speakers, the programme grid and its conflicts"), "programme", None),
    (N_("go: partners"), N_("Partners, commitments and letters of support"), "partners", None),
    (N_("go: timeline"), N_("Tasks and milestones, list and Gantt"), "timeline", None),
    (N_("go: dossier"), N_("Export the bid dossier as PDF"), "dossier", None),
    (N_("go: settings"), N_("Language, theme, currency, where files live"), "settings", None),
    (N_("go: bid"), N_("The bid's own fields, its status and history, the date options"), "bid", None),
    (N_("log: show changes"), N_("Who changed what and when, newest first"), "changes", None),
    (N_("go: help"), N_("Keys and workflows"), "help", None),
    (N_("bids: switch bid"), N_("Pick another bid, create one or open the demo"), "start", None),
    (N_("bids: new bid"), N_("Create a bid"), "start", "new_bid"),
    (N_("bids: open the demo bid"), N_("Generator 2012 in Gävle"), "start", "demo"),
    (N_("bid: edit the bid's fields"), N_("Dates, attendance scenarios, contact, VAT, notes"), "bid", "edit_bid"),
    (N_("bid: change status"), N_("Submitted, shortlisted, won ...: with the day and a note"), "bid", "status"),
    (N_("bid: add date option"), N_("A date range the bid offers"), "bid", "add_date_option"),
    (N_("venues: add venue"), N_("A new candidate venue"), "venues", "add"),
    (N_("venues: add room"), N_("A room in the selected venue"), "venues", "add_room"),
    (N_("venues: add accommodation"), N_("A hotel room block"), "venues", "add_accommodation"),
    (N_("venues: add criterion"), N_("A new scoring criterion, in Swedish and English"), "venues", "add_criterion"),
    (N_("budget: add line"), N_("A new income or expense line"), "budget", "add"),
    (N_("budget: switch scenario"), N_("Low, expected, high"), "budget", "next_scenario"),
    (N_("budget: freeze baseline"), N_("Freeze the working budget to compare against later"), "budget",
     "freeze"),
    (N_("speakers: add speaker"), N_("A new speaker"), "programme", "add"),
    (N_("programme: add session"), N_("A slot in the programme"), "programme", "add_session"),
    (N_("partners: add partner"), N_("A new partner"), "partners", "add"),
    (N_("partners: add commitment"), N_("What a partner commits"), "partners", "add_commitment"),
    (N_("timeline: add task"), N_("A task or milestone, fixed or relative to an anchor"), "timeline", "add"),
    (N_("timeline: generate standard timeline"), N_("The standard bid plan, from the deadline back"),
     "timeline", "generate"),
    (N_("dossier: export"), N_("Make the dossier PDF now"), "dossier", "export"),
    (N_("dossier: write texts"), N_("The dossier texts in Swedish and English"), "dossier", "texts"),
    (N_("dossier: attach logo"), N_("The bid's logo for the dossier's cover"), "dossier", "logo"),
    (N_("settings: switch language"), N_("Svenska / English"), "settings", "toggle_language"),
    (N_("settings: switch theme"), N_("Dark / light"), "settings", "toggle_theme"),
    (N_("edit: undo the last delete"), N_("Put back what was deleted last"), "", "undo"),
]


class PlannerCommands(Provider):
    """Commands named by area, translated when the palette opens."""

    def _commands(self):
        for title, help_text, mode, action in COMMANDS:
            yield _(title), _(help_text), partial(self.app.run_command, mode, action)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, highlight(matcher, title), callback, text=title, help=escape(help_text))


def highlight(matcher: Matcher, title: str) -> Content:
    """`title` as literal Content with the letters the query matched highlighted (Matcher.highlight would
    read the title as markup)."""
    content = Content(title)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
