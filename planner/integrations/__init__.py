"""Clients for systems outside the program (ECB exchange rates, pretalx, Sessionize); they return plain records.

Nothing here touches the database: services store what these clients hand back. Every failure a user can
meet (no network, a timeout, a refusing server, a body that is not what was promised) arrives as one
`IntegrationError` whose text is a single translated line.
"""
