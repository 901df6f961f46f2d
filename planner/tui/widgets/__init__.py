"""Reusable widgets of the terminal UI: forms, sortable tables, confirmations, bars."""
