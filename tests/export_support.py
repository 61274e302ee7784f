"""Helpers for the export tests: the fixture project, a fixed export time, DOCX dumps, validators."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from workbench.core.received.udhr import safe_parse_xml
from workbench.storage.corpus import Corpus
from workbench.storage.exporters import ExportPlan, load_document, plan_export, write_export

DATA = Path(__file__).resolve().parent / "data"
FIXTURE = DATA / "export" / "project"
GOLDEN = DATA / "golden"
SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
TEI_ALL = SHARED_SCHEMAS / "tei_all.rng"
TMX_DTD = SHARED_SCHEMAS / "tmx14.dtd"
PROJECT_RNG = Path(__file__).resolve().parents[1] / "workbench" / "storage" / "schemas" / "tei-workbench.rng"
NOW = "2025-03-01T12:00:00.000Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
UPDATE = os.environ.get("WORKBENCH_UPDATE_GOLDEN") == "1"


def copy_fixture(tmp_path: Path) -> Path:
    """A private copy of the export fixture project (texts/ and alignments/)."""
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    return root


def export(root: Path, formats: list[str], out: Path, policy: str = "note",
           addresses: tuple[str, ...] = ("demo/letter", "demo/pending")) -> tuple[ExportPlan, list[Path]]:
    """Export some documents of a project with the fixed time; returns the plan and the paths."""
    corpus = Corpus(root)
    docs = [load_document(corpus, corpus.parse_address(a)) for a in addresses]
    plan = plan_export(docs, formats, out, policy, NOW)
    return plan, write_export(plan)


def parse_xml(path: Path) -> etree._Element:
    """An exported XML file read the way imports read XML (no DTD, no entities, no network)."""
    return safe_parse_xml(path.read_bytes(), str(path))


def _runs(parent: etree._Element) -> str:
    """Runs as text: ``[^3]`` a footnote reference Word numbers, ``[^3=a]`` one with the custom mark
    ``a`` (the run after it), ``[#]`` the number in the footnote, superscript text as ``^{x}``."""
    out = []
    custom = False
    for run in parent.iter(f"{W}r"):
        props = run.find(f"{W}rPr")
        italic = props is not None and props.find(f"{W}i") is not None
        struck = props is not None and props.find(f"{W}strike") is not None
        bold = props is not None and props.find(f"{W}b") is not None
        sup = props is not None and props.find(f"{W}vertAlign") is not None
        ref = run.find(f"{W}footnoteReference")
        if ref is not None:
            custom = ref.get(f"{W}customMarkFollows") == "1"
            out.append(f"[^{ref.get(f'{W}id')}" + ("=" if custom else "]"))
            mark = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if custom and mark:  # the custom mark in the reference's own run
                out.append(f"{mark}]")
                custom = False
            continue
        if run.find(f"{W}footnoteRef") is not None:
            out.append("[#]")
            continue
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        if custom:
            out.append(f"{text}]")
            custom = False
            continue
        if sup and text.strip():
            text = f"^{{{text}}}"
        for flag, mark in ((bold, "**"), (italic, "*"), (struck, "~~")):
            if flag and text.strip():
                text = f"{mark}{text}{mark}"
        out.append(text)
    return "".join(out)


def docx_dump(path: Path) -> str:
    """A DOCX's text and structure, one paragraph per line: style, alignment, runs with their marks."""
    lines = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        for para in body.iter(f"{W}p"):
            props = para.find(f"{W}pPr")
            style = props.find(f"{W}pStyle") if props is not None else None
            align = props.find(f"{W}jc") if props is not None else None
            head = (style.get(f"{W}val") if style is not None else "Normal") + (
                f"|{align.get(f'{W}val')}" if align is not None else "")
            lines.append(f"{head}: {_runs(para)}")
        if "word/footnotes.xml" in names:
            for note in etree.fromstring(z.read("word/footnotes.xml")).iter(f"{W}footnote"):
                if note.get(f"{W}type"):
                    continue
                text = " / ".join(_runs(p) for p in note.iter(f"{W}p"))
                lines.append(f"footnote {note.get(f'{W}id')}: {text}")
    return "\n".join(lines) + "\n"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/data/golden/NAME (rewritten when WORKBENCH_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {path} missing: run with WORKBENCH_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def restricted_tei_all(out: Path) -> Path:
    """tei_all.rng with every element the project's profile does not use made ``notAllowed``.

    libxml2 does not finish compiling the full tei_all (TEIC/TEI#655: hours, here >10 min); replacing
    unused element patterns by ``notAllowed`` only removes alternatives, so a document valid against
    the result is valid against tei_all itself (its embedded Schematron aside, which xmllint ignores).
    """
    used = {el.get("name") for el in etree.parse(str(PROJECT_RNG)).iter(f"{{{RNG_NS}}}element") if el.get("name")}
    tree = etree.parse(str(TEI_ALL))
    for define in tree.getroot().iter(f"{{{RNG_NS}}}define"):
        kids = [k for k in define if isinstance(k.tag, str) and etree.QName(k).namespace == RNG_NS]
        if len(kids) == 1 and etree.QName(kids[0]).localname == "element":
            name = kids[0].get("name")
            if name and name not in used:
                for kid in list(define):
                    define.remove(kid)
                etree.SubElement(define, f"{{{RNG_NS}}}notAllowed")
    tree.write(str(out))
    return out


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    """A validator run (msgfmt, xmllint) with its output captured."""
    return subprocess.run(list(cmd), capture_output=True, text=True, timeout=120)
