"""Received shapes: the formats texts arrive in, parsed into witnesses + metadata and written back.

Each importer records a *layout* (the structural glue of the received file: blank lines,
headings, separators) whose placeholders refer to metadata fields and witness paragraphs, so that
exporting back to the received shape reproduces the input byte for byte while the words come from
the witnesses and the metadata.
"""
