"""Translation-alignment and textual-variant workbench.

Layers: ``workbench.core`` (pure domain), ``workbench.storage`` (the only file I/O),
``workbench.ui`` (the only Textual code) and ``workbench.cli`` (argument parsing).
"""

__version__ = "0.1.0"
