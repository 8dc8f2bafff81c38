"""python -m factcheck.evaluate ...: the same as `factcheck eval ...`, usable without the main CLI."""

from __future__ import annotations

import argparse
import sys

from .cli import register


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m factcheck.evaluate")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(["eval", *(sys.argv[1:] if argv is None else argv)])
    from factcheck.errors import FactCheckError

    try:
        return args.handler(args)
    except FactCheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
