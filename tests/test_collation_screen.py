"""The collation view (Textual): witnesses side by side, keys that record variant decisions through
the store, next unresolved variant, and user text shown literally (bracket torture)."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

from textual.app import App
from variants_support import ADDRESS, copy_fixture

from workbench.core.documents import WitnessInfo
from workbench.storage.corpus import Corpus
from workbench.storage.document_store import write_document
from workbench.ui.screens.collation import ChoiceModal, CollationScreen, TextModal

STRUCK_ID = "ru-autograph.p1.66"
TORTURE = "checked [in] the book [/foo] [red]x[/red] a \\[b] x [/ end"


class Host(App[None]):
    """A bare app that opens the collation view of one document."""

    def __init__(self, root: Path, address: str = ADDRESS) -> None:
        super().__init__()
        self.corpus = Corpus(root)
        self.ref = self.corpus.parse_address(address)

    def on_mount(self) -> None:
        self.push_screen(CollationScreen(self.corpus, self.ref, author="ed"))


def screen_text(app: App[None]) -> str:
    """The visible text of the screen, from its SVG screenshot."""
    svg = app.export_screenshot()
    rows: dict[float, list[tuple[float, str]]] = {}
    for match in re.finditer(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(match.group(2)), []).append((float(match.group(1)), html.unescape(match.group(3))))
    return "\n".join("".join(t for _, t in sorted(parts)).replace("\xa0", " ") for _, parts in sorted(rows.items()))


async def test_keys_record_decisions_and_leaving_saves(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    app = Host(root)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CollationScreen)
        assert [v.id for v in screen.variants] == ["ru-autograph.p1.9", "ru-autograph.p1.33+", STRUCK_ID,
                                                   "ru-autograph.p1.199+"]
        text = screen_text(app)
        assert "ru-autograph@before" in text and "ru-1996" in text and "English (edition)" in text

        await pilot.press("u", "u")  # from the first variant: the next unresolved twice
        assert screen.current is not None and screen.current.id == STRUCK_ID
        assert "Wrangel apparently knows" in screen_text(app)  # the English of the struck segment

        await pilot.press("p")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "down", "enter")  # omit, strike, [bracket], note
        await pilot.pause()
        assert app.screen is screen
        assert screen.current.id == STRUCK_ID and screen.current.policy == "bracket"
        assert screen.current.status == "resolved"

        await pilot.press("down", "a")
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("down", "down", "enter")  # the third reading: ru-1996
        await pilot.pause()
        assert screen.current.id == "ru-autograph.p1.199+" and screen.current.adopted == "ru-1996"

        await pilot.press("n")
        assert isinstance(app.screen, TextModal)
        await pilot.press(*TORTURE, "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "a \\[b] x [/ end" in screen_text(app)

        await pilot.press("u")  # back to the first unresolved, wrapping round
        assert screen.current.id == "ru-autograph.p1.9"
        await pilot.press("r")
        await pilot.pause()
        assert screen.current.status == "resolved"

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CollationScreen)

    state = Corpus(root).open_state(Corpus(root).parse_address(ADDRESS))
    assert state.revision == 2  # folded into the file on leaving
    actions = [(d.action, d.target, d.after, d.note) for d in state.decisions]
    assert actions == [("variant-policy", STRUCK_ID, "bracket", None),
                       ("variant-adopt", "ru-autograph.p1.199+", "ru-1996", None),
                       ("comment", "ru-autograph.p1.199+", None, TORTURE),
                       ("variant-resolve", "ru-autograph.p1.9", None, None)]
    assert state.decisions[0].data.fields().keys() >= {"source_sha", "english_sha"}


async def test_witness_text_with_brackets_is_shown_literally(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    typescript = corpus.read_witness(ref, "ru-1996").replace("Москва,", "Москва, [in] [/foo] [red]x[/red]")
    corpus.witness_path(ref, "ru-typescript").write_text(typescript, encoding="utf-8")
    meta = corpus.read_meta(ref)
    typescript = WitnessInfo("ru-typescript", "ru", "other", "Typescript")
    write_document(corpus.doc_dir(ref) / "document.yaml", replace(meta, witnesses=meta.witnesses + (typescript,)))
    app = Host(root)
    async with app.run_test(size=(200, 48), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CollationScreen)
        first = screen.variants[0]
        assert first.readings["ru-typescript"] == "[in] [/foo] [red]x[/red]"
        text = screen_text(app)
        assert "[in] [/foo] [red]x[/red]" in text


async def test_a_document_without_variants_opens(project: Path) -> None:
    app = Host(project, "udhr/udhr")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CollationScreen)
        assert app.screen.variants == []
        text = screen_text(app)
        assert "no variants in this document" in text
        assert "not located" not in text and "not marked" not in text  # nothing to locate: not a failure
        await pilot.press("u", "a", "p")  # nothing to act on: notices, no crash
        await pilot.pause()
        assert isinstance(app.screen, CollationScreen)


async def test_a_witness_with_bad_markup_is_a_message_not_a_crash(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path)
    corpus = Corpus(root)
    ref = corpus.parse_address(ADDRESS)
    corpus.witness_path(ref, "ru-1996").write_text("Прошу ~~ускорить.\n", encoding="utf-8")
    app = Host(root)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CollationScreen)
        assert "ru-1996.txt:1:7" in screen_text(app)


async def test_words_marked_in_the_only_english_witness_are_shown(project: Path) -> None:
    """No. 92's V1 marked in en-mt (no second English witness, so no collation locates it): the view
    shows the segment with the marked words, not "not located"."""
    from workbench.cli import main

    words = "The last one is redundant in my opinion ."
    assert main(["--root", str(project), "decide-variant", "bolshevik-correspondence/092", "V1", "mark", words,
                 "--witness", "en-mt", "--evidence", "1996 ed., p. 148", "--author", "ed"]) == 0
    start = Corpus(project).read_witness(Corpus(project).parse_address("bolshevik-correspondence/092"),
                                         "en-mt").index(words)
    app = Host(project, "bolshevik-correspondence/092")
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CollationScreen) and screen.current is not None
        assert screen.current.id == "V1" and screen.current.status == "resolved"
        text = screen_text(app)
        assert f"marked struck in en-mt [{start}–{start + len(words)}] in t9" in text
        assert words in text and "not located" not in text
