"""Hostile XML never resolves entities or reaches the network.

The XML the workbench reads from outside comes through ``import-udhr`` (``safe_parse_xml``); the
export round trip brings back PO, which is not XML, and the tests read exported TEI/TMX with the
same safe parser (so the exports must not need a DTD either). Each hostile file must be refused
with one message, with the network and the file system's secrets untouched.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from export_support import copy_fixture, export

from workbench.cli import main
from workbench.core.errors import FormatError
from workbench.core.received.udhr import safe_parse_xml

GOOD_HEAD = "<udhr xmlns='http://efele.net/udhr' xml:lang='en'>"
HOSTILE = {
    "billion-laughs": ('<?xml version="1.0"?>\n<!DOCTYPE udhr [\n<!ENTITY a "lol">\n'
                       + "".join(f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">\n' for k in range(8))
                       + f"]>\n{GOOD_HEAD}<title>&i;</title></udhr>\n"),
    "external-entity": ('<?xml version="1.0"?>\n<!DOCTYPE udhr [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                        f"{GOOD_HEAD}<title>&x;</title></udhr>\n"),
    "network-dtd": ('<?xml version="1.0"?>\n<!DOCTYPE udhr SYSTEM "http://203.0.113.9/udhr.dtd">\n'
                    f"{GOOD_HEAD}<title>T</title></udhr>\n"),
    "parameter-entity": ('<?xml version="1.0"?>\n'
                         '<!DOCTYPE udhr [<!ENTITY % p SYSTEM "http://203.0.113.9/p.ent"> %p;]>\n'
                         f"{GOOD_HEAD}<title>T</title></udhr>\n"),
    "xinclude": (f'<?xml version="1.0"?>\n{GOOD_HEAD}<title>T</title>'
                 '<x:include xmlns:x="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'
                 '</udhr>\n'),
}


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_import_refuses_hostile_xml(name: str, project: Path, tmp_path: Path, no_network: list[object],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    hostile = tmp_path / f"{name}.xml"
    hostile.write_text(HOSTILE[name], encoding="utf-8")
    good = project / "texts" / "udhr" / "udhr" / "ru-un.txt"  # any text: the hostile file is read first or second
    code = main(["--root", str(project), "import-udhr", str(hostile), str(hostile), "--collection", "hostile",
                 "--doc", "x"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "root:" not in err and "lol" not in err  # no entity was expanded into the message
    assert not (project / "texts" / "hostile").exists()  # nothing written
    assert no_network == []
    assert good.exists()


@pytest.mark.parametrize("name", ["billion-laughs", "external-entity", "network-dtd", "parameter-entity"])
def test_safe_parser_refuses_declarations(name: str, no_network: list[object]) -> None:
    with pytest.raises(FormatError):
        safe_parse_xml(HOSTILE[name].encode("utf-8"), f"{name}.xml")
    assert no_network == []


def test_xinclude_is_not_followed(no_network: list[object]) -> None:
    root = safe_parse_xml(HOSTILE["xinclude"].encode("utf-8"), "xinclude.xml")
    assert "root:" not in "".join(root.itertext())  # the include stays an element, never resolved


def test_exports_parse_with_the_safe_parser(tmp_path: Path, no_network: list[object]) -> None:
    root = copy_fixture(tmp_path)
    _, paths = export(root, ["tei", "tmx", "html"], tmp_path / "out")
    for path in paths:
        if path.suffix in (".xml", ".tmx"):
            assert b"<!DOCTYPE" not in path.read_bytes()[:500]
            safe_parse_xml(path.read_bytes(), str(path))
    assert no_network == []
