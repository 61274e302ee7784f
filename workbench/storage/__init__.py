"""The only layer that touches files: witnesses, documents, alignment files, importers' writing."""
