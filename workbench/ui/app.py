"""The workbench app: the collection browser, then one review screen per opened document.

``make_app`` is the factory the CLI, the tests and the benchmark share. The app saves every open
document (folds its journal) when it quits; decisions are durable before that anyway.

An unexpected error (a bug) anywhere in the app stops it without saving: the journal keeps every
decision acknowledged before the error, and the next open replays it. The error is kept in
:attr:`WorkbenchApp.crash` for ``workbench open`` to report in one message and a non-zero exit.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widgets._toast import Toast
from textual.worker import WorkerFailed

from workbench.core.errors import InputError, WorkbenchError
from workbench.storage.alignment_store import Session
from workbench.storage.config import author_and_source
from workbench.storage.corpus import Corpus, DocRef
from workbench.ui import safe_text
from workbench.ui.commands import WorkbenchCommands
from workbench.ui.document_view import DocumentView
from workbench.ui.keymap import bindings
from workbench.ui.screens.browser import BrowserScreen
from workbench.ui.screens.dialogs import Dialog
from workbench.ui.screens.help import HelpScreen
from workbench.ui.screens.review import ReviewScreen


def _toast_mounted(self: Toast, event: events.Mount) -> None:
    # A toast mounted after its notification expired (a busy machine: the notification waited longer than
    # its timeout) gets a negative timer interval, and Textual's timer loop then spins at 100 % CPU for
    # ever (textual 8.2, timer.py: the skip loop never reaches a time in the future). Expire it at once.
    self._timeout = max(self._timeout, 0.01)
    _toast_on_mount(self, event)


_toast_on_mount = Toast._on_mount
Toast._on_mount = _toast_mounted  # type: ignore[method-assign]


def open_view(corpus: Corpus, ref: DocRef, author: str, author_from: str | None = None) -> DocumentView:
    """Open a document for review; ``InputError`` when it has no alignment file yet."""
    file = corpus.alignment_file(ref)
    if not file.exists():
        raise InputError(f"{ref} has no alignment file yet; run 'workbench align {ref}' first")
    session = Session(file)
    session.author_from = author_from
    return DocumentView(corpus, ref, session, author)


class WorkbenchApp(App[int]):
    """Review alignments and variants, one recorded decision at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "workbench"
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {WorkbenchCommands}

    def __init__(self, corpus: Corpus, *, document: DocRef | None = None, author: str | None = None,
                 keymap: dict[str, str] | None = None, poll_interval: float = 1.0,
                 save_interval: float = 30.0, ask_name: bool = False) -> None:
        super().__init__()
        self.corpus = corpus
        self.start_document = document
        self.author, self.author_from = author_and_source(author)
        self.ask_name = ask_name  # ask once, at the first decision, when the name comes only from git or login
        self.user_keymap = dict(keymap or {})
        self.poll_interval = poll_interval
        self.save_interval = save_interval
        self.views: list[DocumentView] = []
        self.crash: BaseException | None = None
        """The first unexpected error that stopped the app (``None`` after a normal quit)."""

    def _handle_exception(self, error: Exception) -> None:
        # Textual sends every error no handler caught (in a handler, a timer, a render, a worker
        # that exits on error) here; its own handling closes the app with return code 1 and
        # prints a traceback with the local variables. Keep the error for `workbench open`,
        # which says in one message what happened and that the journal holds every decision;
        # save nothing (the journal is the safe copy), and print no traceback. Under run_test
        # Textual still re-raises the error, so a test sees it.
        if self.crash is None:
            self.crash = error.error if isinstance(error, WorkerFailed) else error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    async def on_event(self, event: events.Event) -> None:
        # A form takes a character typed on a field without text (a list, the witness text) for its
        # text field here, as each key comes from the terminal, so keys typed fast stay in order and
        # none reaches a field the focus has already left (see workbench/ui/screens/dialogs.py).
        if (isinstance(event, events.Key) and not event.is_forwarded and isinstance(self.screen, Dialog)
                and self.screen.route_key(event)):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.push_screen(BrowserScreen(self.corpus))
        if self.start_document is not None:
            self.open_document(self.start_document)

    def open_document(self, ref: DocRef) -> ReviewScreen | None:
        """Push the review screen of a document; reports a failure and stays put."""
        try:
            view = open_view(self.corpus, ref, self.author, self.author_from)
        except WorkbenchError as err:
            safe_text.notify(self, str(err), severity="error", timeout=10)
            return None
        self.views.append(view)
        # A long document is a few hundred thousand long-lived objects; leaving them out of the
        # cyclic collector keeps its full passes (felt as stalls of 100 ms and more) short.
        gc.freeze()
        screen = ReviewScreen(view, poll_interval=self.poll_interval, save_interval=self.save_interval)
        self.push_screen(screen, lambda _: self._review_closed(view))
        return screen

    def _review_closed(self, view: DocumentView) -> None:
        if view in self.views:
            self.views.remove(view)
        gc.unfreeze()  # the closed document's objects may be collected again

    def use_author(self, name: str, source: str) -> None:
        """Record this and every open document's next decisions as ``name`` (given in the app)."""
        self.author, self.author_from = name, source
        for view in self.views:
            view.author = name
            view.session.author_from = source

    def on_unmount(self) -> None:
        gc.unfreeze()

    @property
    def review(self) -> ReviewScreen | None:
        """The review screen on top, if any (tests and the benchmark use it)."""
        screen = self.screen
        return screen if isinstance(screen, ReviewScreen) else None

    def save_all(self) -> list[str]:
        """Fold every open document's journal; returns the failures."""
        problems = []
        for view in self.views:
            try:
                view.save()
            except WorkbenchError as err:
                problems.append(str(err))
        return problems

    async def action_quit(self) -> None:
        """Save every open document, then quit (stay if a save fails, saying why)."""
        problems = self.save_all()
        if problems:
            for line in problems:
                safe_text.notify(self, f"not saved: {line} — your decisions are in the journal and safe; "
                                 "press q again after fixing this, or Ctrl+Q to quit anyway", severity="error")
            return
        self.exit(0)

    def action_help(self) -> None:
        """Show every key binding."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.user_keymap))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("theme: change", "Pick another colour theme", self.action_change_theme)
        yield SystemCommand("help: keys", "List every key binding and its id", self.action_help)
        yield SystemCommand("app: quit", "Save every open document and quit", self.action_quit)
        yield SystemCommand("screen: save screenshot", "Save an SVG screenshot of this screen",
                            lambda: self.set_timer(0.1, self.deliver_screenshot))


def make_app(root: str | None = None, *, document: str | None = None, author: str | None = None,
             keymap: dict[str, str] | None = None, poll_interval: float = 1.0,
             save_interval: float = 30.0, ask_name: bool = False) -> WorkbenchApp:
    """Build the app for a project folder (and optionally a document to open at once)."""
    corpus = Corpus.find(root)
    ref = corpus.parse_address(document) if document else None
    return WorkbenchApp(corpus, document=ref, author=author, keymap=keymap, poll_interval=poll_interval,
                        save_interval=save_interval, ask_name=ask_name)
