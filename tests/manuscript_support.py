"""The manuscript fixture: a telegram's autograph (TEI), a printed edition and an English translation,
all written for the tests (``tests/data/manuscripts/``), built into a project the way an editor would:
the English first (source pending), ``import-tei`` of the autograph (it becomes the source and is
aligned), ``add-witness`` of the printed edition (collated with the autograph), then variant decisions,
and every link confirmed.

``python tests/manuscript_support.py OUT`` writes the built project to OUT (the shipped copy is
``tests/data/manuscripts/project``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from workbench.cli import main
from workbench.core.building import build_alignment
from workbench.core.documents import DocumentMeta, WitnessInfo
from workbench.core.models import WitnessRef
from workbench.storage.corpus import Corpus, DocRef, sha256_text
from workbench.storage.document_store import write_document

DATA = Path(__file__).parent / "data" / "manuscripts"
PROJECT = DATA / "project"
ADDRESS = "manuscripts/telegram"
AUTOGRAPH = DATA / "telegram-autograph.xml"
PRINTED = DATA / "telegram-printed.txt"
ENGLISH = DATA / "telegram-en.txt"
#: The variant decisions the fixture records (``decide-variant`` arguments after DOC). Ids come from the
#: witness text: the paragraph and the offset of the place.
DECISIONS = (
    ("ru-autograph.p1.28", "adopt", "ru-autograph@after", "--reason", "autograph-reading",
     "--note", "the autograph's «т.» stands for «товарищу»; the printed «тов.» is the edition's abbreviation"),
    ("ru-autograph.p2.119+", "adopt", "ru-autograph@after", "--reason", "printed-addition",
     "--note", "«железной» is the printed edition's addition"),
    ("ru-autograph.p3.77", "policy", "note", "--reason", "authorial-deletion"),
    ("ru-autograph.p3.77", "wording",
     "In the autograph the sentence «Отступать не будем.» (‘We shall not retreat.’) is crossed out.",
     "--reason", "authorial-deletion"),
    ("ru-autograph.p2.90", "resolve", "--note", "the words the substitution replaced; its mark's note speaks of them"),
    ("en-fixture.p2.100", "resolve", "--note", "the translation shows the autograph's substitution as it stands"),
    ("ru-autograph.p3.0.pb", "policy", "omit", "--reason", "layout", "--note", "a folio break needs no note here"),
    ("ru-autograph.p2.280.gap", "wording",
     "In the autograph two words are illegible here; the printed edition also prints them as illegible.",
     "--reason", "illegible"),
)


def _cli(root: Path, *args: str) -> None:
    code = main(["--root", str(root), *args])
    if code:
        raise SystemExit(f"workbench {' '.join(args)} failed with {code}")


def build(root: Path, decisions: bool = True) -> Path:
    """Build the fixture project in ``root`` (created); returns it."""
    (root / "texts").mkdir(parents=True)
    (root / "alignments").mkdir()
    corpus = Corpus(root)
    english = ENGLISH.read_text(encoding="utf-8")
    meta = DocumentMeta("manuscripts", "telegram", title="Telegram from Tsaritsyn to Sovnarkom, 7 July 1918",
                        author="I. V. Stalin", date="1918-07-07", target="en-fixture",
                        witnesses=(WitnessInfo("en-fixture", "en", "target",
                                               "English translation written for the workbench's tests",
                                               "tests/data/manuscripts/telegram-en.txt"),))
    ref = DocRef("manuscripts", "telegram")
    corpus.doc_dir(ref).mkdir(parents=True)
    write_document(corpus.doc_dir(ref) / "document.yaml", meta)
    corpus.witness_path(ref, "en-fixture").write_text(english, encoding="utf-8")
    file = corpus.alignment_file(ref)
    file.path.parent.mkdir(parents=True, exist_ok=True)
    file.create(build_alignment(ADDRESS, WitnessRef("en-fixture", "en", sha256_text(english)), english))
    _cli(root, "import-tei", str(AUTOGRAPH), "--collection", "manuscripts", "--doc", "telegram",
         "--siglum", "ru-autograph", "--description", "Autograph telegram, ink and pencil (invented for the tests)",
         "--backend", "plain", "--author", "fixture")
    _cli(root, "add-witness", ADDRESS, "ru-printed", str(PRINTED), "--lang", "ru", "--description",
         "Printed edition (invented for the tests)", "--author", "fixture")
    if decisions:
        for args in DECISIONS:
            _cli(root, "decide-variant", ADDRESS, *args, "--author", "fixture")
        state = corpus.open_state(ref)
        for link in state.links:  # the editor has read every link against the autograph
            _cli(root, "decide", ADDRESS, link.id, "confirm", "--author", "fixture")
    return root


if __name__ == "__main__":
    build(Path(sys.argv[1]))
