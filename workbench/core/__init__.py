"""Pure domain code: no file I/O, no Textual or Rich, no YAML."""
