"""The knowledge-transfer hub of „Meine Stadt der Zukunft“.

Data flows one way, one module per step:

    loader (YAML files -> raw records with positions)
    -> validate (JSON Schema, file names, references -> problems)
    -> model (records with resolved links both ways)
    -> render (Jinja templates -> Markdown pages), feeds, ...
    -> written by the MkDocs hook (hooks/msdz_mkdocs.py), the only engine-specific module.
"""
