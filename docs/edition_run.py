"""The issue's "done when" run on the seed collection, scripted (docs/export.md shows its output).

    .venv/bin/python docs/edition_run.py /tmp/edition-run

Copies texts/ and alignments/ to a fresh project under the given folder, shows that the unreviewed
collection is refused, then records as an editor would: an editors' note on No. 92, the archival
reference of No. 91 corrected, No. 92's struck passage marked from the printed edition, the notes
the importer found without a marker placed where it suggested, every link confirmed. It then writes
the volume (docx, html, pdf, tei, md) and the review report (html, pdf), converts the DOCX with
LibreOffice to PDF and text, validates the teiCorpus with jing (against tei_all when ../shared has it)
and takes the screenshots docs/export.md shows (headless Chromium; pdftoppm for a PDF page).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from workbench.cli import main
from workbench.core.editors_notes import squeeze
from workbench.storage.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
C = "bolshevik-correspondence"
STRUCK = ("The whole question lies in the indicated circumstance, and not in the organization of a special "
          "Revolutionary Military Council for the Crimea.")
FIXED_91 = "RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph."


def wb(root: Path, *args: str, expect: int = 0) -> None:
    print("$ workbench " + " ".join(args), flush=True)
    code = main(["--root", str(root), *args])
    if code != expect:
        sys.exit(f"exit {code}, expected {expect}")


def place_markers(root: Path) -> None:
    """Each note the importer found without a marker: the marker after the words it suggested."""
    corpus = Corpus(root)
    for ref in corpus.documents(C):
        meta = corpus.read_meta(ref)
        used: set[str] = set()
        for issue in meta.issues:
            free = [c for c in issue.candidates if c not in used]
            if issue.kind != "note-marker-missing" or not free:
                continue
            used.add(free[0])
            # the importer's place: some context, then the space before punctuation where the marker
            # was lost ("…is trying to warn us . Not…": "warn us[^1].")
            place = free[0].removeprefix("…")
            before = place[:place.find(" ", 19)].split(" / ")[-1].strip()
            state = corpus.open_state(ref)
            for link in state.links:
                english = state.english(link)
                flat = squeeze(english)
                at = flat.find(before)
                if before and at >= 0 and f"[^{issue.witness_note}]" not in english:
                    end = at + len(before)
                    text = flat[:end] + f"[^{issue.witness_note}]" + flat[end:].lstrip()
                    wb(root, "decide", str(ref), link.id, "edit", "--text", text, "--reason", "note-marker",
                       "--author", "A. Editor")
                    break


GLOSSARY_HAS = re.compile(r"the glossary has (.+?)(?: \[\d+:\d+\])?$")


def answer_qa(root: Path) -> None:
    """Each open QA error answered as an editor would: a suggestion applied (an edit of the link, or a
    metadata decision for a field), a forbidden rendering replaced by the glossary's, and what the
    English prints as a paragraph (the place line) corrected in that link and waived on the field."""
    from workbench.cli.corpus_cmds import open_session
    from workbench.core import decide
    from workbench.core.metadata import effective_meta, field_value, text_frame
    from workbench.storage.qa_runs import open_qa_errors

    corpus = Corpus(root)
    for ref in corpus.documents(C):
        for _ in range(40):  # one answer at a time: spans move after each
            errors = open_qa_errors(corpus, ref)
            if not errors:
                break
            f = errors[0]
            glossary = GLOSSARY_HAS.search(f.message)
            replacement = f.suggestion if f.suggestion is not None else glossary.group(1) if glossary else None
            state = corpus.open_state(ref)
            meta = corpus.read_meta(ref)
            if f.link is not None and replacement is not None and f.span is not None:
                session = open_session(corpus.alignment_file(ref))
                found = f if f.suggestion is not None else type(f)(**{**f.__dict__, "suggestion": replacement})
                session.record(decide.apply_suggestion(session.state, found, "A. Editor"))
                session.save()
                print(f"$ (review app) {ref} {f.link}: {f.check}: “{replacement}”")
            elif f.field is not None and f.field in text_frame(meta, state):
                wb(root, "decide", str(ref), f.field, "qa-waive", "--check", f.check, "--reason",
                   f"printed from the English ({text_frame(meta, state)[f.field][0]}), corrected there",
                   "--author", "A. Editor")
            elif f.field is not None and replacement is not None and f.span is not None:
                value = field_value(effective_meta(meta, state), f.field)
                fixed = value[:f.span[0]] + replacement + value[f.span[1]:]
                wb(root, "decide-meta", str(ref), f.field, fixed, "--reason", f"qa {f.check}: {f.message[:60]}",
                   "--author", "A. Editor")
            else:
                wb(root, "decide", str(ref), f.target, "qa-waive", "--check", f.check, "--reason",
                   "checked against the 1996 edition: kept as printed", "--author", "A. Editor")


def confirm_all(root: Path) -> None:
    corpus = Corpus(root)
    for ref in corpus.documents(C):
        state = corpus.open_state(ref)
        for link in state.links:
            if link.status.value != "confirmed":
                assert main(["--root", str(root), "decide", str(ref), link.id, "confirm", "--author", "B. Reader"]) == 0
    print(f"$ workbench decide … confirm   (every link of {C}, by B. Reader)")


def shoot(url: str, png: Path, width: int = 1100, height: int = 1400) -> None:
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}",
                    f"--screenshot={png}", url], capture_output=True, timeout=120, check=True)
    print(f"screenshot {png.relative_to(REPO)}")


def run(base: Path) -> None:
    if base.exists():
        shutil.rmtree(base)
    root = base / "project"
    root.mkdir(parents=True)
    for name in ("texts", "alignments"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.journal", ".*.lock"))
    out = base / "out"
    wb(root, "export", "--volume", "--collection", C, "--format", "docx,html,pdf,tei", "--out", str(out), expect=1)
    wb(root, "decide", f"{C}/092", "L4", "annotate", "--anchor", "Wrangel Front", "--kind", "explanatory", "--text",
       "The front against the White army of General P. N. Wrangel in the Crimea and northern Tavria, formed as a "
       "separate front on 2 August 1920.", "--author", "A. Editor")
    wb(root, "decide", f"{C}/092", "L5", "annotate", "--anchor", "Wrangel", "--kind", "biographical", "--text",
       "Baron P. N. Wrangel (1878–1928), commander-in-chief of the White armed forces in the south of Russia from "
       "April 1920.", "--author", "A. Editor")
    wb(root, "decide-meta", f"{C}/091", "archival_reference", FIXED_91, "--reason",
       "archive name and Op. as printed in the 1996 edition", "--author", "A. Editor")
    wb(root, "decide-variant", f"{C}/092", "V1", "mark", STRUCK, "--witness", "en-mt", "--evidence",
       "1996 ed., p. 148 (italics)", "--certainty", "0.9", "--reason", "printed-edition", "--author", "A. Editor")
    place_markers(root)
    answer_qa(root)
    confirm_all(root)
    wb(root, "export", "--volume", "--collection", C, "--format", "docx,html,pdf,tei,md", "--out", str(out))
    wb(root, "report", "--collection", C, "--out", str(out / "report.html"))
    wb(root, "report", "--collection", C, "--format", "pdf", "--out", str(out / "report.pdf"))
    folder = out / C
    subprocess.run(["soffice", f"-env:UserInstallation=file://{base / 'lo-profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(base / "lo"),
                    str(folder / "volume.docx")], capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(base / "lo" / "volume.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    (base / "lo" / "volume.txt").write_text(text, encoding="utf-8")
    for needle in ("Wrangel Front a is due", "RTsKhIDNI. F. 558. Op. 1. D. 5551. L. 3-4. Autograph.",
                   "In the original the following passage is crossed out"):
        print(f"DOCX → LibreOffice → text: {needle!r}: {'found' if needle in text else 'MISSING'}")
    print(f"DOCX → LibreOffice → text: {len(text.split(chr(12)))} pages; note lines with a doubled mark: "
          f"{len(re.findall(r'^(aa|bb|11|22|33) ', text, re.MULTILINE))}")
    tei_all = REPO.parent / "shared" / "schemas" / "tei_all.rng"
    for schema in (REPO / "workbench" / "storage" / "schemas" / "tei-workbench.rng", tei_all):
        if schema.exists() and shutil.which("jing"):
            result = subprocess.run(["jing", str(schema), str(folder / "volume.xml")], capture_output=True, text=True)
            print(f"jing {schema.name} volume.xml: exit {result.returncode} {result.stdout.strip()[:300]}")
    docs = REPO / "docs"
    shoot(f"file://{folder / 'volume' / 'index.html'}", docs / "export-volume-index.png")
    shoot(f"file://{folder / 'volume' / '092.html'}", docs / "export-volume-092.png")
    shoot(f"file://{out / 'report.html'}", docs / "export-report.png", 1400, 1100)
    subprocess.run(["pdftoppm", "-r", "70", "-f", "6", "-l", "6", "-png", "-singlefile", str(folder / "volume.pdf"),
                    str(docs / "export-volume-pdf-page")], check=True)
    print("PDF page docs/export-volume-pdf-page.png")


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/edition-run"))
