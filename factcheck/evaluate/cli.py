"""The `factcheck eval` subcommand: run an evaluation, or `factcheck eval compare A B`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
NAMED_SETS = ("seed_dev", "check_covid", "climate_fever", "averitec")

USAGE = """factcheck eval CLAIMS --corpus CORPUS --out DIR [--limit N] [--seed S] [--top-k K] [--closed]
       factcheck eval {seed_dev,check_covid,climate_fever,averitec} --out DIR [--limit N] ...
       factcheck eval compare DIR_A DIR_B"""


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `eval` subcommand to an argparse subparsers object; `args.handler(args)` runs it."""
    p = subparsers.add_parser(
        "eval",
        usage=USAGE,
        help="evaluate the checker on labelled claims, or compare two runs",
        description="Check every labelled claim against a corpus indexed into a store of its own, and write "
        "predictions.jsonl, metrics.json and report.md (with plots) into --out. "
        "`factcheck eval compare DIR_A DIR_B` prints how run B differs from run A.",
    )
    p.add_argument("target", help="a claims .jsonl file, a dataset name (" + ", ".join(NAMED_SETS) + "), or 'compare'")
    p.add_argument("dirs", nargs="*", help=argparse.SUPPRESS)
    p.add_argument("--corpus", help="a folder of documents or a .jsonl corpus (named datasets bring their own)")
    p.add_argument("--out", help="folder to write predictions.jsonl, metrics.json, report.md and plots into")
    p.add_argument("--limit", type=int, help="check only N claims, drawn at random with --seed")
    p.add_argument("--seed", type=int, default=0, help="random seed for --limit (default 0)")
    p.add_argument("--top-k", type=int, default=5, help="passages retrieved per claim (default 5)")
    p.add_argument("--closed", action="store_true",
                   help="check each claim against the documents its dataset pairs it with (meta.doc_ids or "
                        "meta.doc_id) only, not the whole corpus: Check-COVID's own task (a claim and its abstract); "
                        "Climate-FEVER's evidence articles; AVeriTeC's answer sources")
    p.add_argument("--embedder", help="embedder name (default: $FACTCHECK_EMBEDDER or the checker's default)")
    p.add_argument("--verifier", help="verifier name (default: $FACTCHECK_VERIFIER or the checker's default)")
    p.add_argument("--datasets", help="folder holding the public datasets (default $FACTCHECK_DATASETS or ../shared/datasets)")
    p.add_argument("--stores", help="folder for eval stores (default <user cache>/factcheck/eval-stores)")
    p.add_argument("--reindex", action="store_true", help="delete and rebuild this corpus's eval store (after a chunking change)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(handler=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Handle `factcheck eval ...`; returns the exit status. FactCheckErrors propagate to the caller."""
    from factcheck.errors import InputError

    if args.target == "compare":
        if len(args.dirs) != 2:
            raise InputError(f"`factcheck eval compare` needs two run folders, got {len(args.dirs)}: {args.dirs}.")
        from .compare import compare_runs

        print(compare_runs(*args.dirs))
        return 0
    if args.dirs:
        raise InputError(f"Unexpected arguments {args.dirs}; usage: {USAGE}")
    if not args.out:
        raise InputError("`factcheck eval` needs --out DIR, the folder to write the results into.")
    claims_path, corpus_path, name = resolve_inputs(args.target, args.corpus, args.datasets)
    metrics = evaluate(claims_path, corpus_path, args, name=name)
    _print_summary(metrics, Path(args.out))
    return 0


def resolve_inputs(target: str, corpus: str | None, datasets: str | None) -> tuple[Path, Path, str]:
    """(claims path, corpus path, run name) for a claims file or a named dataset."""
    from factcheck.errors import InputError

    path = Path(target)
    if path.is_file():
        if not corpus:
            raise InputError(f"--corpus is required with a claims file ({target!r}); pass a folder or a .jsonl corpus.")
        return path, Path(corpus), path.stem
    if target == "seed_dev":
        return REPO_ROOT / "evals" / "seed_dev.jsonl", Path(corpus) if corpus else REPO_ROOT / "seeds", target
    if target in NAMED_SETS:
        claims, built_corpus = _build_dataset(target, datasets)
        return claims, Path(corpus) if corpus else built_corpus, target
    raise InputError(f"{target!r} is neither a claims file nor a dataset name; use a .jsonl path or one of {', '.join(NAMED_SETS)}.")


def _build_dataset(name: str, datasets: str | None) -> tuple[Path, Path]:
    """Run the dataset's adapter (from evals/ in the repository) into factcheck's cache folder."""
    from factcheck.e5base import cache_root
    from factcheck.errors import InputError

    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from evals.adapters import build
    except ImportError:
        raise InputError(f"Dataset adapters (evals/adapters) not found under {str(REPO_ROOT)!r}; run from a checkout of the repository.") from None
    try:
        return build(name, cache_root() / "eval-data" / name, datasets)
    except FileNotFoundError as exc:
        raise InputError(str(exc)) from None


def evaluate(claims_path: Path, corpus_path: Path, args: argparse.Namespace, *, name: str) -> dict:
    """Load, index (or reuse) and run; returns the metrics."""
    from factcheck import FactChecker
    from factcheck.embed.factory import get_embedder
    from factcheck.settings import Settings

    from .data import load_claims, read_corpus, sample_claims
    from .runner import default_stores_root, index_name, open_indexed_checker, run_eval

    all_claims = load_claims(claims_path)
    claims = sample_claims(all_claims, args.limit, args.seed)
    docs = read_corpus(corpus_path)
    # Never a Chroma server from $FACTCHECK_CHROMA_URL: an eval indexes into a local store of its own.
    settings = Settings.from_env().model_copy(update={"chroma_url": None})
    embedder = get_embedder(args.embedder or settings.embedder)
    checker, store_info = open_indexed_checker(
        docs,
        factory=lambda store: FactChecker(store, collection="eval", embedder=embedder, verifier=args.verifier, settings=settings),
        embedder_name=index_name(embedder.name, settings),
        stores_root=Path(args.stores) if args.stores else default_stores_root(),
        progress=not args.no_progress,
        reindex=args.reindex,
    )
    info = {
        "name": name,
        "verifier_loaded": describe_verifier(checker),
        "claims_file": str(claims_path),
        "corpus": str(corpus_path),
        "claims_total": len(all_claims),
        "limit": args.limit,
        "seed": args.seed,
        "embedder": embedder.name,
        "verifier": args.verifier or settings.verifier,
        **store_info,
    }
    return run_eval(claims, docs, checker=checker, out_dir=args.out, top_k=args.top_k, progress=not args.no_progress,
                    run_info=info, closed=getattr(args, "closed", False))


def describe_verifier(checker) -> str | None:
    """What verdict model a FactChecker actually loaded (its "auto" setting may fall back); loads it now."""
    verifier = getattr(checker, "verifier", None)
    scorer = getattr(verifier, "scorer", verifier)
    if scorer is None:
        return None
    name = getattr(scorer, "name", None)
    return f"{type(scorer).__name__} ({name})" if name else type(scorer).__name__


def _print_summary(m: dict, out: Path) -> None:
    from .report import fmt

    print(
        f"{m['n_claims']} claims: accuracy {fmt(m['accuracy'])}, macro-F1 {fmt(m['macro_f1'])}, "
        f"citation accuracy {fmt(m['citation_accuracy'])}, p50 {fmt(m['latency_ms']['p50'], 0)} ms, "
        f"{fmt(m['claims_per_second'], 2)} claims/s -> {out / 'report.md'}"
    )
    if ceiling := m.get("ceiling"):
        f1 = f", macro-F1 {fmt(ceiling['macro_f1'])}" if ceiling.get("macro_f1") is not None else ""
        print(f"  {ceiling['groups']} claim texts carry more than one gold label; one answer per text caps accuracy at "
              f"{fmt(ceiling['accuracy'])}{f1} (see report.md)")
