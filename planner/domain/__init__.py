"""Pure planning rules: money, budget, venues, timeline, programme, readiness. No I/O, no frameworks."""
