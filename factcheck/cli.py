"""The `factcheck` command line: check, ingest, docs, remove, demo, setup, ui, eval, verify-pairs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import FactCheckError

DEMO_CLAIMS = Path(__file__).resolve().parent.parent / "evals" / "demo_claims.txt"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except FactCheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="factcheck", description="Offline multilingual fact-checking against your corpus.")
    p.add_argument("--store", help="store folder (default: $FACTCHECK_STORE or the user data dir)")
    p.add_argument("--chroma-url", help="use a Chroma server, e.g. http://127.0.0.1:8000 ($FACTCHECK_CHROMA_URL)")
    p.add_argument("--collection", help="collection name (default: factcheck)")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("check", help="check a claim, or every claim in a text file or standard input")
    c.add_argument("claim", nargs="?", help="the claim; omit it to read --file or standard input")
    c.add_argument("--file", "-f", help="a text file to extract claims from and check ('-' for standard input)")
    c.add_argument("--extract", action="store_true", help="treat the argument as an article: extract its claims")
    c.add_argument("--published", help="the text's publication date (fills in days without a year)")
    c.add_argument("--top-k", type=int, default=None, help="passages to retrieve per claim (default 5)")
    c.add_argument("--doc", action="append", dest="doc_ids", metavar="DOC_ID",
                   help="check against this indexed document only (repeat for several; `factcheck docs` lists ids)")
    c.add_argument("--json", action="store_true", help="print JSON")
    c.set_defaults(handler=_cmd_check)

    i = sub.add_parser("ingest", help="index files and folders (.txt .md .html .pdf .jsonl)")
    i.add_argument("paths", nargs="+")
    i.add_argument("--prune", action="store_true", help="remove stored documents from these folders that are gone")
    i.set_defaults(handler=_cmd_ingest)

    d = sub.add_parser("docs", help="list the indexed documents")
    d.add_argument("--json", action="store_true")
    d.set_defaults(handler=_cmd_docs)

    r = sub.add_parser("remove", help="remove a document from the store")
    r.add_argument("doc_id")
    r.set_defaults(handler=_cmd_remove)

    s = sub.add_parser("setup", help="prepare the models and index the seed corpus")
    s.set_defaults(handler=_cmd_setup)
    m = sub.add_parser("demo", help="check a few claims against the seed corpus")
    m.set_defaults(handler=_cmd_demo)
    u = sub.add_parser("ui", help="start the web UI")
    u.add_argument("--port", type=int, default=8501)
    u.add_argument("--host", default="127.0.0.1")
    u.set_defaults(handler=_cmd_ui)
    _register_optional(sub)
    return p


def _register_optional(sub) -> None:
    import importlib

    for module in ("factcheck.evaluate.cli", "factcheck.train.cli"):
        try:
            importlib.import_module(module).register(sub)
        except ImportError:
            pass


def _checker(args):
    from .checker import FactChecker

    return FactChecker(args.store, chroma_url=args.chroma_url, collection=args.collection)


def _cmd_check(args) -> int:
    from .errors import InputError

    fc = _checker(args)
    if args.claim is not None and not args.extract and not args.file:
        result = fc.check_claim(args.claim, top_k=args.top_k, doc_ids=args.doc_ids)
        print(result.model_dump_json(indent=2) if args.json else format_result(result))
        return 0
    if args.file and args.file != "-":
        path = Path(args.file)
        if not path.is_file():
            raise InputError(f"File not found: {args.file!r}. Pass an existing text file, or '-' for standard input.")
        from .ingest.loaders import decode_bytes

        text = decode_bytes(path.read_bytes(), name=str(path))
    elif args.claim is not None:
        text = args.claim
    else:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("Nothing to check: pass a claim, --file FILE, or pipe text on standard input.")
        text = sys.stdin.read()
    report = fc.check(text, published=args.published, top_k=args.top_k, doc_ids=args.doc_ids)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        for res in report.results:
            print(format_result(res), end="\n\n")
        print(f"{len(report.results)} claims checked; {len(report.not_checkable)} sentences judged not checkable.")
    return 0


def format_result(result) -> str:
    """A claim's verdict as a few readable lines."""
    lines = [f"Claim:      {result.claim.text}", f"Verdict:    {result.verdict.value}  (confidence {result.confidence:.2f})"]
    if result.citations:
        c = result.citations[0]
        lines += [f"Source:     {c.title} [{c.doc_id}]" + (f" <{c.url}>" if c.url else ""),
                  f"Quote:      \"{c.quote}\"", f"Offsets:    {c.start}-{c.end} in the source text "
                  f"(passage {c.passage_start}-{c.passage_end})", f"Passage:    {c.passage}"]
    if result.explanation:
        lines.append(f"Why:        {result.explanation}")
    return "\n".join(lines)


def _cmd_ingest(args) -> int:
    stats = _checker(args).ingest(args.paths, prune=args.prune, progress=sys.stderr.isatty())
    print(f"{stats.documents} documents: {stats.added} added, {stats.updated} updated, {stats.skipped} unchanged, "
          f"{stats.removed} removed; {stats.passages_written} passages written ({stats.passages_embedded} embedded) "
          f"in {stats.seconds:.1f}s")
    return 0


def _cmd_docs(args) -> int:
    docs = _checker(args).documents()
    if args.json:
        print(json.dumps([d.model_dump() for d in docs], ensure_ascii=False, indent=2))
    for d in [] if args.json else docs:
        print(f"{d.doc_id}\t{d.n_passages} passages\t{d.lang or '?'}\t{d.title}")
    return 0


def _cmd_remove(args) -> int:
    _checker(args).remove_document(args.doc_id)
    print(f"removed {args.doc_id}")
    return 0


def seed_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "seeds"


def _cmd_setup(args) -> int:
    _setup(_checker(args))
    return 0


def _setup(fc) -> None:
    stats = fc.ingest([seed_dir()])
    print(f"Seed corpus: {stats.added} added, {stats.skipped} unchanged ({fc.store.count()} passages in the store).")
    fc.warm_up()
    print(f"Models ready: embedder {fc.embedder_name}, verifier {fc.verifier.scorer.name}.")


def _cmd_demo(args) -> int:
    fc = _checker(args)
    _setup(fc)  # one checker for setup and checks: the store opens and the models load once
    claims = [ln.strip() for ln in DEMO_CLAIMS.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for claim in claims:
        print(format_result(fc.check_claim(claim)), end="\n\n")
    return 0


def _cmd_ui(args) -> int:
    import subprocess

    app = Path(__file__).resolve().parent.parent / "ui" / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port),
           "--server.address", args.host, "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--client.toolbarMode", "viewer"]
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
