"""Key hints in the current language: bindings carry N_ message ids and are translated when shown."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding

from planner.i18n import _


class TranslatedBindings:
    """Footer and palette show binding descriptions in the current language (they are N_ message ids)."""

    @property
    def active_bindings(self):  # type: ignore[override]
        out = {}
        for key, active in super().active_bindings.items():  # type: ignore[misc]
            binding: Binding = active.binding
            binding = dataclasses.replace(
                binding, description=_(binding.description) if binding.description else "",
                tooltip=_(binding.tooltip) if binding.tooltip else "")
            out[key] = active._replace(binding=binding, tooltip=binding.tooltip)
        return out
