"""A claim's figures that no quote's figure agrees with are listed with the verdict and named in its explanation."""

import numpy as np

from factcheck.schema import Claim, Label, Passage
from factcheck.verify.base import PairScorer
from factcheck.verify.verifier import Verifier

STATES = "The Halden bridge cost 40 million kroner and opened in 2019."
SILENT = "The Halden bridge crosses the river near the old mill."
BOUND = "The Halden bridge cost more than 400 million kroner."


class _Fixed(PairScorer):
    name = "fixed"

    def __init__(self, probs):
        self.probs = np.array(probs, np.float32)

    def score(self, pairs):
        return np.tile(self.probs, (len(pairs), 1))


def _verify(claim: str, *texts: str, probs=(0.9, 0.05, 0.05)):
    passages = [Passage(id=f"p{i}", doc_id=f"d{i}", text=t, start=0, end=len(t), lang="en") for i, t in enumerate(texts)]
    return Verifier(_Fixed(probs)).verify(Claim(text=claim, lang="en"), passages, {})


def test_support_names_the_figures_no_source_matches():
    res = _verify("The Halden bridge cost 40 million kroner, opened in 2019 and drew 300 guests.", STATES, SILENT)
    assert res.verdict is Label.SUPPORTED
    assert [f.text for f in res.unmatched_figures] == ["300 guests"]
    assert res.explanation.endswith('The claim\'s figure "300 guests" lines up with no figure of the sources read: '
                                    'check by hand.')


def test_every_figure_stated_somewhere_leaves_nothing_to_name():
    res = _verify("The Halden bridge cost 40 million kroner and opened in 2019.", SILENT, STATES)
    assert res.unmatched_figures == [] and "lines up with no figure" not in res.explanation


def test_a_figure_only_far_inside_a_bound_is_unmatched():
    res = _verify("The Halden bridge cost more than 40 million kroner.", BOUND, probs=(0.1, 0.8, 0.1))
    assert res.verdict is Label.NOT_ENOUGH_INFO
    assert [f.text for f in res.unmatched_figures] == ["more than 40 million"]
    assert "The claim's figure" in res.explanation and "check by hand" in res.explanation


def test_a_refuted_claim_lists_its_unmatched_figures_without_the_note():
    res = _verify("The Halden bridge cost 40 million kroner and opened in 2021.", STATES, probs=(0.05, 0.05, 0.9))
    assert res.verdict is Label.REFUTED
    assert [f.text for f in res.unmatched_figures] == ["2021"]
    assert "lines up with no figure" not in res.explanation  # the conflict is explained instead


def _verify_in(claim: str, claim_lang: str, text: str, lang: str, probs=(0.9, 0.05, 0.05)):
    passage = Passage(id="p0", doc_id="d0", text=text, start=0, end=len(text), lang=lang)
    return Verifier(_Fixed(probs)).verify(Claim(text=claim, lang=claim_lang), [passage], {})


def test_a_figure_a_source_states_in_another_language_is_matched():
    # The words around the two figures share nothing, so the aligner does not pair them; the source states it.
    res = _verify_in("He spent 14 years in prison.", "en", "Ông đã ở tù 14 năm.", "vi")
    assert res.unmatched_figures == [] and "lines up with no figure" not in res.explanation


def test_another_value_in_another_language_stays_unmatched():
    res = _verify_in("He spent 15 years in prison.", "en", "Ông đã ở tù 14 năm.", "vi")
    assert [f.text for f in res.unmatched_figures] == ["15 years"]


def test_a_figure_stated_by_a_quote_about_another_name_is_matched():
    # The quote fails the subject test (its figures are not compared for the verdict), but it states the figure.
    res = _verify("The Halden bridge cost 40 million kroner.", "The Oslo tunnel cost 40 million kroner.")
    assert res.figures == [] and res.unmatched_figures == []


def test_a_merely_compatible_figure_of_an_unpaired_quote_does_not_match():
    # 1990 agrees with "before 2000", but does not state it; the quote is about another name, so nothing is paired.
    res = _verify("The Halden bridge opened before 2000.", "The Oslo tunnel opened in 1990.")
    assert [f.text for f in res.unmatched_figures] == ["before 2000"]
