"""The knowledge-transfer hub of „Meine Stadt der Zukunft“.

Data flows one way, one module per step:

    reading (YAML files -> raw records; positions read for the records with problems)
    -> validate (JSON Schema via schemas, references, dates -> problems, worded by messages)
    -> model (records with resolved links both ways)
    -> render (Jinja templates -> Markdown pages), feeds, ...
    -> written by the MkDocs hooks (hooks/msdz_*.py), the only engine-specific modules.
"""
