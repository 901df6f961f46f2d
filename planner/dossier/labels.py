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
MSG_LETTER_UNREADABLE = N_("The letter of support from {partner} is not a readable PDF or picture and was left "
                           "out.")
MSG_LETTER_NOT_ATTACHED = N_("The letter of support from {partner} is only a path ({path}), which is never "
                             "opened; attach the file with 'planner attach letter'.")
MSG_PROGRESS = N_("Building the dossier")
MSG_UNKNOWN_LANGUAGE = N_("Unknown language {locale!r}: use sv or en.")
MSG_BID_CONTACT = N_("Contact for the bid")
MSG_NOTE_VENUE = N_("Venue {name}: {note}")
MSG_NOTE_PARTNER = N_("Partner {name}: {note}")
MSG_NOTE_SPEAKER = N_("Speaker {name}: {note}")
MSG_NOTE_COMMITMENT = N_("Commitment from {name}: {note}")
MSG_NOTE_LINE = N_("Budget line {name}: {note}")
MSG_NOTE_TASK = N_("Task {name}: {note}")
MSG_SCORE_COMMENT = N_("{venue}, {criterion}: {score} ({comment})")
MSG_RISK_LOSS = N_("Attendance falls short and the conference makes a loss")
MSG_RISK_CHANCE = N_("{share} chance")
MSG_RISK_RANGE = N_("Result between {p10} and {p90} (80 % of outcomes)")
MSG_RISK_OVERDUE = N_("Overdue: {task}")

# Confidential money (planner.services.disclosure): the pooled rows, the notes, and the question before export.
MSG_POOL_PARTNERS = N_("Further partner contributions under confidentiality, {n} partners")
MSG_POOL_INCOME = N_("Further contributions under confidentiality, {n} parties")
MSG_POOL_COSTS = N_("Further costs under confidentiality, {n} items")
MSG_POOLED_CARD = N_("Under confidentiality")
MSG_BUDGET_POOLED = N_("Amounts kept confidential are not shown one by one: they are counted only in the rows "
                       "“under confidentiality”, which every total includes.")
MSG_BUDGET_LEFT_OUT = N_("These figures leave out confidential amounts that the dossier could not otherwise keep "
                         "confidential.")
MSG_FUNDING_HIDDEN = N_("Amounts partners asked to keep confidential are not shown.")
MSG_FUNDING_LEFT_OUT = N_("The totals above leave out confidential amounts that the dossier could not otherwise "
                          "keep confidential.")
MSG_HIDDEN_PARTNER = N_("the confidential amount from {name}")
MSG_HIDDEN_LINE = N_("the confidential budget line “{name}”")
MSG_HIDDEN_COVERED = N_("the cost of “{name}”, which a partner covers in kind under confidentiality")
MSG_CANNOT_HIDE = N_("This dossier cannot keep {what} confidential: it is the only confidential amount on its side "
                     "of the budget, so the totals would give it away. Run again with --omit-confidential to "
                     "leave it out of every total it would reveal, or record the consent to disclose it "
                     "(“Consents to disclosure in the dossier” on the commitment or budget line) and run again.")
MSG_QUESTION_TITLE = N_("Confidential amounts this dossier cannot hide")
MSG_QUESTION_BODY = N_("This dossier cannot keep {what} confidential: it is the only confidential amount on its "
                       "side of the budget, so the totals would give it away.")
MSG_QUESTION_OMIT = N_("Leave it out of the totals")
MSG_QUESTION_OMIT_HELP = N_("The dossier is made without it: no total, result or gap counts it.")
MSG_QUESTION_CONSENT = N_("The partner consents: go ahead")
MSG_QUESTION_CONSENT_HELP = N_("Records the consent to disclosure on the record (in the change log) and makes the "
                               "dossier with the amount counted as any other.")
MSG_QUESTION_CANCEL = N_("Cancel")
MSG_CONSENT_RECORDED = N_("Consent to disclosure recorded: {names}.")
MSG_GAP_BOTH = N_("Of what is still to find, {deficit} is the budget's deficit and {rest} is income the budget "
                  "counts on that no partner has pledged yet.")
MSG_GAP_DEFICIT = N_("What is still to find is the budget's deficit, {deficit}.")
MSG_GAP_UNPLEDGED = N_("What is still to find, {rest}, is income the budget counts on that no partner has pledged "
                       "yet.")
MSG_NO_GUARANTEE = N_("The committee edition shows a deficit of {deficit} and the bid names no financial guarantee. "
                      "Enter the guarantor and the guarantee statement on the bid, or run again with "
                      "--without-guarantee to make it as it is.")
MSG_GUARANTEE_TITLE = N_("A deficit with no guarantee")
MSG_GUARANTEE_GO = N_("Make it without a guarantee")
MSG_GUARANTEE_BODY = N_("The committee edition shows a deficit of {deficit} and the bid names no financial "
                        "guarantee. A committee reads that as a risk nobody carries.")
HELP_WITHOUT_GUARANTEE = N_("Make a committee edition of a budget in deficit even though the bid names no "
                            "guarantor.")
HELP_OMIT = N_("Leave confidential amounts that the dossier cannot hide out of every total they would reveal.")

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
