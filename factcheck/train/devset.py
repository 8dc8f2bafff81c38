"""A pipeline development set from validation data: `python -m factcheck.train.devset --out DIR`.

Writes `claims.jsonl` and `corpus.jsonl` for `factcheck eval`, in five parts (each claim's `meta.part`):
- `covid`: the Check-COVID TRAIN claims whose pairs the verdict model's validation split holds out (never trained
  on), checked against all Check-COVID abstracts (English, biomedical);
- `xnli`: hypotheses of the XNLI pairs the validation split holds out (in every language), in English, Vietnamese,
  Russian or Chinese, checked against those pairs' premises, each premise in one of the four languages drawn
  independently (so most claims meet their evidence in another language) and grouped four to a document,
  balanced over the three labels.
- `parallel`: English and Vietnamese sentences of two aligned translation sets (IWSLT'15 TED talks, Tatoeba; never
  trained on) checked against the other language's side, grouped into documents of consecutive sentences: the
  checker's main case, a claim in one language against an article in another. SUPPORTED claims are the
  translation of a sentence in the corpus; REFUTED ones the same with one number or one country changed;
  NOT_ENOUGH_INFO ones the translation of a sentence taken out of its document (its neighbours, on the same topic,
  stay in the corpus). SUPPORTED and NOT_ENOUGH_INFO claims are drawn first from sentences with a digit or a
  country, as REFUTED ones must be (`figure_balance`, since session 17).
- `vitaminc`: claims of the VitaminC pairs the validation split holds out (English, Wikipedia, most of them about
  a figure or a date), one pair per claim group, against that pair's evidence sentence, grouped four to a document
  with sentences on other topics: NOT_ENOUGH_INFO claims meet a sentence on their own topic that does not decide
  them ("under 23.5 million sales" against "more than 23 million"), the figure-reading case.
- `vnpara` (session 14): Vietnamese news sentences checked by their paraphrase (vnPara, never trained on; its
  sentence pairs come from one article side by side), against a corpus of the pairs' first sentences six to a
  document: SUPPORTED claims have their paraphrase in the corpus, REFUTED ones a number both write changed,
  NOT_ENOUGH_INFO ones their paraphrase taken out (its neighbours, on the same topic, stay). The article's
  language, a claim that rewords its source, and on-topic sentences that do not decide it: the checker's case.
  Since session 17 (`figure_balance`) every claim of the part carries a number both sentences write, as REFUTED
  ones must: before, REFUTED claims took those pairs first and a figure marked a claim as REFUTED.
- `vihallu` (only with `--parts`, not in the claims the shipped claim rule was fitted on): Vietnamese LLM answers
  of ViHallu rows held out of training, against every held-out context passage (noisy labels).
- `vnswap` (session 19; only with `--parts`, and only on its own: it lays out the same vnPara sentences as
  `vnpara`): vnpara's layout with names instead of numbers. Every claim is a paraphrase that writes a name its
  source sentence writes (a run of capitalised words, not the first); REFUTED claims have that name swapped for
  another name of as many words that follows the same word elsewhere in the set, a word that says what kind of
  name it is ("tỉnh Nghệ An" -> "tỉnh Hà Tĩnh", "anh Minh" -> "anh Tuấn", "tại London" -> "tại Paris"). The case
  where the verdict model is weakest: a Vietnamese claim restating its Vietnamese source with a city, a company or
  a person changed.
Use it to choose pipeline settings (claim-level thresholds, aggregation); the eval sets stay for measuring only.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from pathlib import Path

LABELS = {0: "SUPPORTED", 1: "NOT_ENOUGH_INFO", 2: "REFUTED"}


XNLI_PER_LABEL = 50
PREMISES_PER_DOC = 4
PARALLEL_PER_LABEL = 50
SENTENCES_PER_DOC = 6
VITAMINC_PER_LABEL = 50
PARTS = ("covid", "xnli", "parallel", "vitaminc", "vnpara")
# Parts built only when asked for (`--parts`): not in the dev claims the shipped claim rule was fitted on.
OPTIONAL_PARTS = ("vihallu", "vnswap")
VIHALLU_PER_LABEL = 50
VNPARA_PER_LABEL = 50


def build(out: Path, seed: int = 13, parts: tuple[str, ...] = PARTS, per_label: int | None = None,
          doc_sentences: int | None = None, figure_balance: bool = True) -> tuple[int, int]:
    """Write the dev set's claims and corpus into `out`; return (claims, documents).

    `per_label` sets the claims per label of the xnli, parallel, vitaminc and vnpara parts (default:
    XNLI_PER_LABEL, PARALLEL_PER_LABEL, VITAMINC_PER_LABEL, VNPARA_PER_LABEL); covid takes every held-out claim,
    vihallu VIHALLU_PER_LABEL. `doc_sentences` sets the sentences to a document of the parallel and vnpara parts
    (default SENTENCES_PER_DOC; an article's length, e.g. 40, puts each claim among many sentences on its topic).
    With `figure_balance` (the default since session 17) their SUPPORTED and NOT_ENOUGH_INFO claims are drawn
    first, in equal numbers, from the sentences a REFUTED claim could have been made of (a figure to change, or a
    country for the parallel part), so that carrying a figure does not mark a claim as REFUTED; without it REFUTED
    claims take those sentences first and the others get few (the layout of sessions 5-16)."""
    unknown = set(parts) - set(PARTS) - set(OPTIONAL_PARTS)
    if unknown:
        raise ValueError(f"unknown dev-set parts {sorted(unknown)}; known: {', '.join(PARTS + OPTIONAL_PARTS)}")
    if "vnswap" in parts and "vnpara" in parts:
        raise ValueError("the vnswap part lays out the same sentences as vnpara: build it on its own (--parts vnswap)")
    from factcheck.train.data import datasets_root
    from factcheck.train.mix import build_splits

    root = datasets_root()
    val = build_splits(root, seed=seed)[1] if set(parts) - {"parallel", "vihallu", "vnpara"} else []  # those need none
    claims, docs = [], []
    if "covid" in parts:
        c, d = _covid_part(root, val)
        claims, docs = claims + c, docs + d
    if "xnli" in parts:
        c, d = _xnli_part(root, val, per_label or XNLI_PER_LABEL)
        claims, docs = claims + c, docs + d
    if "parallel" in parts:
        c, d = _parallel_part(root, per_label or PARALLEL_PER_LABEL, doc_sentences or SENTENCES_PER_DOC, figure_balance)
        claims, docs = claims + c, docs + d
    if "vitaminc" in parts:
        c, d = _vitaminc_part(val, per_label or VITAMINC_PER_LABEL)
        claims, docs = claims + c, docs + d
    if "vihallu" in parts:
        c, d = _vihallu_part(root)
        claims, docs = claims + c, docs + d
    if "vnpara" in parts:
        c, d = _vnpara_part(root, per_label or VNPARA_PER_LABEL, doc_sentences or SENTENCES_PER_DOC, figure_balance)
        claims, docs = claims + c, docs + d
    if "vnswap" in parts:
        c, d = _vnswap_part(root, per_label or VNPARA_PER_LABEL, doc_sentences or SENTENCES_PER_DOC)
        claims, docs = claims + c, docs + d
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "claims.jsonl", "w", encoding="utf-8") as fh:
        for c in claims:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return len(claims), len(docs)


def _xnli_part(root: Path, val: list, per_label: int = XNLI_PER_LABEL) -> tuple[list[dict], list[dict]]:
    """Validation XNLI hypotheses as claims against their premises (PREMISES_PER_DOC to a document)."""
    from factcheck.train.data import MAIN_LANGS, xnli_by_index, read_nli

    held = sorted({int(p.id.split("-")[-1]) for p in val if p.source == "xnli"})
    groups = xnli_by_index(read_nli(root, "xnli"))
    rng = random.Random(17)
    by_premise: dict[str, list[int]] = {}
    for i in held:
        by_premise.setdefault(groups[i]["en"]["premise"], []).append(i)
    # Documents of PREMISES_PER_DOC premises in one language, so that the checker must find the right sentence
    # in a passage (as in an article) rather than meet a one-sentence document.
    lang_of = {premise: rng.choice(MAIN_LANGS) for premise in sorted(by_premise)}
    doc_of, docs = {}, []
    for lang in MAIN_LANGS:
        premises = [p for p in sorted(by_premise) if lang_of[p] == lang]
        rng.shuffle(premises)
        for k in range(0, len(premises), PREMISES_PER_DOC):
            doc_id = f"xnli-{lang}-{k // PREMISES_PER_DOC:03d}"
            texts = []
            for premise in premises[k:k + PREMISES_PER_DOC]:
                text = groups[by_premise[premise][0]][lang]["premise"].strip()
                texts.append(text if text[-1:] in ".!?。！？…" else text + ("。" if lang == "zh" else "."))
                for i in by_premise[premise]:
                    doc_of[i] = (doc_id, lang)
            docs.append({"doc_id": doc_id, "title": f"XNLI premises {lang} {k // PREMISES_PER_DOC}", "lang": lang,
                         "text": ("" if lang == "zh" else " ").join(texts)})
    by_label: dict[str, list[int]] = {}
    for i in held:
        by_label.setdefault(groups[i]["en"]["label"], []).append(i)
    claims = []
    for label, idx in sorted(by_label.items()):
        for i in rng.sample(idx, min(per_label, len(idx))):
            lang = rng.choice(MAIN_LANGS)
            doc_id, doc_lang = doc_of[i]
            verdict = {"entailment": "SUPPORTED", "neutral": "NOT_ENOUGH_INFO", "contradiction": "REFUTED"}[label]
            claims.append({"id": f"xnli-val-{i}-{lang}-{doc_lang}", "claim": groups[i][lang]["hypothesis"].strip(),
                           "label": verdict, "lang": lang, "meta": {"part": "xnli", "evidence_lang": doc_lang},
                           "evidence": [] if verdict == "NOT_ENOUGH_INFO" else [groups[i][doc_lang]["premise"].strip()]})
    claims.sort(key=lambda c: c["id"])
    return claims, docs


def _detok(text: str) -> str:
    """IWSLT's tokenised text ("little , I") and HTML entities made plain."""
    text = html.unescape(text).replace("\ufeff", "").strip()
    text = re.sub(r" ([,.!?;:%)])", r"\1", text)
    return re.sub(r"([(]) ", r"\1", text)


def _swap_country(text: str, lang: str, evidence: str, evidence_lang: str, rng: random.Random) -> str | None:
    """`text` with one country that the evidence also names replaced by another country (CLDR, same language)."""
    from factcheck.extract.entities import country_codes
    from factcheck.verify.names import mentions

    # CLDR's main names only (variants=False): the set stays as first built, comparable across sessions.
    named = {code for _, _, code in mentions(evidence, evidence_lang, variants=False)}
    found = [m for m in mentions(text, lang, variants=False) if m[2] in named]
    if not found:
        return None
    start, end, code = rng.choice(found)
    names = sorted(n for n, c in country_codes(lang, variants=False).items()
                   if c != code and n not in text and len(n) > 3)
    return text[:start] + rng.choice(names) + text[end:]


def _parallel_part(root: Path, per_label: int = PARALLEL_PER_LABEL, per_doc: int = SENTENCES_PER_DOC,
                   figure_balance: bool = False) -> tuple[list[dict], list[dict]]:
    """Claims in English or Vietnamese against the other side of aligned translations (see the module doc)."""
    from factcheck.train.augment import change_number
    from factcheck.train.data import ALIGNED_SETS, read_aligned

    rng = random.Random(23)
    docs, sents = [], []  # sents: (doc index, position in doc, {"en", "vi"})
    for name in ALIGNED_SETS:
        rows = [{"en": _detok(r["en"]), "vi": _detok(r["vi"])} for r in read_aligned(root, name)]
        rows = [r for r in rows if r["en"] and r["vi"]]
        for k in range(0, len(rows), per_doc):
            lang = rng.choice(("en", "vi"))
            docs.append({"doc_id": f"{name}-{k // per_doc:03d}", "lang": lang, "rows": rows[k:k + per_doc],
                         "title": f"{name} {lang} {k // per_doc}", "drop": set()})
            sents += [(len(docs) - 1, j, r) for j, r in enumerate(rows[k:k + per_doc])]
    rng.shuffle(sents)
    claims, used = [], set()

    def add(d: int, j: int, label: str, claim: str, claim_lang: str, evidence: str | None) -> None:
        used.add((d, j))
        claims.append({"id": f"parallel-{docs[d]['doc_id']}-{j}-{claim_lang}", "claim": claim, "label": label,
                       "lang": claim_lang, "meta": {"part": "parallel", "evidence_lang": docs[d]["lang"]},
                       "evidence": [evidence] if evidence else []})

    def has_digit(d: int, row: dict) -> bool:  # a number to change (the document's side writes one)
        return bool(re.search(r"\d", row[docs[d]["lang"]]))

    refuted = 0
    for d, j, row in sents:  # one number or one country changed in the claim's language
        if refuted >= per_label:
            break
        doc_lang = docs[d]["lang"]
        claim_lang = "vi" if doc_lang == "en" else "en"
        new = change_number(row[claim_lang], rng) if has_digit(d, row) else None
        new = new or _swap_country(row[claim_lang], claim_lang, row[doc_lang], doc_lang, rng)
        if new and new != row[claim_lang]:
            add(d, j, "REFUTED", new, claim_lang, row[doc_lang])
            refuted += 1
    informative = [(d, j, r) for d, j, r in sents if (d, j) not in used and len(r["en"].split()) >= 6]
    labels = ["SUPPORTED"] * per_label + ["NOT_ENOUGH_INFO"] * per_label
    if figure_balance:
        def changeable(d: int, row: dict) -> bool:
            doc_lang = docs[d]["lang"]
            claim_lang = "vi" if doc_lang == "en" else "en"
            return has_digit(d, row) or \
                _swap_country(row[claim_lang], claim_lang, row[doc_lang], doc_lang, random.Random(0)) is not None

        informative.sort(key=lambda x: not changeable(x[0], x[2]))  # stable: shuffled order within each group
        labels = ["SUPPORTED", "NOT_ENOUGH_INFO"] * per_label
    for label, (d, j, row) in zip(labels, informative):
        doc_lang = docs[d]["lang"]
        claim_lang = "vi" if doc_lang == "en" else "en"
        if label == "NOT_ENOUGH_INFO":
            docs[d]["drop"].add(j)
        add(d, j, label, row[claim_lang], claim_lang, row[doc_lang] if label == "SUPPORTED" else None)
    out_docs = []
    for doc in docs:
        kept = [r[doc["lang"]] for j, r in enumerate(doc["rows"]) if j not in doc["drop"]]
        if kept:
            out_docs.append({"doc_id": doc["doc_id"], "title": doc["title"], "lang": doc["lang"], "text": " ".join(kept)})
    claims.sort(key=lambda c: c["id"])
    return claims, out_docs


def _vitaminc_part(val: list, per_label: int = VITAMINC_PER_LABEL) -> tuple[list[dict], list[dict]]:
    """Held-out VitaminC claims, one pair per claim group, against that pair's evidence (PREMISES_PER_DOC to a
    document). A group's other pairs hold the same claim against another revision of the sentence, so only the
    chosen pair's sentence enters the corpus, and a group whose sentence shares much of its topic with one already
    chosen is skipped (another revision of the same sentence would decide its claim)."""
    from factcheck.train.mix import _group, topic_tokens

    rng = random.Random(19)
    groups: dict[str, list] = {}
    for p in val:
        if p.source == "vitaminc":
            groups.setdefault(_group(p.id), []).append(p)
    keys = sorted(groups)
    rng.shuffle(keys)
    chosen, topics, used = [], [], set()
    for label in sorted({p.label for ps in groups.values() for p in ps}, key=lambda lab: (lab != 1, lab)):
        n = 0  # NOT_ENOUGH_INFO first: it is the scarcest label
        for key in keys:
            pairs = [p for p in groups[key] if p.label == label]
            if n >= per_label or key in used or not pairs:
                continue
            pair = rng.choice(pairs)
            own = topic_tokens(pair.premise)
            if any(len(own & t) > 0.3 * max(1, len(own | t)) for t in topics):
                continue
            used.add(key)
            topics.append(own)
            chosen.append(pair)
            n += 1
    order = list(range(len(chosen)))
    rng.shuffle(order)
    docs, claims = [], []
    for k in range(0, len(order), PREMISES_PER_DOC):
        doc_id = f"vitaminc-{k // PREMISES_PER_DOC:03d}"
        texts = [_detok(chosen[i].premise) for i in order[k:k + PREMISES_PER_DOC]]
        docs.append({"doc_id": doc_id, "title": f"VitaminC sentences {k // PREMISES_PER_DOC}", "lang": "en",
                     "text": " ".join(t if t[-1:] in ".!?" else t + "." for t in texts)})
        for i, text in zip(order[k:k + PREMISES_PER_DOC], texts):
            pair, label = chosen[i], LABELS[chosen[i].label]
            claims.append({"id": f"vitaminc-val-{pair.id.split(':', 1)[1]}", "claim": _detok(pair.hypothesis),
                           "label": label, "lang": "en", "meta": {"part": "vitaminc", "evidence_lang": "en"},
                           "evidence": [] if label == "NOT_ENOUGH_INFO" else [text]})
    claims.sort(key=lambda c: c["id"])
    return claims, docs


def _vihallu_part(root: Path) -> tuple[list[dict], list[dict]]:
    """ViHallu rows held out of training (`factcheck.train.mix.vihallu_windows`), VIHALLU_PER_LABEL per label:
    Vietnamese LLM answers checked against every held-out context passage (one document each), the checker's main
    language in claim form. Labels are noisy (see the model card)."""
    from factcheck.train.data import LABEL_ID, held_out, read_nli
    from factcheck.train.mix import VAL_PERCENT

    rows = [r for r in read_nli(root, "vihallu_semviqa") if held_out(f"vihallu-{r['id']}", VAL_PERCENT["vihallu"])]
    rng = random.Random(23)
    rng.shuffle(rows)
    chosen = []
    for label in (0, 1, 2):
        chosen += [r for r in rows if LABEL_ID[r["label"]] == label][:VIHALLU_PER_LABEL]
    contexts = list(dict.fromkeys(r["premise"].strip() for r in rows))
    doc_of = {text: f"vihallu-{k:03d}" for k, text in enumerate(contexts)}
    docs = [{"doc_id": doc_of[t], "title": f"ViHallu context {k}", "lang": "vi", "text": t}
            for k, t in enumerate(contexts)]
    claims = []
    for r in chosen:
        label = LABELS[LABEL_ID[r["label"]]]
        claims.append({"id": f"vihallu-val-{r['id']}", "claim": r["hypothesis"].strip(), "label": label, "lang": "vi",
                       "meta": {"part": "vihallu", "evidence_lang": "vi", "doc_id": doc_of[r["premise"].strip()]},
                       "evidence": []})  # the deciding sentence is not marked: the context is meta.doc_id
    claims.sort(key=lambda c: c["id"])
    return claims, docs


def _vnpara_pairs(root: Path) -> tuple[list[str], list[dict]]:
    """(every pair's first sentence in the set's order, the paraphrase pairs a claim can be made of: a second
    sentence of six words or more, used once and not itself a first sentence), detokenised."""
    from factcheck.train.data import read_nli

    rows = sorted(read_nli(root, "vnpara"), key=lambda r: int(r["id"]))
    for r in rows:
        r["premise"], r["hypothesis"] = _detok(r["premise"]), _detok(r["hypothesis"])
    uses: dict[str, int] = {}
    for r in rows:
        uses[r["hypothesis"]] = uses.get(r["hypothesis"], 0) + 1
    premises = list(dict.fromkeys(r["premise"] for r in rows))
    corpus = set(premises)
    return premises, [r for r in rows if r["label"] == "paraphrase" and uses[r["hypothesis"]] == 1
                      and r["hypothesis"] not in corpus and len(r["hypothesis"].split()) >= 6]


def _vnpara_docs(premises: list[str], drop: set[str], per_doc: int, part: str) -> list[dict]:
    """The first sentences but those in `drop`, in order, `per_doc` to a document."""
    kept = [p for p in premises if p not in drop]
    return [{"doc_id": f"{part}-{k // per_doc:03d}", "title": f"vnPara sentences {k // per_doc}", "lang": "vi",
             "text": " ".join(kept[k:k + per_doc])} for k in range(0, len(kept), per_doc)]


def _vnpara_part(root: Path, per_label: int = VNPARA_PER_LABEL, per_doc: int = SENTENCES_PER_DOC,
                 figure_balance: bool = False) -> tuple[list[dict], list[dict]]:
    """Vietnamese news sentences checked by their paraphrase (vnPara, never trained on): the corpus holds every
    pair's first sentence in the set's order, `per_doc` to a document (an article's neighbouring
    sentences); claims are second sentences of paraphrase pairs (each used once): SUPPORTED with the paraphrase in
    the corpus, REFUTED with a number both sentences write changed in the claim, NOT_ENOUGH_INFO with the
    paraphrase taken out of its document (its neighbours, on the same topic, stay)."""
    from factcheck.train.augment import _NUMBER, change_number

    premises, pairs = _vnpara_pairs(root)
    rng = random.Random(29)
    rng.shuffle(pairs)
    claims, drop, used = [], set(), set()

    def add(r: dict, label: str, claim: str) -> None:
        used.add(r["id"])
        claims.append({"id": f"vnpara-{r['id']}", "claim": claim, "label": label, "lang": "vi",
                       "meta": {"part": "vnpara", "evidence_lang": "vi"},
                       "evidence": [] if label == "NOT_ENOUGH_INFO" else [r["premise"]]})

    def shared_numbers(r: dict) -> list:
        return [m for m in _NUMBER.finditer(r["hypothesis"]) if m.group(0) in r["premise"]]

    for r in pairs:  # REFUTED first: it needs a number both sentences write
        if len(claims) >= per_label:
            break
        shared = shared_numbers(r)
        if shared:
            m = rng.choice(shared)
            new = change_number(m.group(0), rng)
            if new and new != m.group(0):
                add(r, "REFUTED", r["hypothesis"][:m.start()] + new + r["hypothesis"][m.end():])
    rest = [r for r in pairs if r["id"] not in used]
    labels = ["SUPPORTED"] * per_label + ["NOT_ENOUGH_INFO"] * per_label
    if figure_balance:  # pairs with a number both sentences write first, alternating the two labels
        rest.sort(key=lambda r: not shared_numbers(r))
        labels = ["SUPPORTED", "NOT_ENOUGH_INFO"] * per_label
    for label, r in zip(labels, rest):
        if label == "NOT_ENOUGH_INFO":
            drop.add(r["premise"])
        add(r, label, r["hypothesis"])
    claims.sort(key=lambda c: c["id"])
    return claims, _vnpara_docs(premises, drop, per_doc, "vnpara")


def _name_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words in `text` ("Hà Nội", "Nguyễn Tấn Dũng"), leaving out a word
    that opens the text, a sentence or a quotation."""
    from factcheck.verify.names import opens_sentence

    out = []
    for m in re.finditer(r"[^\W\d_]+(?:\s+[^\W\d_]+)*", text):
        run: list[re.Match[str]] = []
        for w in [*re.finditer(r"[^\W\d_]+", m.group()), None]:
            if w is not None and w.group()[0].isupper() and not opens_sentence(text, m.start() + w.start()):
                run.append(w)
                continue
            if run:
                out.append((m.start() + run[0].start(), m.start() + run[-1].end()))
            run = []
    return out


# Vietnamese words that say what kind of name follows: a person ("anh", "bà"), a place ("tỉnh", "tại"), a company
# or school ("công ty", "tập đoàn", "ngân hàng", "trường", "đại học"; the last word of each).
_KIND_WORDS = frozenset("anh chị ông bà cô chú bác em tỉnh phố quận huyện xã phường tại ở ty đoàn hàng trường học "
                        "viện sông nước".split())


def _before(text: str, start: int) -> str:
    """The word just before `start`, lower-cased ("" when none): what kind of name follows ("tỉnh", "anh")."""
    m = re.search(r"([^\W\d_]+)\s*$", text[:start])
    return m.group(1).lower() if m else ""


def _vnswap_part(root: Path, per_label: int = VNPARA_PER_LABEL,
                 per_doc: int = SENTENCES_PER_DOC) -> tuple[list[dict], list[dict]]:
    """vnPara paraphrases that write a name their source writes (`vnswap` above): SUPPORTED with the source in
    the corpus, REFUTED with the name swapped for another of as many words, after the same kind word, that the
    source does not write, NOT_ENOUGH_INFO with the source taken out of its document."""
    premises, pairs = _vnpara_pairs(root)
    named = {r["id"]: [(a, b) for a, b in _name_runs(r["hypothesis"]) if r["hypothesis"][a:b] in r["premise"]]
             for r in pairs}
    pairs = [r for r in pairs if named[r["id"]]]
    pool: dict[tuple[str, int], list[str]] = {}  # (the word before, words in the name) -> names
    for premise in premises:
        for a, b in _name_runs(premise):
            name = premise[a:b]
            pool.setdefault((_before(premise, a), len(name.split())), []).append(name)
    rng = random.Random(31)
    rng.shuffle(pairs)
    claims, drop = [], set()

    def add(r: dict, label: str, claim: str) -> None:
        claims.append({"id": f"vnswap-{r['id']}", "claim": claim, "label": label, "lang": "vi",
                       "meta": {"part": "vnswap", "evidence_lang": "vi"},
                       "evidence": [] if label == "NOT_ENOUGH_INFO" else [r["premise"]]})

    counts = {"SUPPORTED": 0, "REFUTED": 0, "NOT_ENOUGH_INFO": 0}
    order = ["REFUTED", "SUPPORTED", "NOT_ENOUGH_INFO"]
    for k, r in enumerate(pairs):
        label = order[k % 3]
        if counts[label] >= per_label:
            continue
        if label == "REFUTED":
            a, b = rng.choice(named[r["id"]])
            name = r["hypothesis"][a:b]
            key = (_before(r["hypothesis"], a), len(name.split()))
            options = sorted({n for n in pool.get(key, []) if n not in r["premise"] and n != name}) \
                if key[0] in _KIND_WORDS else []
            if not options:
                continue
            claim = r["hypothesis"][:a] + rng.choice(options) + r["hypothesis"][b:]
        else:
            claim = r["hypothesis"]
            if label == "NOT_ENOUGH_INFO":
                drop.add(r["premise"])
        counts[label] += 1
        add(r, label, claim)
    claims.sort(key=lambda c: c["id"])
    return claims, _vnpara_docs(premises, drop, per_doc, "vnswap")


def _covid_part(root: Path, val: list) -> tuple[list[dict], list[dict]]:
    held = {p.id.split(":", 1)[1]: p for p in val if p.source == "check_covid"}
    base = root / "check_covid"
    abstracts = {}
    for line in (base / "corpus.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            abstracts[row["cord_id"]] = row
    claims = []
    for line in (base / "train" / "covidCheck_train_composed+extracted.json").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row["id"]) not in held:
            continue
        pair = held[str(row["id"])]
        label = LABELS[pair.label]
        sents = abstracts[row["cord_id"]]["abstract"]
        evidence = [] if label == "NOT_ENOUGH_INFO" else [sents[e["sent_index"]].strip() for e in row["evidence_set"]
                                                          if e["sent_index"] < len(sents)]
        claims.append({"id": f"covid-val-{row['id']}", "claim": row["claim"].strip(), "label": label, "lang": "en",
                       "meta": {"part": "covid"}, "evidence": evidence})
    docs = [{"doc_id": cid, "title": row["title"], "lang": "en", "text": " ".join(s.strip() for s in row["abstract"])}
            for cid, row in abstracts.items()]
    return claims, docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.devset", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=13, help="the training run's split seed")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help=f"comma-separated, of: {', '.join(PARTS + OPTIONAL_PARTS)} (default: {', '.join(PARTS)})")
    ap.add_argument("--per-label", type=int, default=None,
                    help=f"claims per label of the xnli, parallel, vitaminc and vnpara parts (default {XNLI_PER_LABEL})")
    ap.add_argument("--doc-sentences", type=int, default=None,
                    help=f"sentences to a document of the parallel and vnpara parts (default {SENTENCES_PER_DOC})")
    ap.add_argument("--figure-balance", choices=("on", "off"), default="on",
                    help="draw the parallel and vnpara parts' SUPPORTED and NOT_ENOUGH_INFO claims first from "
                         "sentences with a figure (or country) to change, as their REFUTED claims are (default on; "
                         "off: the layout of sessions 5-16)")
    args = ap.parse_args(argv)
    n_claims, n_docs = build(args.out, args.seed, tuple(args.parts.split(",")), args.per_label, args.doc_sentences,
                             args.figure_balance == "on")
    print(f"{n_claims} claims, {n_docs} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
