"""The bid in a browser: `planner serve` runs the terminal UI, read-only, for each browser that opens the page.

Built on Textualize's textual-serve (`textual_serve.server.Server`): an aiohttp application whose websocket
starts one process per browser session, running the command it is given, and relays the terminal between
them. `planner.web.server.PlannerServer` adds what a shared office network needs: an access secret (checked
on every request before any process starts), a session limit, an idle timeout, an access log that never
holds the secret, and pages in the user's language. The command it runs is the planner terminal UI with
`--read-only`; the database address reaches it through the environment, never on a command line.

Nothing here imports the terminal UI, the services or the store: this layer only starts processes.
"""
