"""A figure one sentence of a source states as the claim does is not refuted by another sentence of that source."""

import numpy as np

from factcheck.schema import Claim, Passage
from factcheck.verify.base import PairScorer
from factcheck.verify.verifier import CONFIRMED_ELSEWHERE, Verifier

STATES = "The Halden bridge report was published on 4 March 2021."
OTHER = "At the Halden forum on 12 May 2020, the bridge report's authors spoke."


class _Fixed(PairScorer):
    name = "fixed"

    def score(self, pairs):
        return np.tile(np.array([0.3, 0.4, 0.3], np.float32), (len(pairs), 1))


def _passages(doc_a: str, doc_b: str) -> list[Passage]:
    return [Passage(id="p0", doc_id=doc_a, text=STATES, start=0, end=len(STATES), lang="en"),
            Passage(id="p1", doc_id=doc_b, text=OTHER, start=0, end=len(OTHER), lang="en")]


def _by_quote(scored) -> dict[str, tuple[str, list[str]]]:
    return {e.quote: (s, [c.status for c in cs]) for e, s, cs in zip(scored.cands, scored.signals, scored.comps)}


def test_a_conflict_with_a_figure_the_same_source_states_is_set_aside():
    claim = Claim(text="The Halden bridge report was published on 4 March 2021.", lang="en")
    off = _by_quote(Verifier(_Fixed(), confirmed_figures=False).score(claim, _passages("d0", "d0")))
    assert off[STATES][0] == "agree" and off[OTHER][0] == "conflict"  # the other event's date, misaligned
    scored = Verifier(_Fixed()).score(claim, _passages("d0", "d0"))
    on = _by_quote(scored)
    assert on[STATES][0] == "agree"
    assert on[OTHER] == ("none", ["not_comparable"])
    i = [e.quote for e in scored.cands].index(OTHER)
    assert scored.comps[i][0].reason == CONFIRMED_ELSEWHERE
    assert "same source nearer the claim states the claim's figure" in scored.whys[i]  # shown to the user
    assert np.allclose(scored.probs[i], [0.3, 0.4, 0.3])  # no pull towards REFUTED


def test_two_sources_that_disagree_keep_their_conflict():
    claim = Claim(text="The Halden bridge report was published on 4 March 2021.", lang="en")
    on = _by_quote(Verifier(_Fixed()).score(claim, _passages("d0", "d1")))
    assert on[STATES][0] == "agree" and on[OTHER][0] == "conflict"


def test_without_an_agreeing_quote_the_conflict_stands():
    claim = Claim(text="The Halden bridge report was published on 9 June 2021.", lang="en")
    on = _by_quote(Verifier(_Fixed()).score(claim, _passages("d0", "d0")))
    assert on[STATES][0] == "conflict" and on[OTHER][0] == "conflict"


class _Recorder(_Fixed):
    def __init__(self):
        self.seen: list[tuple[str, str]] = []

    def score(self, pairs):
        self.seen += pairs
        return super().score(pairs)


def test_the_model_reads_the_claim_without_the_set_aside_figure_against_that_quote_only():
    rec = _Recorder()
    Verifier(rec).score(Claim(text="On 4 March 2021, the Halden bridge report was published.", lang="en"),
                        _passages("d0", "d0"))
    seen = dict(rec.seen)
    assert seen[OTHER] == "The Halden bridge report was published."  # the date, its preposition and comma out
    assert seen[STATES] == "On 4 March 2021, the Halden bridge report was published."
    rec = _Recorder()
    Verifier(rec, confirmed_unread=False).score(Claim(text=STATES, lang="en"), _passages("d0", "d0"))
    assert dict(rec.seen)[OTHER] == STATES
    rec = _Recorder()  # two sources: the other one's date is read as written
    Verifier(rec).score(Claim(text=STATES, lang="en"), _passages("d0", "d1"))
    assert dict(rec.seen)[OTHER] == STATES


def test_a_conflict_in_the_sentence_nearer_the_claim_stands():
    # The claim speaks of the forum; the report's sentence merely shares its date: that agreement is the misreading.
    claim = Claim(text="The bridge report's authors spoke at the Halden forum on 4 March 2021.", lang="en")
    on = _by_quote(Verifier(_Fixed()).score(claim, _passages("d0", "d0")))
    assert on[OTHER][0] == "conflict"
