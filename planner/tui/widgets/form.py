"""Record forms: a modal screen built from field specs, checking each field as typed and saving in a worker.

The form stays open until the save has really happened: a field the user got wrong (`12,5O`, `2012-02-30`,
an empty required field) says so under the field, a rule the service refuses lands under its field too, and
a database failure becomes a toast while everything typed stays where it is.

Everything a form shows is literal text: the title (it names the record), the labels, the choices (other
records' names) and the messages under the fields (they quote what was typed). A stored text holding control
characters is shown neutralised (ESC as ␛) and, left as it was, saved back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from enum import Enum
from typing import Any, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from planner.i18n import N_, _
from planner.i18n.labels import choices as enum_choices
from planner.tui.widgets.show import clean, line, lines
from planner.tui.widgets.translated import TranslatedBindings

T = TypeVar("T")

DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_SHAPE = re.compile(r"^\d{1,2}:\d{2}$")


class FieldError(ValueError):
    """What is wrong with one typed value, in words for the user."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: its record attribute, label (an N_ message id) and how typed text is read."""

    name: str
    label: str
    kind: str = "text"  # text | int | money | date | time | choice | bool | multi
    required: bool = False
    enum: type[Enum] | None = None
    options: Callable[[], list[tuple[str, Any]]] | None = None
    minimum: int | None = None
    maximum: int | None = None
    currency_field: str | None = None  # money: the field holding the currency code
    currency: str = "SEK"  # money: the currency when there is no currency field
    placeholder: str = ""
    allow_blank: bool = False
    extra: dict = field(default_factory=dict)


def parse_value(spec: FieldSpec, raw: str, currency: str = "SEK") -> Any:
    """The typed text as the record's value; raises FieldError saying what is wrong."""
    from planner.i18n.format import AmountError, parse_amount

    text = (raw or "").strip()
    if not text:
        if spec.required:
            raise FieldError(_("This field is required."))
        return "" if spec.kind == "text" else (0 if spec.kind in ("int", "money") and not spec.allow_blank else None)
    if spec.kind == "text":
        return text
    if spec.kind == "int":
        if not re.fullmatch(r"[-+]?\d+", text.replace(" ", "").replace("\u00a0", "")):
            raise FieldError(_("“{text}” is not a whole number; type digits only, for example 250.").format(text=text))
        value = int(text.replace(" ", "").replace("\u00a0", ""))
        _check_range(spec, value)
        return value
    if spec.kind == "money":
        if not re.fullmatch(r"[A-Z]{3}", currency or ""):  # the currency beside the amount is no code: say so
            raise FieldError(_("“{currency}” is not a currency: write the currency field as its three-letter code, "
                               "for example SEK or EUR.").format(currency=currency))
        try:
            minor = parse_amount(text, currency).minor
        except AmountError:
            raise FieldError(_("“{text}” is not an amount in {currency}; type digits with at most one decimal "
                               "mark, for example 12,50.").format(text=text, currency=currency)) from None
        if spec.minimum is not None and minor < spec.minimum:
            raise FieldError(_("The amount cannot be negative."))
        return minor
    if spec.kind == "date":
        if not DATE_SHAPE.match(text):
            raise FieldError(_("“{text}” is not a date; write it as YYYY-MM-DD, for example 2012-03-15.")
                             .format(text=text))
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise FieldError(_("{text} is not a day in the calendar; check the month and the day.")
                             .format(text=text)) from None
    if spec.kind == "time":
        if not TIME_SHAPE.match(text):
            raise FieldError(_("“{text}” is not a time; write it as HH:MM, for example 09:30.").format(text=text))
        hours, minutes = (int(p) for p in text.split(":"))
        try:
            return time(hours, minutes)
        except ValueError:
            raise FieldError(_("{text} is not a time of day (00:00 to 23:59).").format(text=text)) from None
    return text


def _check_range(spec: FieldSpec, value: int) -> None:
    if spec.minimum is not None and value < spec.minimum:
        if spec.minimum == 0:
            raise FieldError(_("Must be zero or more, not {value}.").format(value=value))
        raise FieldError(_("Must be at least {minimum}, not {value}.").format(minimum=spec.minimum, value=value))
    if spec.maximum is not None and value > spec.maximum:
        raise FieldError(_("Must be at most {maximum}, not {value}.").format(maximum=spec.maximum, value=value))


def show_value(spec: FieldSpec, value: Any, currency: str = "SEK") -> str:
    """A stored value as the text a form shows for editing."""
    from planner.domain.money import minor_exponent
    from planner.i18n.format import format_number

    if value is None:
        return ""
    if spec.kind == "money":
        exponent = minor_exponent(currency)
        from decimal import Decimal

        amount = Decimal(int(value)).scaleb(-exponent)
        return format_number(amount, digits=exponent).replace("\u00a0", " ").replace("\u202f", " ")
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind == "time":
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return value.value
    return str(value)


class FieldValidator(Validator):
    """Textual's validator for one field, so the field turns red when its text cannot be read."""

    def __init__(self, form: FormScreen, spec: FieldSpec) -> None:
        super().__init__()
        self.form = form
        self.spec = spec

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_value(self.spec, value, self.form.currency_for(self.spec))
        except FieldError as exc:
            return self.failure(str(exc))
        return self.success()


class LiteralInput(Input):
    """A one-line Input whose value never holds a control character: a pasted ESC or tab shows as ␛ or ␉."""

    def validate_value(self, value: str) -> str:
        return clean(value)


class FormScreen(TranslatedBindings, ModalScreen[T | None], Generic[T]):
    """A modal form; dismisses with what `save` returned, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+s", "save", N_("Save")),
    ]

    def __init__(self, title: str, fields: list[FieldSpec], save: Callable[[dict[str, Any]], T],
                 values: dict[str, Any] | None = None, *, check: Callable[[dict[str, Any]], dict[str, str]] | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.form_title = title
        self.fields = fields
        self.save_fn = save
        self.check_fn = check
        self.initial = dict(values or {})
        self.saving = False

    # --- layout ------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box", classes="form"):
            yield Label(line(self.form_title), id="form-title")
            yield Static("", id="form-error", classes="field-error -empty")
            with VerticalScroll(id="form-fields"):
                for spec in self.fields:
                    with Vertical(classes="form-row", id=f"row-{spec.name}"):
                        yield Label(line(_(spec.label) + (" *" if spec.required else "")), classes="field-label")
                        yield self._widget(spec)
                        yield Static("", id=f"error-{spec.name}", classes="field-error -empty")
            with Horizontal(id="form-buttons"):
                yield Button(_("Save"), variant="primary", id="form-save")
                yield Button(_("Cancel"), id="form-cancel")

    def _widget(self, spec: FieldSpec):
        value = self.initial.get(spec.name)
        wid = f"field-{spec.name}"
        if spec.kind in ("choice",):
            options = spec.options() if spec.options else enum_choices(spec.enum)
            raw = value.value if isinstance(value, Enum) else value
            known = {v for _label, v in options}
            return Select([(line(text), v) for text, v in options],
                          value=raw if raw in known else Select.NULL if spec.allow_blank else options[0][1],
                          allow_blank=spec.allow_blank, prompt=_("(none)"), id=wid)
        if spec.kind == "bool":
            return Checkbox(line(_(spec.label)), value=bool(value), id=wid)
        if spec.kind == "multi":
            chosen = set(value or ())
            options = spec.options() if spec.options else []
            return SelectionList(*[(line(text), v, v in chosen) for text, v in options], id=wid)
        return LiteralInput(show_value(spec, value, self.currency_for(spec)), placeholder=spec.placeholder, id=wid,
                            validators=[FieldValidator(self, spec)], validate_on={"blur", "submitted"})

    def on_mount(self) -> None:
        first = self.query("#form-fields Input, #form-fields Select, #form-fields Checkbox").first()
        first.focus()
        self.as_opened = self.entered()

    def entered(self) -> dict[str, Any]:
        """What each field holds as it stands (text as typed), to tell a changed form from an untouched one."""
        out: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            out[spec.name] = sorted(widget.selected, key=repr) if isinstance(widget, SelectionList) else widget.value
        return out

    # --- reading what was typed --------------------------------------------------------------------------

    def currency_for(self, spec: FieldSpec) -> str:
        if spec.currency_field:
            try:
                widget = self.query_one(f"#field-{spec.currency_field}")
                code = widget.value if isinstance(widget, Select) else str(widget.value).strip().upper()
                if code:
                    return str(code)
            except Exception:  # not composed yet
                code = self.initial.get(spec.currency_field)
                if code:
                    return str(code)
        return spec.currency

    def read_values(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                value = None if widget.value is Select.NULL else widget.value
                if value is None and spec.required:
                    errors[spec.name] = _("Choose one.")
                values[spec.name] = spec.enum(value) if (spec.enum and value is not None) else value
            elif isinstance(widget, Checkbox):
                values[spec.name] = widget.value
            elif isinstance(widget, SelectionList):
                values[spec.name] = list(widget.selected)
            elif self._untouched(spec, widget.value):
                values[spec.name] = self.initial[spec.name]  # shown neutralised, left alone: saved as it was
            else:
                try:
                    values[spec.name] = parse_value(spec, widget.value, self.currency_for(spec))
                except FieldError as exc:
                    errors[spec.name] = str(exc)
        if self.check_fn:
            # the rules across fields run on what did parse, so every error shows in one round
            parsed = {name: value for name, value in values.items() if name not in errors}
            try:
                found = self.check_fn(parsed)
            except (KeyError, TypeError, ValueError):  # a rule that needs a field still in error waits for it
                found = {}
            for name, message in found.items():
                errors.setdefault(name, message)
        return values, errors

    def _untouched(self, spec: FieldSpec, shown: str) -> bool:
        """A stored text with control characters, still as the form showed it (neutralised)."""
        stored = self.initial.get(spec.name)
        return spec.kind == "text" and isinstance(stored, str) and shown == clean(stored) and shown != stored

    def show_errors(self, errors: dict[str, str]) -> None:
        general = []
        names = {spec.name for spec in self.fields}
        for spec in self.fields:
            self._set_error(spec.name, errors.get(spec.name, ""))
        for name, message in errors.items():
            if name not in names:
                general.append(message)
        box = self.query_one("#form-error", Static)
        box.update(lines("\n".join(general)))
        box.set_class(not general, "-empty")
        first = next((spec.name for spec in self.fields if spec.name in errors), None)
        if first:
            self.query_one(f"#field-{first}").focus()

    @on(Input.Blurred)
    def _field_left(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("field-")
        result = event.validation_result
        if not any(spec.name == name for spec in self.fields):
            return
        self._set_error(name, "" if result is None or result.is_valid else result.failure_descriptions[0])

    def _set_error(self, name: str, message: str) -> None:
        box = self.query_one(f"#error-{name}", Static)
        box.update(lines(message))
        box.set_class(not message, "-empty")
        self.query_one(f"#row-{name}").set_class(bool(message), "has-error")

    # --- saving ------------------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving; a form with changes asks first, so no typing is lost by a stray Escape."""
        if self.saving or self.entered() == getattr(self, "as_opened", None):
            if not self.saving:
                self.dismiss(None)
            return
        from planner.tui.widgets.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(_("Discard the changes to this form?"), _("Discard")), answered)

    def action_save(self) -> None:
        if self.saving:
            return
        values, errors = self.read_values()
        self.show_errors(errors)
        if errors:
            return
        self.saving = True
        self.query_one("#form-save", Button).disabled = True
        self._save(values)

    @work(thread=True, exclusive=True, group="form-save", description="save the form")
    def _save(self, values: dict[str, Any]) -> None:
        from planner.services.errors import PlannerError, ValidationError

        try:
            result = self.save_fn(values)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors, None)
        except PlannerError as exc:
            self.app.call_from_thread(self._refused, {}, str(exc))
        except Exception as exc:  # the database driver's own errors: keep the form, say what happened
            self.app.call_from_thread(self._refused, {}, _("The change was not saved: {reason}")
                                      .format(reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
        else:
            self.app.call_from_thread(self.dismiss, result)

    def _refused(self, errors: dict[str, str], toast: str | None) -> None:
        self.saving = False
        self.query_one("#form-save", Button).disabled = False
        if errors:
            self.show_errors(errors)
        if toast:
            self.notify(toast, title=_("Not saved"), severity="error", timeout=8)
