"""The dossier's own messages, marked for translation (stored values are named by `planner.i18n.labels`)."""

from __future__ import annotations

from planner.i18n import N_

# Messages the dossier command line and service show (kept in the dossier area of the catalogs).
MSG_PARTNER_NEEDED = N_("A partner dossier is made for one partner: add --partner NAME.")
MSG_PARTNER_NOT_FOUND = N_("No partner called {name!r} backs this bid. Partners: {names}.")
MSG_PARTNER_ONLY = N_("--partner only applies to --audience partner.")
MSG_WRITTEN = N_("Dossier written: {path} ({pages} pages, {seconds} s)")
MSG_NO_EXPORTS = N_("No dossier has been exported yet.")
MSG_CANNOT_WRITE = N_("Cannot write the dossier to {path}: {reason}. Choose another file with -o PATH.")
MSG_LETTER_UNREADABLE = N_("The letter of support from {partner} ({path}) is not a readable PDF and was left out.")
MSG_PROGRESS = N_("Building the dossier")
MSG_UNKNOWN_LANGUAGE = N_("Unknown language {locale!r}: use sv or en.")
MSG_BID_CONTACT = N_("Contact for the bid")
MSG_NOTE_VENUE = N_("Venue {name}: {note}")
MSG_NOTE_PARTNER = N_("Partner {name}: {note}")
MSG_NOTE_SPEAKER = N_("Speaker {name}: {note}")
MSG_RISK_LOSS = N_("Attendance falls short and the conference makes a loss")
MSG_RISK_CHANCE = N_("{share} chance")
MSG_RISK_RANGE = N_("Result between {p10} and {p90} (80 % of outcomes)")
MSG_RISK_OVERDUE = N_("Overdue: {task}")

# Help for `planner dossier` (the command line area's catalog is not ours, so the texts live here).
HELP_COMMAND = N_("Make the bid dossier as a PDF for the committee, one partner, or the bid team.")
HELP_BID = N_("The bid (default: the only one, or the one last worked on).")
HELP_LOCALE = N_("Language of the dossier: sv or en (default: the program's language).")
HELP_AUDIENCE = N_("Who it is for: committee (as submitted), partner (one partner, with --partner) or "
                   "internal (everything, for the bid team).")
HELP_PARTNER = N_("The partner a partner dossier is for, by name.")
HELP_OUTPUT = N_("Where to write the PDF (default: the exports folder, named by bid, audience, language "
                 "and date).")
HELP_HISTORY = N_("List the dossiers made so far instead of making one.")
HELP_RECIPIENT = N_("Who the dossier is sent to, for the export history.")
MSG_WARNING = N_("Note: {warning}")
COLUMN_WHEN = N_("When")
COLUMN_BID = N_("Bid")
COLUMN_AUDIENCE = N_("Audience")
COLUMN_LANGUAGE = N_("Language")
COLUMN_RECIPIENT = N_("Recipient")
COLUMN_PAGES = N_("Pages")
COLUMN_FILE = N_("File")
