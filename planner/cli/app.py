"""The Typer application: the root command, its errors as one line, the command tree in the user's language.

See planner.cli for the layout; `run` is what `planner` does with a command line the quick listing did not
answer.
"""

from __future__ import annotations

import typer
import typer.core

from planner.i18n import N_, _, normalise_locale, set_locale
from planner.i18n.text import is_surrogate, neutralise

# One line per area; add yours here.
COMMAND_MODULES = [
    "planner.cli.core",
    "planner.cli.attachments",
    "planner.cli.dossier",
    "planner.cli.interchange",
    "planner.cli.planning",
    "planner.cli.team",
    "planner.cli.records",
    "planner.cli.texts",
    "planner.cli.serve",
]

# Typer carries its own copy of click; take its exception classes from a public Typer class.
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class UserFacingError(_ClickException):
    """A mistake or refusal surfaced as one line on stderr with its exit code (2 for usage)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file=None) -> None:
        line = " ".join(neutralise(self.message).split())  # one line, whatever the message quotes
        typer.echo(_("Error: {message}").format(message=line), err=True, file=file)


class HelpInstead(UserFacingError):
    """A group named without a command: its help, whole, on stderr, with the usage exit code."""

    def show(self, file=None) -> None:
        typer.echo(self.message, err=True, file=file)


def usage_error(exc) -> UserFacingError:
    """Click's usage error (usage, a hint and the error on three lines) as one line that says where to look."""
    from planner.cli.click_texts import message_of

    if type(exc).__name__ == "NoArgsIsHelpError":  # 'planner bid': what the group offers, not an error line
        return HelpInstead(exc.format_message(), exit_code=2)
    message = message_of(exc)
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message = _("{message} (see '{command} --help')").format(message=message, command=ctx.command_path)
    return UserFacingError(message, exit_code=2)


def _not_utf8(args: list[str]) -> str | None:
    """The first argument that was not UTF-8 on the command line (Python keeps its bytes as surrogates)."""
    return next((arg for arg in args if any(is_surrogate(ch) for ch in arg)), None)


def localise(command) -> None:
    """Translate the help of a command, its parameters and its sub-commands into the current language."""
    from planner.cli.click_texts import use_translated_texts

    use_translated_texts(command)  # Click's and Typer's own words too
    for name in ("help", "short_help", "epilog"):
        text = getattr(command, name, None)
        if isinstance(text, str) and text:
            setattr(command, name, _(text))
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if isinstance(text, str) and text:
            param.help = _(text)
    for sub in getattr(command, "commands", {}).values():
        localise(sub)


class PlannerGroup(typer.core.TyperGroup):
    """The root command: help in the user's language, and the program's own errors as one clear line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # --help lists every area's commands first, then the groups, each in the order the areas come
        self.commands = dict(sorted(self.commands.items(), key=lambda item: hasattr(item[1], "commands")))
        localise(self)

    def make_context(self, info_name, args, parent=None, **extra):
        bad = _not_utf8(list(args))
        if bad is not None:
            raise UserFacingError(_("The argument {arg} is not UTF-8 text; check the encoding of the terminal or "
                                    "the script that ran planner.").format(arg=neutralise(bad)), exit_code=2)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except _UsageError as exc:
            raise usage_error(exc) from None

    def invoke(self, ctx: typer.Context):
        from planner.services.errors import PlannerError

        try:
            return super().invoke(ctx)
        except UserFacingError:
            raise
        except _UsageError as exc:
            raise usage_error(exc) from None
        except PlannerError as exc:  # database failures included
            raise UserFacingError(str(exc), getattr(exc, "exit_code", 1)) from None
        except OSError as exc:  # files the user named: missing, unreadable, no space left
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            raise UserFacingError(f"{where}{exc.strerror or exc}", 1) from None


def _locale_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--locale" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--locale="):
            return arg.split("=", 1)[1]
    return None


def build_app() -> typer.Typer:
    """The Typer application with every area's commands (help translated when Typer builds it)."""
    import importlib

    from planner.cli.context import root_callback

    app = typer.Typer(
        cls=PlannerGroup,
        help=N_("planner: prepare a bid to host a conference: venues, budget, speakers, partners, timeline "
                "and the bid dossier. Run without a command to open the terminal UI."),
        no_args_is_help=False,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish and PowerShell
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    app.callback(invoke_without_command=True)(root_callback)
    for name in COMMAND_MODULES:
        area = typer.Typer()  # nameless: its commands and groups join the root's
        importlib.import_module(name).register(area)
        app.add_typer(area)
    return app


def prepare_locale(argv: list[str]) -> None:
    from planner.config import Settings

    wanted = normalise_locale(_locale_from_argv(argv))
    set_locale(wanted or Settings.load().locale)


def run(args: list[str]) -> None:
    prepare_locale(args)
    app = build_app()
    app(args=args, prog_name="planner")
