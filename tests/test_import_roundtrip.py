"""Import then export back to the received shape gives the input byte for byte (all 14 documents)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core.received import seed
from workbench.storage.corpus import Corpus, DocRef
from workbench.storage.importers import export_collection_received, export_document_received

RECEIVED = Path(__file__).resolve().parent / "data" / "received"
SEED = RECEIVED / "000_45c230aea59484e0.txt"
GARNETT = ["aptekarsha", "khameleon", "malchik_u_khrista_na_yolke"]


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imported")
    (root / "texts").mkdir()
    (root / "alignments").mkdir()
    assert run(root, "import-collection", str(SEED), "--collection", "bolshevik-correspondence") == 0
    assert run(root, "import-udhr", str(RECEIVED / "udhr_rus.xml"), str(RECEIVED / "udhr_eng.xml"),
               "--collection", "udhr", "--doc", "udhr") == 0
    for name in GARNETT:
        assert run(root, "import-pair", str(RECEIVED / f"{name}_ru.txt"), str(RECEIVED / f"{name}_en.txt"),
                   "--collection", "garnett-stories", "--doc", name.replace("_", "-"),
                   "--tgt-siglum", "en-garnett") == 0
    return root


def test_fourteen_documents_imported(imported: Path) -> None:
    assert len(Corpus(imported).documents()) == 14


def test_seed_collection_rebuilds_byte_for_byte(imported: Path) -> None:
    name, text = export_collection_received(Corpus(imported), "bolshevik-correspondence")
    assert name == SEED.name
    assert text.encode("utf-8") == SEED.read_bytes()


@pytest.mark.parametrize("number", range(91, 101))
def test_each_seed_document_rebuilds_its_own_slice(imported: Path, number: int) -> None:
    original = SEED.read_text(encoding="utf-8")
    start = original.index(f"No. {number}\n")
    nxt = original.find(f"No. {number + 1}\n")
    expected = original[start:] if nxt < 0 else original[start:nxt]
    [(_, text)] = export_document_received(Corpus(imported), DocRef("bolshevik-correspondence", f"{number:03d}"))
    assert text == expected


@pytest.mark.parametrize("name", GARNETT)
def test_garnett_pairs_rebuild(imported: Path, name: str) -> None:
    files = dict(export_document_received(Corpus(imported), DocRef("garnett-stories", name.replace("_", "-"))))
    for lang in ("ru", "en"):
        assert files[f"{name}_{lang}.txt"].encode("utf-8") == (RECEIVED / f"{name}_{lang}.txt").read_bytes()


def test_udhr_rebuilds(imported: Path) -> None:
    files = dict(export_document_received(Corpus(imported), DocRef("udhr", "udhr")))
    for name in ("udhr_rus.xml", "udhr_eng.xml"):
        assert files[name].encode("utf-8") == (RECEIVED / name).read_bytes()


def test_export_received_cli_writes_the_files(imported: Path, tmp_path: Path) -> None:
    out = tmp_path / "back"
    assert run(imported, "export-received", "--collection", "bolshevik-correspondence", "udhr/udhr",
               "--out", str(out)) == 0
    assert (out / SEED.name).read_bytes() == SEED.read_bytes()
    assert (out / "udhr_eng.xml").read_bytes() == (RECEIVED / "udhr_eng.xml").read_bytes()


def test_committed_corpus_matches_the_received_files() -> None:
    """The texts/ folder in the repository is the imported form of the received files."""
    corpus = Corpus(Path(__file__).resolve().parent.parent)
    _, text = export_collection_received(corpus, "bolshevik-correspondence")
    assert text.encode("utf-8") == SEED.read_bytes()


def test_export_takes_words_from_the_witness_not_a_stored_copy(imported: Path) -> None:
    """Changing the witness changes the export: the layout holds only glue."""
    corpus = Corpus(imported)
    ref = DocRef("bolshevik-correspondence", "094")
    path = corpus.witness_path(ref, "en-mt")
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("hit the Lions", "strike at Lvov"), encoding="utf-8")
    try:
        [(_, text)] = export_document_received(corpus, ref)
        assert "strike at Lvov" in text and "hit the Lions" not in text
    finally:
        path.write_text(original, encoding="utf-8")


def test_seed_metadata(imported: Path) -> None:
    corpus = Corpus(imported)
    meta = corpus.read_meta(DocRef("bolshevik-correspondence", "092"))
    assert meta.number == "92"
    assert meta.title == "Telegram from I. V. Stalin to L. D. Trotsky"
    assert meta.date == "July 26 [1920]"
    assert meta.addressee == "Predrevsov[et] Trotsky,\ncopy of the Central Committee of the RCP."
    assert meta.place_date == "Kharkov 26 July."
    assert meta.signature == "Stalin."
    assert meta.archival_reference is not None
    ref = meta.archival_reference
    assert (ref.repository, ref.fond, ref.inventory, ref.file, ref.folios) == ("RTSKHIDNI", "558", "1", "1868", "2-4")
    assert meta.source_pending
    assert "1996" in meta.source_edition
    [variant] = meta.variants
    assert (variant.kind, variant.status, variant.witness_note) == ("struck-passage", "unresolved", "1")
    witness = corpus.read_witness(DocRef("bolshevik-correspondence", "092"), "en-mt")
    assert "~~" not in witness and "*" not in witness.replace("\\*", "")  # nothing guessed


def test_flattened_note_markers_are_recognised_with_certainty(imported: Path) -> None:
    corpus = Corpus(imported)

    def note(doc: str, label: str):  # type: ignore[no-untyped-def]
        meta = corpus.read_meta(DocRef("bolshevik-correspondence", doc))
        return next(n for n in meta.notes if n.label == label)

    assert note("091", "1").marker == "found" and "24/7 1" in note("091", "1").context   # "Kharkiv 24/7 1"
    assert note("091", "2").marker == "found" and "progress 2." in note("091", "2").context
    assert note("098", "1").number == "inferred" and "questions 1We" in note("098", "1").context
    for doc, label in (("091", "1"), ("091", "2"), ("098", "1"), ("096", "3")):
        certainty = note(doc, label).certainty
        assert certainty is not None and 0 < certainty <= 1
    witness = corpus.read_witness(DocRef("bolshevik-correspondence", "091"), "en-mt")
    assert "Kharkiv 24/7[^1]" in witness and "progress[^2]." in witness
    assert "[^2]: On July 25, 1920" in witness  # "2On July 25" split into number and text
    w98 = corpus.read_witness(DocRef("bolshevik-correspondence", "098"), "en-mt")
    assert "questions[^1] We do not need" in w98
    assert "Lutsk and Bugach." in w98  # a place name, not a marker


def test_notes_without_markers_are_flagged(imported: Path) -> None:
    corpus = Corpus(imported)
    missing = {(doc, i.witness_note) for doc in ("092", "094", "097", "100")
               for i in corpus.read_meta(DocRef("bolshevik-correspondence", doc)).issues
               if i.kind == "note-marker-missing"}
    assert {("092", "1"), ("094", "1"), ("097", "2"), ("100", "2"), ("100", "3")} <= missing


def test_status_json_lists_fourteen_with_pending_and_variant(imported: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "workbench", "--root", str(imported), "status", "--json"],
                         capture_output=True, text=True, check=True)
    docs = json.loads(out.stdout)["documents"]
    assert len(docs) == 14
    by_id = {(d["collection"], d["id"]): d for d in docs}
    assert all(d["source_pending"] for (c, _), d in by_id.items() if c == "bolshevik-correspondence")
    assert not any(d["source_pending"] for (c, _), d in by_id.items() if c != "bolshevik-correspondence")
    assert by_id[("bolshevik-correspondence", "092")]["variants_unresolved"] >= 1
    assert set(docs[0]) == {"collection", "id", "witnesses", "links", "confirmed", "rejected", "flagged", "edited",
                            "variants_unresolved", "source_pending", "state", "open_comments"}


def test_seed_format_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("header\n\nNo. 5\n\nTitle only\n", encoding="utf-8")
    from workbench.core.errors import FormatError

    with pytest.raises(FormatError) as info:
        seed.parse_collection(bad.read_text(encoding="utf-8"), "x", str(bad))
    assert info.value.location.line == 3
