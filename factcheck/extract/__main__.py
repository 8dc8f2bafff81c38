"""`python -m factcheck.extract FILE` prints the claims of a text, their scores and spans, and the time taken."""

from __future__ import annotations

import argparse
import sys
import time

from factcheck.extract import DEFAULT_THRESHOLD, extract_claims


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.extract", description=__doc__)
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--lang", default=None, help="vi, en, ru or zh (detected when left out)")
    parser.add_argument("--published", default=None, help="publication date, ISO (e.g. 2025-01-01)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--json", action="store_true", help="print the ExtractionResult as JSON")
    parser.add_argument("--repeat", type=int, default=1, help="run N times and report the mean time")
    args = parser.parse_args(argv)
    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    kwargs = dict(lang=args.lang, published=args.published, threshold=args.threshold)
    extract_claims(text, **kwargs)  # warm-up: loads the country gazetteer once
    start = time.perf_counter()
    for _ in range(max(1, args.repeat)):
        result = extract_claims(text, **kwargs)
    elapsed_ms = (time.perf_counter() - start) * 1000 / max(1, args.repeat)
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    for i, c in enumerate(result.claims, start=1):
        spans = ", ".join(f"{s.start}-{s.end}" for s in c.spans)
        print(f"{i:>3}. [{c.checkworthiness:.2f}] {c.text}\n       spans {spans}; {c.reason}; {len(c.figures)} figures")
    print(f"\nNot checkable ({len(result.rejected)}):")
    for c in result.rejected:
        print(f"     [{c.checkworthiness:.2f}] {c.text}\n       {c.reason}")
    print(f"\n{len(result.claims)} claims kept, {len(result.rejected)} rejected, {len(result.sentences)} sentences; "
          f"{elapsed_ms:.1f} ms per extraction (after warm-up)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
