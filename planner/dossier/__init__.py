"""The bid dossier: a content model the services fill, and a reportlab renderer that lays it out.

    from planner.dossier.render import render
    result = render(content)   # content: planner.dossier.content.DossierContent -> RenderResult(pdf, pages, ...)
"""
