"""workbench align: re-aligns only the stretches between links editors touched."""

from __future__ import annotations

from pathlib import Path

from workbench.cli import main
from workbench.core import decide
from workbench.core.bulk_align import fixed_link_ids, realign_document
from workbench.core.models import Link, Status
from workbench.storage.alignment_store import AlignmentFile, Session

DOC = "garnett-stories/khameleon"


def path(project: Path) -> Path:
    return project / "alignments" / "garnett-stories" / "khameleon.yaml"


def test_realign_keeps_judged_links_and_decisions(project: Path) -> None:
    session = Session(AlignmentFile(path(project)))
    state = session.state
    session.record(decide.set_status(state, "L5", "confirm", "ed"))
    session.record(decide.comment(session.state, "L10", "check", "ed"))
    link20 = session.state.link("L20")
    session.record(decide.edit(session.state, "L20", ["Corrected."] * len(link20.target), "ed"))
    session.save()
    before = AlignmentFile(path(project)).read_yaml()
    assert fixed_link_ids(before) == {"L5", "L10", "L20"}
    assert main(["--root", str(project), "align", DOC, "--backend", "plain"]) == 0
    after = AlignmentFile(path(project)).read_yaml()
    for link_id in ("L5", "L10", "L20"):
        assert after.link(link_id) == before.link(link_id)
    assert after.decisions == before.decisions and after.edits == before.edits
    # every segment is still in exactly one link
    for side in ("source", "target"):
        placed = sorted(i for lk in after.links for i in getattr(lk, side))
        segs = sorted(s.id for s in getattr(after, f"{side}_segments"))
        assert placed == segs
    # running again changes nothing, byte for byte
    text = path(project).read_bytes()
    assert main(["--root", str(project), "align", DOC, "--backend", "plain"]) == 0
    assert path(project).read_bytes() == text


def test_changed_stretches_get_fresh_ids_and_old_beads_keep_theirs(project: Path) -> None:
    state = AlignmentFile(path(project)).read_yaml()
    # break the alignment in one stretch: pair L3's source with L4's target and the other way round
    l3, l4 = state.link("L3"), state.link("L4")
    broken = state.with_changes(links=tuple(
        Link(lk.id, lk.source, l4.target, Status.AUTO, 0.1, "aligner") if lk.id == "L3" else
        Link(lk.id, lk.source, l3.target, Status.AUTO, 0.1, "aligner") if lk.id == "L4" else lk
        for lk in state.links))
    texts = project / "texts" / "garnett-stories" / "khameleon"
    source = (texts / "ru-edition.txt").read_text(encoding="utf-8")
    target = (texts / "en-garnett.txt").read_text(encoding="utf-8")

    def identity(src, tgt, sp, tp):  # type: ignore[no-untyped-def]
        n = min(len(src), len(tgt))
        beads = [((i,), (i,), 0.0, 0.9) for i in range(n)]
        beads += [((i,), (), 0.0, 0.5) for i in range(n, len(src))] + [((), (j,), 0.0, 0.5) for j in range(n, len(tgt))]
        return beads, {"backend": "identity"}

    result, signature = realign_document(broken, identity, source, target)
    assert signature == {"backend": "identity"}
    ids = [lk.id for lk in result.state.links]
    assert "L3" not in ids and "L4" not in ids  # the broken beads were replaced by new links
    assert len(set(ids)) == len(ids)
    assert result.changed >= 2 and result.state.signature["aligner.backend"] == "identity"
    assert result.state.decisions == broken.decisions


def test_pending_documents_are_skipped(project: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--root", str(project), "align", "bolshevik-correspondence/092"]) == 0
    assert "source witness pending" in capsys.readouterr().err


def test_links_found_again_keep_their_score_and_the_file_its_signature(project: Path) -> None:
    state = AlignmentFile(path(project)).read_yaml()
    texts = project / "texts" / "garnett-stories" / "khameleon"
    source = (texts / "ru-edition.txt").read_text(encoding="utf-8")
    target = (texts / "en-garnett.txt").read_text(encoding="utf-8")
    index_s = {s.id: k for k, s in enumerate(state.source_segments)}
    index_t = {t.id: k for k, t in enumerate(state.target_segments)}

    def same_links_other_scores(src, tgt, sp, tp):  # type: ignore[no-untyped-def]
        beads = [(tuple(index_s[i] for i in lk.source), tuple(index_t[j] for j in lk.target), 0.0, 0.5)
                 for lk in state.links]
        return beads, {"backend": "plain"}

    result, _ = realign_document(state, same_links_other_scores, source, target)
    assert result.changed == 0 and result.state == state
