"""The user-facing texts of the rate, import and export services and their commands, in one place.

The services and the commands share much of their wording (column headers, preview words), so the texts
are marked here once with `N_` and translated where shown with `_()`; they belong to the interchange
catalog area.
"""

from __future__ import annotations

from planner.i18n import N_

# rates
RATES_NOT_UPDATED = N_("Exchange rates not updated: {reason} {kept}")
RATES_KEPT = N_("The stored rates are kept (latest from {date}).")
RATES_NONE_STORED = N_("No rates are stored yet.")
RATE_NOT_A_RATE = N_("{value!r} is not a rate: give how many units one euro buys, for example 11.4590.")
RATE_EUR_IS_ONE = N_("Rates are per euro; the euro's own rate is always 1.")

# imports
IMPORT_REFUSED = N_("Nothing was imported: {n} row(s) have problems; fix them and import again.")
IMPORT_SUMMARY = N_("{new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected")
IMPORT_SUMMARY_DELETED = N_("{summary}; {deleted} deleted")
IMPORT_TOO_LONG = N_("{field} is longer than {n} characters")
IMPORT_AMBIGUOUS = N_("matches {n} records by {what}; make them distinct first")
IMPORT_SAME_RECORD_TWICE = N_("the same record as {other}")
IMPORT_CONFLICT = N_("{label} was changed by someone else after the preview; nothing was imported. "
                     "Run the import again.")
IMPORT_SPEAKER_NO_NAME = N_("the speaker has no name")
IMPORT_SOURCE_FAILED = N_("Nothing was imported: {reason}")
IMPORT_UNKNOWN_KIND = N_("{kind!r} is not something to import; choose one of {kinds}.")
IMPORT_NO_SUCH_HEADER = N_("The file has no column {header!r}.")
IMPORT_MISSING_COLUMN = N_("The file has no column for {columns} (for the first, any of: {names}); name the "
                           "columns so and import again.")
IMPORT_ROW = N_("row {line}")
IMPORT_CELL_PROBLEM = N_("{column}: {message}")
CELL_REQUIRED = N_("this column must not be empty")
CELL_NOT_WHOLE_NUMBER = N_("{value!r} is not a whole number")
CELL_NO_SUCH_PARTNER = N_("there is no partner {name!r} in this bid; import or add the partner first")
CELL_TOO_MANY_DECIMALS = N_("{value} has more decimals than {currency} has ({n})")
CELL_TOO_LARGE = N_("{value} is larger than the largest amount that can be stored")
CELL_NOT_ONE_OF = N_("{value!r} is not one of {choices}")
CELL_NOT_A_DATE = N_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2012-05-10")
CELL_NOT_YES_NO = N_("{value!r} is not yes or no")
CELL_NOT_AN_AMOUNT = N_("{value!r} is not an amount; write it like {example}")
CELL_NOT_A_TIME = N_("{value!r} is not a time; write it as HH:MM, e.g. 09:30")
CELL_NOT_A_MOMENT = N_("{value!r} is not a moment; write it as YYYY-MM-DDTHH:MM:SS")
CELL_NO_SUCH_RECORD = N_("there is no {kind} {id} in this bid; 'planner list {kind}' lists them")
CELL_NOT_AN_ACTION = N_("{value!r} is not an action: write delete (or ta bort) to remove the record, or leave "
                        "it empty")
IMPORT_LOST_LETTERS = N_("letters look lost to '?' in {fields} (the file was saved in an encoding without "
                         "them; save it as \"CSV UTF-8\" or give --encoding)")
IMPORT_NOT_FOUND_TO_DELETE = N_("there is no such record to delete (matched by {what})")
IMPORT_DELETE_TAKES = N_("deletes with it: {what}")
IMPORT_WARNINGS_REFUSED = N_("Nothing was imported: {n} row(s) have warnings (letters lost to '?'); look at "
                             "them and confirm, or import with --yes.")

# exports
EXPORT_UNKNOWN_KIND = N_("{kind!r} is not something to export; choose one of {kinds}.")
SCENARIO_SHEET = N_("{scenario} ({attendance})")
XLSX_KIND = N_("Income/expense")
XLSX_CATEGORY = N_("Category")
XLSX_LINE = N_("Line")
XLSX_BASIS = N_("Basis")
XLSX_COUNT = N_("Count")
XLSX_PLANNED = N_("Planned ({currency})")
XLSX_COMMITTED = N_("Committed ({currency})")
XLSX_ACTUAL = N_("Actual ({currency})")
XLSX_REMAINING = N_("Planned minus actual ({currency})")
XLSX_TOTAL_INCOME = N_("Total income")
XLSX_TOTAL_EXPENSES = N_("Total expenses")
XLSX_RESULT = N_("Result")
XLSX_TOTAL = N_("Total")
XLSX_CURRENCY = N_("Currency")
XLSX_PER_EUR = N_("Per euro")
XLSX_RATE_DATE = N_("Rate of")
XLSX_SOURCE = N_("Source")
XLSX_RATE_COLUMN = N_("Exchange rate used")
XLSX_RATE_NOTE = N_("{currency} {rate} per EUR ({date})")
XLSX_STATUS_SHEET = N_("Planned, committed, actual")
XLSX_RATES_SHEET = N_("Exchange rates")
XLSX_FUNDING_SHEET = N_("Funding")
XLSX_PARTNER = N_("Partner")
XLSX_COMMITMENT_KIND = N_("Commitment")
XLSX_CASH_OR_IN_KIND = N_("Cash or in kind")
XLSX_COMMITMENT_STATUS = N_("Status")
XLSX_BUCKET = N_("Counted as")
XLSX_AMOUNT = N_("Amount ({currency})")
XLSX_COUNTED = N_("Counted against the need ({currency})")
XLSX_LINKED_LINE = N_("Linked budget line")
XLSX_COUNTED_TWICE = N_("Counted twice?")
XLSX_CONFIDENTIAL = N_("Confidential")
XLSX_CONFIDENTIAL_MARK = N_("confidential")
XLSX_CASH = N_("Cash")
XLSX_IN_KIND = N_("In kind")
XLSX_SECURED = N_("Secured")
XLSX_PLEDGED = N_("Pledged")
XLSX_PROSPECTS = N_("Prospects")
XLSX_NEED = N_("Funding need (expected)")
XLSX_GAP = N_("Gap if every pledge holds")
XLSX_TWICE_NOTE = N_("maybe: the income line “{line}” looks like the same money")
ICS_OWNER = N_("Owner: {owner}")
ICS_STATUS = N_("Status: {status}")
ICS_MILESTONE = N_("Milestone")
ICS_TASK = N_("Task")
ICS_CALENDAR_NAME = N_("Timeline: {bid}")

# commands
ACTION_NEW = N_("new")
ACTION_UPDATED = N_("updated")
ACTION_REJECTED = N_("rejected")
ACTION_DELETED = N_("delete")
CLI_WARNINGS = N_("Warning: {n} row(s) would lose letters to '?' (see above).")
CLI_CONFIRM_WARNINGS = N_("Import these rows with the '?' as they are?")
CLI_NOT_A_DATE = N_("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2012-05-03.")
CLI_MAPPING = N_("Columns used (file header -> field):")
CLI_UNMAPPED = N_("Columns not used: {headers}")
CLI_PREVIEW_TITLE = N_("What the import will do")
CLI_COL_WHAT = N_("Action")
CLI_COL_ROW = N_("Row")
CLI_COL_WHO = N_("Record")
CLI_COL_DETAILS = N_("Details")
CLI_DRY_RUN = N_("Dry run: nothing was written.")
CLI_NOTHING_TO_DO = N_("Nothing to import: everything is up to date.")
CLI_CONFIRM = N_("Import this?")
CLI_NOTHING_IMPORTED = N_("Nothing was imported.")
CLI_IMPORTED = N_("Imported: {summary}.")
CLI_RATES_HELP = N_("Exchange rates: fetch the ECB's, show them, or set one by hand.")
CLI_RATES_UPDATE_HELP = N_("Fetch the European Central Bank's euro reference rates (PLANNER_ECB_URL).")
CLI_RATES_HISTORY_HELP = N_("Fetch the last 90 days with today's rates (the default), or today's only.")
CLI_RATES_SINCE_HELP = N_("Also fetch the ECB's whole history (one zip of a few MB) and keep the rates from "
                          "January of this year on, for a bid whose budget dates are older than 90 days.")
CLI_RATES_RETIRED = N_("No longer published by the ECB (its last rate kept): {currencies}.")
CLI_RATES_UPDATED = N_("Fetched {n} rates, the latest of {date}; {stored} new or changed.")
CLI_RATES_SHOW_HELP = N_("Show the rate each currency has on a date, with the date of that rate.")
CLI_RATES_DATE_HELP = N_("The date (default today).")
CLI_RATES_NONE = N_("No exchange rates on or before {date}.")
CLI_RATES_TITLE = N_("Exchange rates on {date} (units per euro)")
CLI_RATES_OLD = N_("Some rates are old: the oldest is from {date}, {days} days earlier. "
                   "'planner rates update' fetches new ones.")
CLI_RATES_SET_HELP = N_("Set a rate by hand (units of CUR per euro); it wins over fetched rates from its date.")
CLI_RATES_CUR_HELP = N_("The currency, e.g. SEK.")
CLI_RATES_RATE_HELP = N_("Units of the currency one euro buys, e.g. 11.4590.")
CLI_RATES_SET_DATE_HELP = N_("The date the rate applies from.")
CLI_RATES_SET = N_("{currency}: {rate} per euro from {date} (manual).")
CLI_IMPORT_HELP = N_("Read a file into the database.")
CLI_EXPORT_HELP = N_("Write a bid to a file.")
CLI_BID_HELP = N_("The bid (default: the only or last used one).")
CLI_DRY_RUN_HELP = N_("Show what the import would do and write nothing.")
CLI_YES_HELP = N_("Import without asking for confirmation (also rows whose letters became '?').")
CLI_PRETALX_HELP = N_("Import a pretalx event: its speakers with their organisations, then its rooms and scheduled "
                      "talks into the programme. Rejected, withdrawn and cancelled talks are left out.")
CLI_PRETALX_URL_HELP = N_("The event's address (https://pretalx.com/democon/) or the pretalx address "
                          "(https://pretalx.com) followed by EVENT.")
CLI_PRETALX_EVENT_HELP = N_("The event's short name in its address; not needed when URL is the event's address.")
CLI_PRETALX_QUESTION_HELP = N_("The speaker question that asks for the organisation: its number or its text in "
                               "any language (by default a question naming organisation, company, employer ...).")
CLI_PRETALX_VENUE_HELP = N_("The venue (its number) the event's rooms belong to; by default the contracted venue, "
                            "or the only one held.")
CLI_PREVIEW_PROGRAMME = N_("The programme")
CLI_PROGRAMME_SUMMARY = N_("Sessions: {new} new, {updated} updated, {unchanged} unchanged, {rejected} rejected")
CLI_TOKEN_ENV_HELP = N_("The environment variable holding the API token (never stored or printed).")
CLI_ASK_TOKEN_HELP = N_("Ask for the API token when the variable is not set.")
CLI_TOKEN_PROMPT = N_("pretalx API token (empty for none)")
CLI_LANG_HELP = N_("The language to read multilingual texts in (default: the output language).")
CLI_SESSIONIZE_HELP = N_("Import the speakers and sessions of a Sessionize event (its public API address).")
CLI_SESSIONIZE_URL_HELP = N_("The API address from Sessionize's API/Embed page.")
CLI_CSV_IMPORT_HELP = N_("Import a CSV file of one kind of record; the columns are matched by their headers. A row "
                         "whose Action column says delete (ta bort) removes the record it matches. Rows are "
                         "counted as a spreadsheet counts them (the header is row 1). In a file with decimal "
                         "commas, 1.5 or 1.500 is refused (write 1,5 or 1500); in one with decimal points, 1,500.")
CLI_CSV_FILE_HELP = N_("The CSV file: UTF-8, Excel's CSV (a first line sep=; is understood) or Unicode text "
                       "(UTF-16, tabs); for other encodings give --encoding.")
CLI_KIND_HELP = N_("What the file holds: venues, budget, speakers, partners, commitments, timeline, or any kind "
                   "'planner add' knows (room, date_option, programme_session ...).")
CLI_ENCODING_HELP = N_("The file's text encoding, e.g. cp1252 for older Excel files.")
CLI_MAP_HELP = N_("Use this header for this field, e.g. --map email=Mejl (repeatable).")
CLI_BAD_MAP = N_("{value!r} is not FIELD=HEADER with a known field.")
CLI_CSV_EXPORT_HELP = N_("Write every kind of record of a bid as CSV, one file per kind: venues, budget lines, "
                         "speakers, partners, commitments, the timeline, then rooms, date options, sessions and "
                         "the other kinds 'planner add' knows (headed by their field names).")
CLI_CSV_OUTPUT_HELP = N_("The file to write with --kind, else the folder for one file per kind.")
CLI_EXPORT_KIND_HELP = N_("Only this kind of record.")
CLI_EXCEL_SV_HELP = N_("The dialect Swedish Excel opens directly: semicolons, decimal comma, BOM.")
CLI_XLSX_HELP = N_("Write the budget as an Excel workbook: a sheet per scenario, planned/committed/actual, "
                   "funding (every commitment) and the exchange rates, formatted in the output language.")
CLI_XLSX_DATE_HELP = N_("The date whose exchange rates convert other currencies (default the bid's rate "
                        "date: its rate_date, else its deadline).")
CLI_FILE_OUTPUT_HELP = N_("The file to write.")
CLI_ICS_HELP = N_("Write the timeline as an iCalendar file for calendar programs: tasks and milestones dated as "
                  "`timeline check` dates them, the date options, venue option expiries and hotel release dates.")
CLI_ICS_INCLUDE_HELP = N_("What the calendar holds, any of: tasks, date_options, venue_options, hotel_releases "
                          "(all by default).")
CLI_WROTE = N_("Wrote {path}")
