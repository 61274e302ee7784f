"""One helper to pause Python's cyclic garbage collector around bulk work.

Decoding a 50,000-link file builds about 250,000 small objects, an export builds editions and XML
trees, the dumper builds many short-lived nodes: none of them forms cycles worth finding, and the
collector's passes over them cost more than they free (about a third of a large export's time).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (nesting is safe)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
