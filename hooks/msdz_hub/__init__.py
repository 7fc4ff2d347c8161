"""The knowledge-transfer hub of „Meine Stadt der Zukunft“.

Data flows one way; each folder is one step, and imports only point down this list
(tests/test_imports.py holds it):

    core/        plain values every step uses: collections, problems, paths, dates, settings,
                 Markdown fields as safe HTML (rendered under a time budget)
    reading/     YAML files -> raw records, with line and column for every value
    schemas/     the JSON Schemas in data/schema/ and what the hub asks of them
    validation/  raw records -> German problems (file:line:field and the fix)
    model.py     records linked into the hub, every reference known from both ends
    load.py      data/ -> hub, or every problem at once: reading -> validation -> model
    views/       values pages and outputs show (facets, similar records, town sizes, map, JSON-LD)
    pages/       Jinja templates (pages/templates/) -> Markdown pages any MkDocs-like engine reads
                 alike: relative links, edit link and dates in the front matter (pages/portable.py)
    outputs/     feeds, calendars, open data and the sitemap beside the pages
    plan.py      which pages and files the site has, and how each is made
    engine/      runs the plan beside the site engine: forked for a build, kept for the preview
    editors/     tools for editors and CI: new records, one file style, the change summary, /admin/,
                 the go-live check

The site engine itself (MkDocs) is known only to the hook files beside this package (hooks/msdz_*.py).
What any engine needs is written by `python -m msdz_hub generate`; /admin/ and the search index are the
command line's own steps after any engine's build (`admin`, `index`).
"""
