"""Settings: which database, which language, where exports go; read from options, then PLANNER_* variables.

The CLI builds one `Settings` per run (`Settings.load(db=..., locale=...)`); the terminal UI, the services and
the tests receive it. Nothing is read or created at import time. `shipped_file` finds the files that ship
with the program (the demo bid, venue criteria, timeline template, rate seed), installed or in a checkout.

    PLANNER_DB          database path or SQLAlchemy URL (default: planner.db in the user's data folder)
    PLANNER_LOCALE      sv or en (default: the system's language, else English)
    PLANNER_DATA_DIR    the data folder (default: platformdirs' user data folder for "planner")
    PLANNER_EXPORT_DIR  where dossiers and exports land (default: ./exports when it exists, else <data>/exports)
    PLANNER_USER        who is recorded as making changes (default: the operating-system user)
    PLANNER_THEME       planner-dark or planner-light
    PLANNER_CONFIG_DIR  where the terminal UI remembers language, theme and last bid (default: platformdirs'
                        user config folder for "planner"; the file is settings.toml)

The language and theme chosen in the terminal UI are remembered in settings.toml and used when neither an
option nor a variable says otherwise. That file is the user's own: nothing in it lives in the shared
database, and no password is ever written to it.
"""

from __future__ import annotations

import errno
import getpass
import os
import tomllib
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from planner.i18n import _, normalise_locale, system_locale

APP_NAME = "planner"
PREFERENCES_FILE = "settings.toml"
THEMES = ("planner-dark", "planner-light")
MAX_PREFERENCES_BYTES = 64 * 1024  # a few keys and one line per database: anything larger is not ours


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def read_preferences(config_dir: Path | None) -> tuple[dict, str | None]:
    """The remembered preferences (settings.toml) and, when the file cannot be used, why (it is then left as
    it is: never overwritten). No folder (None) or no file: nothing remembered yet."""
    if config_dir is None:
        return {}, None
    path = config_dir / PREFERENCES_FILE
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_PREFERENCES_BYTES + 1)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, _("{path} cannot be read ({reason}); the defaults are used.").format(
            path=path, reason=exc.strerror or exc)
    problem = _("{path} is not a settings file planner can read; the defaults are used and the file is kept "
                "as it is. Remove it to start afresh.").format(path=path)
    if len(raw) > MAX_PREFERENCES_BYTES:
        return {}, problem
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}, problem
    return data, None


def shipped_file(*parts: str) -> Traversable:
    """A file that ships with the program, such as `shipped_file("demo", "generator-gavle-2012.json")`.

    The repository keeps these files in data/ at its top; a built wheel carries the same folder as the package
    folder planner/data (see setup.py). The installed copy is found through importlib.resources first, so
    a wheel, a zip or an editable install all answer; a checkout run in place falls back to its data/.
    """
    folder: Traversable = resources.files("planner") / "data"
    if not folder.is_dir():
        checkout = Path(__file__).resolve().parent.parent / "data"
        if not checkout.is_dir():
            raise FileNotFoundError(errno.ENOENT, _("the program's own data files are missing; reinstall planner"),
                                    str(checkout))
        folder = checkout
    for part in parts:
        folder = folder / part
    return folder


def database_url(value: str | os.PathLike | None, data_dir: Path) -> str:
    """A path becomes a SQLite URL; a URL is kept as it is."""
    if value is None or str(value) == "":
        return f"sqlite:///{data_dir / 'planner.db'}"
    text = str(value)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (containers)
        return "unknown"


@dataclass(frozen=True)
class Settings:
    db_url: str
    locale: str
    data_dir: Path
    export_dir: Path
    user: str
    theme: str = "planner-dark"
    read_only: bool = False
    config_dir: Path | None = None  # where settings.toml is remembered; None: nothing is remembered

    @classmethod
    def load(
        cls,
        *,
        db: str | os.PathLike | None = None,
        locale: str | None = None,
        env: dict[str, str] | None = None,
        read_only: bool | None = None,
    ) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env["PLANNER_DATA_DIR"]).expanduser() if env.get("PLANNER_DATA_DIR") else default_data_dir()
        db_value = db if db not in (None, "") else env.get("PLANNER_DB")
        config_dir = Path(env["PLANNER_CONFIG_DIR"]).expanduser() if env.get("PLANNER_CONFIG_DIR") \
            else default_config_dir()
        remembered = read_preferences(config_dir)[0].get("ui", {})
        if not isinstance(remembered, dict):
            remembered = {}
        chosen_locale = remembered.get("locale") if isinstance(remembered.get("locale"), str) else None
        chosen_theme = remembered.get("theme") if remembered.get("theme") in THEMES else None
        lang = (normalise_locale(locale) or normalise_locale(env.get("PLANNER_LOCALE"))
                or normalise_locale(chosen_locale) or system_locale())
        if env.get("PLANNER_EXPORT_DIR"):
            export_dir = Path(env["PLANNER_EXPORT_DIR"]).expanduser()
        elif Path("exports").is_dir():
            export_dir = Path("exports").resolve()
        else:
            export_dir = data_dir / "exports"
        ro = read_only if read_only is not None else env.get("PLANNER_READ_ONLY", "") in ("1", "true", "yes")
        return cls(
            db_url=database_url(db_value, data_dir),
            locale=lang,
            data_dir=data_dir,
            export_dir=export_dir,
            user=env.get("PLANNER_USER") or _current_user(),
            theme=env.get("PLANNER_THEME") or chosen_theme or "planner-dark",
            read_only=ro,
            config_dir=config_dir,
        )

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        raw = self.db_url.split(":///", 1)[1] if ":///" in self.db_url else ""
        return Path(raw) if raw and raw != ":memory:" else None
