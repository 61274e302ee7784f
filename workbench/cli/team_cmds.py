"""Team commands: working on one project from several clones through git (``git-setup``,
``merge-driver``, ``conflicts``, ``resolve``), the integrity record (``reseal``), and who the editor is
(``config``). docs/collaboration.md describes the set-up."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.core.errors import InputError
from workbench.core.safe_values import escape_controls
from workbench.storage.alignment_codec import reseal_text
from workbench.storage.atomic import atomic_write_text
from workbench.storage.textfile import read_text

RAW = argparse.RawDescriptionHelpFormatter


def _corpus(args: argparse.Namespace) -> Any:
    from workbench.storage.corpus import Corpus

    return Corpus.find(getattr(args, "root", None))


def cmd_reseal(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    for name in args.paths:
        path = corpus.inside(name)
        label = corpus.label(path)
        if path.suffix != ".yaml" or not path.is_file():
            raise InputError(f"{label}: reseal takes alignment files (alignments/COLLECTION/DOC.yaml)")
        with _lock(path):
            text = read_text(path, label=label)
            new = reseal_text(text, label)  # everything but the record is checked: a bad file stays refused
            if new != text:
                atomic_write_text(path, new, label)
                print(f"{label}: integrity record written")
            else:
                print(f"{label}: already sealed", file=sys.stderr)
    return 0


def cmd_merge_driver(args: argparse.Namespace) -> int:
    from workbench.storage.git_team import run_merge_driver

    result = run_merge_driver(Path(args.base), Path(args.ours), Path(args.theirs), args.name)
    for line in result.messages:
        print(f"workbench: {line}", file=sys.stderr)
    return result.code


def cmd_git_setup(args: argparse.Namespace) -> int:
    from workbench.storage.git_team import git_setup

    corpus = _corpus(args)
    changed = git_setup(corpus.root)
    for line in changed:
        print(line)
    if not changed:
        print("the merge driver is already set up", file=sys.stderr)
    return 0


def _open(args: argparse.Namespace) -> Any:
    corpus = _corpus(args)
    ref = corpus.parse_address(args.document)
    return corpus, ref


def cmd_conflicts(args: argparse.Namespace) -> int:
    corpus, ref = _open(args)
    state = corpus.open_state(ref)
    shown = state.conflicts if args.all else state.open_conflicts
    if args.json:
        from workbench.storage.alignment_codec import conflict_to_dict

        print(json.dumps({"document": str(ref), "conflicts": [
            conflict_to_dict(c) | {"resolved": c.id in state.resolved_conflict_ids} for c in shown]},
            ensure_ascii=False, indent=2))
        return 0
    if not shown:
        print(f"{ref}: no {'' if args.all else 'open '}conflicts")
        return 0
    by_id = {d.id: d for d in state.decisions}
    for c in shown:
        done = " (resolved)" if c.id in state.resolved_conflict_ids else ""
        print(escape_controls(f"{c.id}{done}  links {', '.join(c.links)}: {c.message}"))
        for d in (by_id[i] for i in c.kept if i in by_id):
            print(escape_controls(f"  in force  {_line(d)}"))
        for d in c.set_aside:
            print(escape_controls(f"  set aside {_line(d)}"))
    return 0


def _line(d: Any) -> str:
    change = f": {d.before!r} → {d.after!r}" if d.before is not None or d.after is not None else ""
    return f"{d.id} {d.time} {d.author}  {d.action} {d.target}{change}"


def cmd_resolve(args: argparse.Namespace) -> int:
    from workbench.core.merge import resolve
    from workbench.storage.alignment_store import Session
    from workbench.storage.config import author_and_source

    corpus, ref = _open(args)
    session = Session(corpus.alignment_file(ref))
    author, session.author_from = author_and_source(args.author)
    decisions = resolve(session.state, args.conflict, "set-aside" if args.take_set_aside else "kept", author,
                        note=args.note)
    session.record(decisions)
    for d in decisions:
        print(d.id, flush=True)
    session.save()
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    from workbench.storage.config import USER_KEYS, author_and_source, config_path, read_user_config, write_user_setting

    if args.list or args.key is None:
        settings = read_user_config()
        for key in USER_KEYS:
            print(escape_controls(f"{key}={settings.get(key, '')}"))
        name, source = author_and_source()
        print(escape_controls(f"# your decisions are recorded as {name!r} (from {source}); file: {config_path()}"),
              file=sys.stderr)
        return 0
    if args.key not in USER_KEYS:
        raise InputError(f"unknown setting {args.key!r}; known: {', '.join(USER_KEYS)}")
    if args.unset:
        print(write_user_setting(args.key, None))
        return 0
    if args.value is None:
        value = read_user_config().get(args.key)
        if value is None:
            return 1
        print(escape_controls(value))
        return 0
    print(write_user_setting(args.key, args.value))
    return 0


def cmd_blame(args: argparse.Namespace) -> int:
    from workbench.core.models import touched_ids
    from workbench.storage.git_team import decision_commits

    corpus, ref = _open(args)
    state = corpus.open_state(ref)
    commits = decision_commits(corpus.alignment_file(ref).path)
    last: dict[str, Any] = {}
    for d in state.live_decisions:
        if d.action.is_record:
            continue
        for item in touched_ids(d):
            last[item] = d
    rows = []
    for link in state.links:
        d = last.get(link.id)
        info = commits.get(d.id) if d is not None else None
        rows.append({"link": link.id, "status": link.status.value, "decision": d.id if d else None,
                     "author": d.author if d else None, "time": d.time if d else None,
                     "commit": info.commit if info else None})
    if args.json:
        print(json.dumps({"document": str(ref), "links": rows}, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        if row["decision"] is None:
            print(f"{row['link']:<6} {row['status']:<10} (the aligner; no decision)")
            continue
        commit = (row["commit"] or "-")[:10]
        print(escape_controls(f"{row['link']:<6} {row['status']:<10} {commit:<10} {row['time']}  {row['author']}  "
                              f"{row['decision']}"))
    return 0


def qa_blockers(corpus: Any, ref: Any, state: Any) -> list[str]:
    """One line for the document's open QA errors (docs/qa.md: errors no waiver covers), which block its
    approval: the count and the first few, each with its link or field and check."""
    from workbench.storage.qa_runs import open_qa_errors

    errors = open_qa_errors(corpus, ref, state)
    if not errors:
        return []
    shown = "; ".join(f"{e.target or 'document'} {e.check}: {e.message}" for e in errors[:3])
    return [f"{len(errors)} QA error(s) open ({shown}{' …' if len(errors) > 3 else ''}); fix or waive them"]


def _session(corpus: Any, ref: Any, author_option: str | None) -> tuple[Any, str]:
    from workbench.storage.alignment_store import Session
    from workbench.storage.config import author_and_source

    session = Session(corpus.alignment_file(ref))
    author, session.author_from = author_and_source(author_option)
    return session, author


def _record(session: Any, decision: Any) -> int:
    session.record(decision)
    print(decision.id, flush=True)  # durable from here on
    session.save()
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from workbench.core.review import set_state
    from workbench.storage.project_settings import read_roles
    from workbench.storage.variant_counts import unresolved_variants

    corpus, ref = _open(args)
    session, author = _session(corpus, ref, args.author)
    state = session.state
    approving = args.state == "approved"  # what blocks approval is only worked out when it matters
    variants = unresolved_variants(corpus, ref, corpus.read_meta(ref), state) if approving else 0
    decision = set_state(state, args.state, author, roles=read_roles(corpus.root), variants_unresolved=variants,
                         more_blockers=qa_blockers(corpus, ref, state) if approving else (), note=args.note)
    return _record(session, decision)


def cmd_comments(args: argparse.Namespace) -> int:
    from workbench.core.review import threads

    corpus, ref = _open(args)
    state = corpus.open_state(ref)
    shown = [t for t in threads(state, args.target) if args.all or not t.resolved]
    if args.json:
        print(json.dumps({"document": str(ref), "threads": [
            {"id": t.first.id, "target": t.first.target, "resolved": t.resolved,
             "comments": [{"id": d.id, "author": d.author, "time": d.time, "text": d.note}
                          for d in (t.first, *t.replies)]} for t in shown]}, ensure_ascii=False, indent=2))
        return 0
    if not shown:
        print(f"{ref}: no {'' if args.all else 'open '}comments")
        return 0
    for t in shown:
        print(escape_controls(f"{t.first.target}  {t.first.id}{' (resolved)' if t.resolved else ''}"))
        for d in (t.first, *t.replies):
            text = (d.note or "").replace("\n", " ⏎ ")
            print(escape_controls(f"  {d.id} {d.time} {d.author}: {text}"))
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from workbench.core.review import reply

    corpus, ref = _open(args)
    session, author = _session(corpus, ref, args.author)
    return _record(session, reply(session.state, args.comment, args.text, author))


def cmd_resolve_comment(args: argparse.Namespace) -> int:
    from workbench.core.review import resolve_comment

    corpus, ref = _open(args)
    session, author = _session(corpus, ref, args.author)
    return _record(session, resolve_comment(session.state, args.comment, author, note=args.note))


def cmd_serve(args: argparse.Namespace) -> int:
    from workbench.ui.serve import serve

    corpus = _corpus(args)
    serve(corpus.root, host=args.host, port=args.port, author=args.author)
    return 0


def _lock(path: Path) -> Any:
    from workbench.storage.atomic import file_lock

    return file_lock(path)


def register(sub: Any) -> None:
    """Add the team commands to the CLI."""
    p = sub.add_parser("reseal", help="write a new integrity record into alignment files changed by hand",
                       formatter_class=RAW, description="An alignment file ends with an integrity record (counts "
                       "and a sha256 digest) that every reader checks, so a file cut short or missing a block is "
                       "refused. After changing a file by hand on purpose, reseal it: everything else in it is "
                       "still checked.\n\nexample:\n  workbench reseal alignments/udhr/udhr.yaml")
    p.add_argument("paths", nargs="+", metavar="FILE", help="alignment files")
    p.set_defaults(handler=cmd_reseal)

    p = sub.add_parser("git-setup", help="register the merge driver for alignment files in this git repository",
                       formatter_class=RAW, description="Write the repository's .gitattributes (alignment files "
                       "merge with the workbench's driver; commit it) and the merge.workbench entry of .git/config "
                       "(each clone runs this once). Running it again changes nothing.\n\nexample:\n  workbench "
                       "git-setup && git add .gitattributes && git commit -m 'workbench merge driver'")
    p.set_defaults(handler=cmd_git_setup)

    p = sub.add_parser("merge-driver", help="git's merge driver for alignment files (git runs it)",
                       formatter_class=RAW, description="Merge two editors' versions of one alignment file: the "
                       "union of their decisions, replayed in time order on the common base. Decisions that clash "
                       "are kept as conflict records with both sides ('workbench conflicts'). Exit 0: merged; 1: "
                       "left to merge by hand.\n\nexample (.git/config, written by git-setup):\n  driver = "
                       "workbench merge-driver %O %A %B %P")
    p.add_argument("base", metavar="BASE", help="the common ancestor's version (%%O)")
    p.add_argument("ours", metavar="OURS", help="our version; the result is written here (%%A)")
    p.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    p.add_argument("name", metavar="PATH", nargs="?", default="alignment file", help="the file's path (%%P)")
    p.set_defaults(handler=cmd_merge_driver)

    p = sub.add_parser("conflicts", help="the merge conflicts of a document, with both sides",
                       formatter_class=RAW, description="List a document's open conflicts: the decisions in "
                       "force and the ones a merge set aside. Resolve each with 'workbench resolve'.\n\nexample:"
                       "\n  workbench conflicts udhr/udhr\n  workbench conflicts udhr/udhr --all --json")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p.add_argument("--json", action="store_true", help='print {"document", "conflicts": [...]}')
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", help="resolve a merge conflict with a decision",
                       formatter_class=RAW, description="Resolve a conflict: keep the decisions in force (the "
                       "default), or take the set-aside side (its status or English is applied anew).\n\n"
                       "example:\n  workbench resolve udhr/udhr C-1a2b3c4d5e\n  workbench resolve udhr/udhr "
                       "C-1a2b3c4d5e --take-set-aside")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("conflict", metavar="CONFLICT", help="conflict id (C-…)")
    p.add_argument("--take-set-aside", action="store_true", help="apply the set-aside side instead")
    p.add_argument("--note", help="why, kept with the decision")
    p.add_argument("--author", help="who decides (default: --author, config user.name, git user.name)")
    p.set_defaults(handler=cmd_resolve)

    p = sub.add_parser("config", help="your own settings (user.name, user.initials), kept outside the project",
                       formatter_class=RAW, description="Read or set your settings. They live in "
                       "$WORKBENCH_CONFIG_DIR/config.yaml, else ~/.config/workbench/config.yaml, never in the "
                       "project. The author of your decisions comes from --author, then $WORKBENCH_AUTHOR, then "
                       "user.name here, then git's user.name.\n\nexample:\n  workbench config user.name 'Anna "
                       "Petrova'\n  workbench config user.initials AP\n  workbench config --list")
    p.add_argument("key", metavar="KEY", nargs="?", help="user.name or user.initials")
    p.add_argument("value", metavar="VALUE", nargs="?", help="the new value (without it: print the value)")
    p.add_argument("--unset", action="store_true", help="remove the setting")
    p.add_argument("--list", action="store_true", help="print every setting and who your decisions are by")
    p.set_defaults(handler=cmd_config)

    p = sub.add_parser("blame", help="for each link, who last decided it and in which git commit",
                       formatter_class=RAW, description="List every link of a document with its status, the last "
                       "decision in force that changed it (author, time, id) and the git commit that brought that "
                       "decision in ('-' while not committed).\n\nexample:\n  workbench blame udhr/udhr")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--json", action="store_true", help='print {"document", "links": [{"link", "status", '
                   '"decision", "author", "time", "commit"}]}')
    p.set_defaults(handler=cmd_blame)

    p = sub.add_parser("review", help="move a document to reviewed, approved, or back to in progress",
                       formatter_class=RAW, description="Record a step of the review workflow: in-progress → "
                       "reviewed → approved (or back to in-progress). Approval is refused while links are neither "
                       "confirmed nor rejected, variants are unresolved or merge conflicts open; the refusal lists "
                       "them. With roles in workbench.yaml, reviewed and approved are a reviewer's steps.\n\n"
                       "example:\n  workbench review udhr/udhr reviewed\n  workbench review udhr/udhr approved "
                       "--note 'checked against the 1996 print'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("state", metavar="STATE", choices=["in-progress", "reviewed", "approved"],
                   help="in-progress | reviewed | approved")
    p.add_argument("--note", help="a remark kept with the decision")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, config user.name, git user.name)")
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("comments", help="a document's comment threads",
                       formatter_class=RAW, description="List comment threads (a comment and its replies), the "
                       "open ones unless --all.\n\nexample:\n  workbench comments udhr/udhr\n  workbench "
                       "comments udhr/udhr --target L3 --all --json")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("--target", help="only the threads on this link or variant")
    p.add_argument("--all", action="store_true", help="resolved threads too")
    p.add_argument("--json", action="store_true", help='print {"document", "threads": [...]}')
    p.set_defaults(handler=cmd_comments)

    p = sub.add_parser("reply", help="answer a comment",
                       formatter_class=RAW, description="Record a comment that answers another, in its thread."
                       "\n\nexample:\n  workbench reply udhr/udhr D-1a2b3c4d5e --text 'Agreed; fixed.'")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("comment", metavar="COMMENT", help="the id of the comment answered")
    p.add_argument("--text", required=True, help="the reply")
    p.add_argument("--author", help="who writes (default: $WORKBENCH_AUTHOR, config user.name, git user.name)")
    p.set_defaults(handler=cmd_reply)

    p = sub.add_parser("resolve-comment", help="mark a comment thread resolved",
                       formatter_class=RAW, description="Close the thread a comment belongs to.\n\nexample:\n"
                       "  workbench resolve-comment udhr/udhr D-1a2b3c4d5e")
    p.add_argument("document", metavar="DOC", help="COLLECTION/DOC")
    p.add_argument("comment", metavar="COMMENT", help="any comment of the thread")
    p.add_argument("--note", help="a remark kept with the decision")
    p.add_argument("--author", help="who decides (default: $WORKBENCH_AUTHOR, config user.name, git user.name)")
    p.set_defaults(handler=cmd_resolve_comment)

    p = sub.add_parser("serve", help="run the review app in a web browser (textual-serve)",
                       formatter_class=RAW, description="Serve the review app over HTTP: each browser tab runs "
                       "its own app on this project. Listens on 127.0.0.1 unless --host says otherwise; reach it "
                       "from another machine through SSH port forwarding (docs/collaboration.md). Needs the "
                       "'serve' extra (textual-serve).\n\nexample:\n  workbench serve --port 8000\n  ssh -L "
                       "8000:127.0.0.1:8000 editor@server   # then open http://127.0.0.1:8000")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--author", help="the author of every decision made through this server (default: as 'open')")
    p.set_defaults(handler=cmd_serve)
