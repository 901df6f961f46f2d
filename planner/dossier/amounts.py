"""How the dossier prints an amount: whole units, the currency spaced as the language writes it.

Babel writes `SEK1,195` for English; a reader expects `SEK 1,195` (a no-break space, so it never parts at a
line end). Swedish already spaces `1 195 kr`. The screens keep babel's own form; this is the printed page's.
"""

from __future__ import annotations

import re

from planner.domain.money import Money
from planner.i18n.format import money_or_dash

_CODE_THEN_FIGURE = re.compile(r"^([-−]?)([A-Z]{3})(?=[-−\d])")


def money(amount: Money | None) -> str:
    """`1 195 kr`, `SEK 1,195`; nothing where there is no amount."""
    text = money_or_dash(amount, decimals=False, dash="")
    return _CODE_THEN_FIGURE.sub("\\1\\2\u00a0", text)
