"""add-witness: markup checked, witness written, document.yaml updated; a source added to a pending
document is aligned with every decision and edit kept; a same-language witness is collated; bad
input changes nothing."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from variants_support import ADDRESS, copy_fixture, one_to_one

from workbench.cli import main
from workbench.core import decide
from workbench.core.building import build_alignment
from workbench.core.documents import SOURCE_PENDING
from workbench.core.errors import InputError
from workbench.core.models import WitnessRef
from workbench.storage.alignment_store import Session
from workbench.storage.corpus import Corpus, sha256_text
from workbench.storage.document_store import write_document
from workbench.storage.witnesses import add_witness

FIXED_EDIT = "Wrangel evidently knows of the transfer and hurries to strike first."


def pending_project(tmp_path: Path) -> tuple[Path, Path]:
    """The fixture with only its English (source pending), three decisions made; the Russian
    witnesses moved to an inbox folder outside the project."""
    root = copy_fixture(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    for siglum in ("ru-autograph", "ru-1996"):
        shutil.move(corpus.witness_path(ref, siglum), inbox / f"{siglum}.txt")
    meta = corpus.read_meta(ref)
    write_document(corpus.doc_dir(ref) / "document.yaml", replace(
        meta, source=SOURCE_PENDING, witnesses=tuple(w for w in meta.witnesses if w.siglum == "en-mt")))
    file = corpus.alignment_file(ref)
    file.path.unlink()
    english = corpus.read_witness(ref, "en-mt")
    file.create(build_alignment(ADDRESS, WitnessRef("en-mt", "en", sha256_text(english)), english))
    session = Session(file)
    state = session.state
    session.record([decide.set_status(state, "L1", "confirm", "ed"),
                    decide.edit(state, "L3", [FIXED_EDIT], "ed"),
                    decide.comment(state, "L2", "check the date", "ed")])
    session.save()
    return root, inbox


def test_a_source_for_a_pending_document_is_aligned_and_keeps_everything(tmp_path: Path) -> None:
    root, inbox = pending_project(tmp_path)
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    before = corpus.open_state(ref)
    assert before.source is None and all(not lk.source for lk in before.links)

    added = add_witness(corpus, ref, "ru-autograph", str(inbox / "ru-autograph.txt"), language="ru",
                        description="Autograph, with a passage crossed out", provenance="RGASPI, F. 558",
                        author="ed", align_fn=one_to_one)
    assert (added.role, added.became_source, added.links) == ("source", True, 6)
    assert (added.kept_decisions, added.kept_edits) == (3, 1)

    meta = corpus.read_meta(ref)
    assert meta.source == "ru-autograph"
    info = meta.witness("ru-autograph")
    assert (info.language, info.role, info.description, info.provenance) == (
        "ru", "source", "Autograph, with a passage crossed out", "RGASPI, F. 558")
    assert corpus.read_witness(ref, "ru-autograph") == (inbox / "ru-autograph.txt").read_text(encoding="utf-8")

    after = corpus.open_state(ref)
    assert after.source is not None and after.source.siglum == "ru-autograph"
    assert [(lk.source, lk.target) for lk in after.links][:3] == [(("s1",), ("t1",)), (("s2",), ("t2",)),
                                                                  (("s3",), ("t3",))]
    assert after.target_segments == before.target_segments
    assert after.edits == {"t3": FIXED_EDIT}
    assert after.decisions[:3] == before.decisions
    record = after.decisions[3]
    assert (record.action, record.target, record.data.role) == ("add-witness", "ru-autograph", "source")
    assert "L1 -> t1 confirmed" in (record.before or "") and "L1 s1 -> t1 auto" in (record.after or "")
    assert after.revision == before.revision + 1

    # the English of the struck passage now comes from the alignment, with the edit
    from workbench.core.apparatus import apparatus_notes

    texts = {w.siglum: corpus.read_witness(ref, w.siglum) for w in meta.witnesses}
    (note,) = apparatus_notes(meta, after, texts)
    assert note.english == FIXED_EDIT


def test_a_second_witness_of_the_language_is_collated(tmp_path: Path) -> None:
    root, inbox = pending_project(tmp_path)
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    add_witness(corpus, ref, "ru-autograph", str(inbox / "ru-autograph.txt"), language="ru",
                description="Autograph", author="ed", align_fn=one_to_one)
    links = corpus.open_state(ref).links
    added = add_witness(corpus, ref, "ru-1996", str(inbox / "ru-1996.txt"), language="ru",
                        description="Printed edition, 1996", author="ed")
    assert (added.role, added.became_source, added.collated_with, added.variants) == (
        "other", False, "ru-autograph", 4)
    meta = corpus.read_meta(ref)
    assert [w.siglum for w in meta.witnesses] == ["en-mt", "ru-autograph", "ru-1996"]
    assert meta.source == "ru-autograph"
    state = corpus.open_state(ref)
    assert state.links == links  # the alignment is untouched …
    assert state.decisions[-1].action == "add-witness"  # … but the history says who added what


def bytes_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and not p.name.startswith(".")}


@pytest.mark.parametrize(("args", "message"), [
    (["ru-bad", "{inbox}/bad.txt", "--lang", "ru", "--description", "x"], "is opened here and never closed"),
    (["en-mt", "{inbox}/ru-1996.txt", "--lang", "ru", "--description", "x"], "already has a witness en-mt"),
    (["ru-1996", "{inbox}/missing.txt", "--lang", "ru", "--description", "x"], "no such file"),
    (["ru-1996", "{inbox}/ru-1996.txt", "--lang", "Russian", "--description", "x"], "not a language code"),
    (["RU", "{inbox}/ru-1996.txt", "--lang", "ru", "--description", "x"], "siglum 'RU' is not valid"),
    (["ru-1996", "{inbox}/ru-1996.txt", "--lang", "ru", "--description", " "], "--description"),
    (["en-2", "{inbox}/ru-1996.txt", "--lang", "en", "--description", "x", "--role", "target"],
     "already has its target"),
    (["en-2", "{inbox}/ru-1996.txt", "--lang", "en", "--description", "x", "--role", "source"], "cannot be aligned"),
])
def test_bad_input_is_one_message_exit_2_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              args: list[str], message: str) -> None:
    root, inbox = pending_project(tmp_path)
    (inbox / "bad.txt").write_text("Прошу ~~ускорить отправку.\n", encoding="utf-8")
    snapshot = bytes_of(root)
    code = main(["--root", str(root), "add-witness", ADDRESS, *[a.format(inbox=inbox) for a in args]])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert bytes_of(root) == snapshot


def test_bad_markup_names_file_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, inbox = pending_project(tmp_path)
    (inbox / "bad.txt").write_text("Первая строка.\n\nПрошу ~~ускорить отправку.\n", encoding="utf-8")
    assert main(["--root", str(root), "add-witness", ADDRESS, "ru-x", str(inbox / "bad.txt"), "--lang", "ru",
                 "--description", "x"]) == 2
    assert f"{inbox / 'bad.txt'}:3:7:" in capsys.readouterr().err


def test_a_second_source_is_refused(tmp_path: Path) -> None:
    root, inbox = pending_project(tmp_path)
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    add_witness(corpus, ref, "ru-autograph", str(inbox / "ru-autograph.txt"), language="ru", description="A",
                align_fn=one_to_one)
    with pytest.raises(InputError, match="already has the source ru-autograph"):
        add_witness(corpus, ref, "ru-1996", str(inbox / "ru-1996.txt"), language="ru", description="B",
                    role="source", align_fn=one_to_one)


def test_the_cli_aligns_a_new_source_with_the_real_aligner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, inbox = pending_project(tmp_path)
    code = main(["--root", str(root), "add-witness", ADDRESS, "ru-autograph", str(inbox / "ru-autograph.txt"),
                 "--lang", "ru", "--description", "Autograph", "--backend", "plain", "--author", "ed"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "source: ru-autograph; aligned with the English: 6 links (kept 3 decision(s) and 1 edit(s))" in out
    state = Corpus(root).open_state(Corpus(root).parse_address(ADDRESS))
    assert [lk.kind for lk in state.links] == ["1-1"] * 6
    assert state.signature.get("aligner.backend", "").startswith("length")
