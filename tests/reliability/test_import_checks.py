"""Import checks: XML declarations refused wherever they are; PO entries a workbench export never
writes (plural forms, two entries for one link, an edited msgid, control characters) refuse the whole
file with its line — exit 2, nothing recorded."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from reliability.catalogue import assert_one_clear_message, run_main, snapshot
from workbench.core.errors import FormatError
from workbench.core.received.udhr import safe_parse_xml

DOCTYPE = '<!DOCTYPE u [<!ENTITY a "b">]>\n'
BODY = '<udhr xmlns="http://efele.net/udhr" xml:lang="en"><title>&a;</title></udhr>\n'


@pytest.mark.parametrize("declaration", [DOCTYPE, '<!DOCTYPE udhr SYSTEM "file:///etc/passwd">\n'])
def test_a_doctype_after_the_first_4096_bytes_is_refused_with_its_line(declaration: str) -> None:
    data = ('<?xml version="1.0"?>\n' + "<!-- padding -->\n" * 400 + declaration + BODY).encode()
    assert data.index(b"<!DOCTYPE") > 4096
    with pytest.raises(FormatError) as info:
        safe_parse_xml(data, "late.xml")
    assert str(info.value).startswith("late.xml:402:1: DOCTYPE")


@pytest.mark.parametrize("declaration", ["<!doctype u>\n", "<!ENTITY a 'b'>\n", "<! DOCTYPE u>\n"])
def test_declarations_in_any_case_are_refused(declaration: str) -> None:
    with pytest.raises(FormatError, match="DOCTYPE and ENTITY"):
        safe_parse_xml(('<?xml version="1.0"?>\n' + declaration + BODY).encode(), "x.xml")


def test_a_doctype_in_utf16_is_refused_by_the_parsed_tree() -> None:
    data = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE u>\n'
            '<udhr xmlns="http://efele.net/udhr"/>\n').encode("utf-16")
    assert b"<!DOCTYPE" not in data  # the byte search cannot see it
    with pytest.raises(FormatError, match="DOCTYPE and ENTITY"):
        safe_parse_xml(data, "u16.xml")


# ------------------------------------------------------------------------------------------------ PO


@pytest.fixture()
def po_file(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    run = run_main(project, ["export", "--format", "po", "udhr/udhr", "--out", str(tmp_path / "po")], capsys)
    assert run.returncode in (0, 1), run.stderr
    return tmp_path / "po" / "udhr" / "udhr.po"


def _entries(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0)


def _import(project: Path, path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    return run_main(project, ["import-po", str(path), "--author", "Tess"], capsys)


def test_a_plural_entry_is_refused(project: Path, po_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    entry = po[3]
    entry.msgid_plural = entry.msgid + " (plural)"
    entry.msgstr_plural = {0: "", 1: ""}
    entry.msgstr = ""
    po.save(str(po_file))
    line = _entries(po_file)[3].linenum
    before = snapshot(project)
    line_text = assert_one_clear_message(_import(project, po_file, capsys), "plural forms", f"udhr.po:{line}:")
    assert entry.msgctxt in line_text
    assert snapshot(project) == before


def test_a_duplicate_entry_is_refused(project: Path, po_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    copy = polib.POEntry(msgctxt=po[2].msgctxt, msgid=po[2].msgid, msgstr="A second opinion.",
                         comment=po[2].comment, tcomment=po[2].tcomment, flags=list(po[2].flags))
    po.append(copy)
    po.save(str(po_file))
    last = _entries(po_file)[-1].linenum
    before = snapshot(project)
    text = assert_one_clear_message(_import(project, po_file, capsys), "a second entry", f"udhr.po:{last}:")
    assert f"the first is at line {_entries(po_file)[2].linenum}" in text
    assert snapshot(project) == before


def test_a_changed_msgid_is_refused(project: Path, po_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    po[4].msgid = "Совсем другой текст."
    po[4].msgstr = "Something else entirely."
    po.save(str(po_file))
    line = _entries(po_file)[4].linenum
    before = snapshot(project)
    assert_one_clear_message(_import(project, po_file, capsys), "msgid", f"udhr.po:{line}:")
    assert snapshot(project) == before


def test_a_refusal_in_a_later_entry_records_nothing_before_it(project: Path, po_file: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    po[1].msgstr = "A fine edit that must not be recorded alone."
    po[-1].msgid = "Изменено."
    po.save(str(po_file))
    before = snapshot(project)
    assert_one_clear_message(_import(project, po_file, capsys), "msgid", "udhr.po")
    assert snapshot(project) == before


@pytest.mark.parametrize("field", ["msgstr", "tcomment"])
def test_control_characters_in_a_po_entry_are_refused(field: str, project: Path, po_file: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    setattr(po[2], field, "Red \x1b[31malert\x1b[0m")
    po.save(str(po_file))
    before = snapshot(project)
    assert_one_clear_message(_import(project, po_file, capsys), "U+001B (ESC)", "udhr.po")
    assert snapshot(project) == before


def test_an_ordinary_edit_still_comes_back(project: Path, po_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = _entries(po_file)
    po[2].msgstr = "An ordinary edit, with a tab\there."
    po.save(str(po_file))
    run = _import(project, po_file, capsys)
    assert run.returncode == 0, run.stderr
    assert "1 decision(s) recorded" in run.stdout
