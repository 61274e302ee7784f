"""Publication and interchange: the edition model, the struck-text policy, the loss report, and one
pure builder per format (Markdown, HTML, plain text, TEI, TMX, PO). ``formats.prepare`` is the
entry point; the storage layer writes the files (and renders DOCX)."""
