"""How often the verdict model reads a sentence against its own translation as entailment:
`python -m factcheck.train.translation_check [WEIGHTS ...]`.

The checker's main case is a claim in one language against evidence in another, and a claim that is an exact
translation of a source sentence should read as supported. This scores the aligned English/Vietnamese sentences of
IWSLT'15 (TED talks) and Tatoeba in `datasets/nli/` (never trained on; the dev set's "parallel" part draws on the
same sets, the training mix never does), both directions, sentences of four or more English words, and reports the
share read as entailment / neutral / contradiction (argmax of the model's probabilities, before calibration).
A measurement, not a selection group: it is reported beside the validation numbers. `--names` measures the
verifier's rewriting of names across scripts instead (`name_rows`), `--han-names` its rewriting of Chinese names
(`han_rows`).
"""

from __future__ import annotations

import argparse
import html
import json
from pathlib import Path

MIN_WORDS = 4


def translation_rows(root: Path) -> list[tuple[str, str]]:
    """(premise, its translation) pairs, both directions, from the aligned sets under `root/nli`."""
    from factcheck.train.data import ALIGNED_SETS, read_aligned

    rows = []
    for name in ALIGNED_SETS:
        for r in read_aligned(root, name):
            en, vi = html.unescape(r["en"]).strip(), html.unescape(r["vi"]).strip()
            if len(en.split()) >= MIN_WORDS and vi:
                rows += [(vi, en), (en, vi)]
    return rows


def check(model, rows: list[tuple[str, str]]) -> dict:
    """{n, entailment, neutral, contradiction (shares), mean_p_entailment} of the model's argmax over `rows`."""
    import numpy as np

    probs = np.asarray(model.predict(rows))
    counts = np.bincount(probs.argmax(axis=1), minlength=3)
    n = len(rows)
    return {"n": n, **{label: round(float(c) / n, 4) for label, c in
                       zip(("entailment", "neutral", "contradiction"), counts)},
            "mean_p_entailment": round(float(probs[:, 0].mean()), 4)}


def name_rows(root: Path) -> list[tuple[str, str, str]]:
    """(quote, claim, claim as the model reads it) for XNLI validation-index sentences against their own
    translation between Russian and English or Vietnamese (both ways, premises and hypotheses), where
    `factcheck.verify.names.localise_names` rewrites the claim (countries localised first, as the verifier does)."""
    from factcheck.verify.names import localise_names

    return _rewritten_rows(root, (("ru", "en"), ("en", "ru"), ("ru", "vi"), ("vi", "ru")),
                           lambda claim, claim_lang, quote, quote_lang: localise_names(claim, quote))


def han_rows(root: Path) -> list[tuple[str, str, str]]:
    """(quote, claim, claim as the model reads it) for XNLI validation-index sentences against their own
    translation between Chinese, English, Vietnamese and Russian (every direction with Chinese or Vietnamese on one
    side, premises and hypotheses), where `factcheck.verify.han_names.localise_han_names` rewrites the claim
    (countries localised first)."""
    from factcheck.verify.han_names import localise_han_names

    langs = ("zh", "en", "vi", "ru")
    directions = [(a, b) for a in langs for b in langs if a != b and ("zh" in (a, b) or "vi" in (a, b))]
    return _rewritten_rows(root, directions, localise_han_names)


def _rewritten_rows(root: Path, directions, rewrite) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(quote, claim with countries localised, the same after `rewrite(claim, claim_lang, quote, quote_lang)`) for
    XNLI validation-index sentences (quote in language a, claim in b, for each (a, b) of `directions`), where the
    rewrite changes the claim."""
    from factcheck.train.data import held_out, read_nli, xnli_by_index
    from factcheck.train.mix import VAL_PERCENT
    from factcheck.verify.names import localise_countries

    groups = xnli_by_index(read_nli(root, "xnli"))
    rows, seen = [], set()
    for i in sorted(i for i in groups if held_out(f"xnli-{i}", VAL_PERCENT["xnli"])):
        for field in ("premise", "hypothesis"):
            for a, b in directions:
                if a not in groups[i] or b not in groups[i]:
                    continue
                quote, claim = groups[i][a][field], groups[i][b][field]
                if (quote, claim) in seen:
                    continue
                seen.add((quote, claim))
                before = localise_countries(claim, b, quote, a)
                after = rewrite(before, b, quote, a)
                if after != before:
                    rows.append((quote, before, after))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.translation_check", description=__doc__)
    ap.add_argument("weights", nargs="*", help="shipped-format folders or .safetensors files (default: the shipped)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N pairs (tests)")
    ap.add_argument("--names", action="store_true",
                    help="instead: XNLI validation sentences against their Russian/English/Vietnamese translation "
                         "where names are rewritten across scripts (verify.names.localise_names), before and after")
    ap.add_argument("--han-names", action="store_true",
                    help="instead: XNLI validation sentences against their translation where Chinese names are "
                         "written the quote's way (verify.han_names.localise_han_names), before and after")
    args = ap.parse_args(argv)
    from factcheck.train.data import datasets_root
    from factcheck.verify.nli import load_nli_model

    if args.names or args.han_names:
        named = (han_rows if args.han_names else name_rows)(datasets_root())[:args.limit or None]
        print(json.dumps({"rewritten_pairs": len(named), "examples": [r[1:] for r in named[:5]]}, ensure_ascii=False))
        for w in args.weights or [None]:
            model = load_nli_model(w)
            for when, k in (("before", 1), ("after", 2)):
                result = check(model, [(r[0], r[k]) for r in named])
                print(json.dumps({"weights": w or "shipped", "names": when, **result}))
        return 0
    rows = translation_rows(datasets_root())[:args.limit or None]
    for w in args.weights or [None]:
        result = check(load_nli_model(w), rows)
        print(json.dumps({"weights": w or "shipped", **result}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
