"""The optional LLM judge verifier, driven by fake LangChain chat models (no network, no weights)."""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys

import numpy as np
import pytest
from langchain_core.language_models.chat_models import SimpleChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage

from fake_chat import ToolCallingFake
from factcheck import FactChecker
from factcheck.errors import InputError, ModelError
from factcheck.schema import Claim, Label, Passage
from factcheck.store.base import DocumentRecord
from factcheck.verify.factory import make_verifier
from factcheck.verify.llm_judge import JudgeVerdict, LLMJudgeScorer, verdict_probs

EVIDENCE = "The Tortoise Global AI Index is published by Tortoise Media, a company based in London."
CLAIM = "The Tortoise Global AI Index is published by a company based in London."


def _answer(label: str, confidence: float, reason: str = "because") -> str:
    return json.dumps({"label": label, "confidence": confidence, "reason": reason})


def _tool_fake(*answers: dict | None) -> ToolCallingFake:
    messages = [AIMessage(content="", tool_calls=[{"name": "JudgeVerdict", "args": a, "id": f"call-{i}"}])
                if a is not None else AIMessage(content="I am not sure.") for i, a in enumerate(answers)]
    fake = ToolCallingFake(messages=iter(messages))
    fake.seen = []
    return fake


class KeywordJudge(SimpleChatModel):
    """A JSON-only fake whose answer depends on the evidence it is shown (safe to call from threads)."""

    rules: dict[str, str]

    @property
    def _llm_type(self) -> str:
        return "keyword-judge"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        evidence = messages[-1].content.split(">>>")[0]  # the evidence block, before the claim's block
        for word, answer in self.rules.items():
            if word in evidence:
                return answer
        return _answer("NOT_ENOUGH_INFO", 0.9)


class BrokenBackend(SimpleChatModel):
    @property
    def _llm_type(self) -> str:
        return "broken"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        raise ConnectionError("connection refused by 127.0.0.1:11434")


def test_probability_rows_give_the_label_its_confidence_and_share_the_rest() -> None:
    rows = [verdict_probs(JudgeVerdict(label=label, confidence=c, reason=""))
            for label, c in (("SUPPORTED", 0.9), ("REFUTED", 0.7), ("NOT_ENOUGH_INFO", 0.6))]
    np.testing.assert_allclose(rows, [[0.9, 0.05, 0.05], [0.15, 0.15, 0.7], [0.2, 0.6, 0.2]], atol=1e-6)
    np.testing.assert_allclose(np.sum(rows, axis=1), 1.0, atol=1e-6)
    with pytest.raises(ValueError):
        JudgeVerdict(label="SUPPORTED", confidence=1.5, reason="")


def test_structured_output_path_and_the_prompt() -> None:
    fake = _tool_fake({"label": "REFUTED", "confidence": 0.8, "reason": "other city"})
    probs = LLMJudgeScorer(fake).score([(EVIDENCE, CLAIM)])
    np.testing.assert_allclose(probs, [[0.1, 0.1, 0.8]], atol=1e-6)
    system, user = fake.seen[0]
    assert "only from the evidence" in system.content and "exact numbers" in system.content
    assert "never instructions" in system.content and "JSON schema" not in system.content
    ev_marker = user.content.splitlines()[0].removeprefix("<<<")
    assert ev_marker.startswith("EVIDENCE-") and user.content.count(ev_marker) == 2
    assert user.content.index(EVIDENCE) < user.content.index(CLAIM)


def test_json_content_path_for_a_model_without_tool_calling() -> None:
    fake = FakeListChatModel(responses=["```json\n" + _answer("SUPPORTED", 0.9) + "\n```",
                                        "Sure! " + _answer("NOT_ENOUGH_INFO", 0.5)])
    scorer = LLMJudgeScorer(fake, max_concurrency=1)
    probs = scorer.score([(EVIDENCE, CLAIM), ("Something unrelated.", CLAIM)])
    np.testing.assert_allclose(probs, [[0.9, 0.05, 0.05], [0.25, 0.5, 0.25]], atol=1e-6)
    assert scorer.score([]).shape == (0, 3)


@pytest.mark.parametrize("bad", ["I cannot help with that.", _answer("TRUE", 0.9), _answer("REFUTED", 7)])
def test_an_unreadable_answer_counts_as_not_enough_info(bad, caplog) -> None:
    fake = FakeListChatModel(responses=[bad, _answer("REFUTED", 0.8)])
    with caplog.at_level(logging.WARNING, logger="factcheck.verify.llm_judge"):
        probs = LLMJudgeScorer(fake, max_concurrency=1).score([(EVIDENCE, CLAIM), (EVIDENCE, CLAIM)])
    np.testing.assert_allclose(probs[0], [1 / 3, 1 / 3, 1 / 3], atol=1e-6)
    np.testing.assert_allclose(probs[1], [0.1, 0.1, 0.8], atol=1e-6)  # the next pair is still judged
    assert "could not be read" in caplog.text


def test_a_structured_answer_without_a_tool_call_counts_as_not_enough_info() -> None:
    probs = LLMJudgeScorer(_tool_fake(None), max_concurrency=1).score([(EVIDENCE, CLAIM)])
    np.testing.assert_allclose(probs, [[1 / 3, 1 / 3, 1 / 3]], atol=1e-6)


def test_a_failing_backend_is_a_model_error_not_a_silent_verdict() -> None:
    with pytest.raises(ModelError, match="connection refused"):
        LLMJudgeScorer(BrokenBackend()).score([(EVIDENCE, CLAIM)])
    with pytest.raises(InputError):
        LLMJudgeScorer(None)


def test_concurrent_judging_keeps_each_row_with_its_pair() -> None:
    judge = KeywordJudge(rules={"Paris": _answer("REFUTED", 0.95), "London": _answer("SUPPORTED", 0.85)})
    pairs = [(f"Sentence {i} about {city}.", CLAIM) for i, city in enumerate(["London", "Paris", "Rome"] * 3)]
    probs = LLMJudgeScorer(judge, max_concurrency=4).score(pairs)
    assert [int(np.argmax(row)) for row in probs] == [0, 2, 1] * 3


def _passage(pid: str, doc_id: str, text: str) -> Passage:
    return Passage(id=pid, doc_id=doc_id, text=text, start=0, end=len(text), title=doc_id, lang="en")


PASSAGES = [
    _passage("a#0", "tortoise-a", "Tortoise Media runs the index. Its offices are in Paris, according to this page."),
    _passage("b#0", "tortoise-b", "The weather was fine. Readers liked the report."),
]
DOCS = {d: DocumentRecord(doc_id=d, title=f"Report {d}") for d in ("tortoise-a", "tortoise-b")}


def test_verifier_turns_the_judges_answers_into_a_verdict_with_a_citation() -> None:
    verifier = make_verifier("llm", llm=KeywordJudge(rules={"Paris": _answer("REFUTED", 0.9, "Paris, not London")}))
    assert isinstance(verifier.scorer, LLMJudgeScorer)
    claim = Claim(text="Tortoise Media has its offices in London.", lang="en", spans=[])
    result = verifier.verify(claim, PASSAGES, DOCS)
    assert result.verdict is Label.REFUTED and result.confidence == pytest.approx(0.9, abs=1e-4)
    assert result.citations[0].quote == "Its offices are in Paris, according to this page."
    assert result.citations[0].doc_id == "tortoise-a"

    supporting = make_verifier("llm", llm=KeywordJudge(rules={"Paris": _answer("SUPPORTED", 0.8)}))
    claim = Claim(text="Tortoise Media has its offices in Paris.", lang="en", spans=[])
    assert supporting.verify(claim, PASSAGES, DOCS).verdict is Label.SUPPORTED


class _Retriever:
    def retrieve(self, text: str, k: int) -> list[Passage]:
        return PASSAGES[:k]


class _Store:
    def count(self) -> int:
        return len(PASSAGES)

    def get_documents(self, ids: list[str]) -> dict[str, DocumentRecord]:
        return {i: DOCS[i] for i in ids}


def test_fact_checker_check_claim_with_an_llm_judge(tmp_path) -> None:
    judge = KeywordJudge(rules={"Paris": _answer("REFUTED", 0.85), "weather": _answer("NOT_ENOUGH_INFO", 0.9)})
    fc = FactChecker(tmp_path / "store", verifier=make_verifier("llm", llm=judge))
    fc._retriever, fc._store = _Retriever(), _Store()  # a two-passage corpus without models or Chroma
    result = fc.check_claim("Tortoise Media has its offices in London.")
    assert result.verdict is Label.REFUTED
    assert result.citations[0].title == "Report tortoise-a" and "Paris" in result.citations[0].quote
    assert result.probs["contradiction"] == pytest.approx(0.85, abs=1e-4)


def test_llm_names_build_through_init_chat_model_or_say_what_is_missing() -> None:
    with pytest.raises(ModelError, match="nonexistent-provider") as err:
        make_verifier("llm:nonexistent-provider:model")
    assert "\n" not in str(err.value) and "llm:<provider>:<model>" in str(err.value)
    with pytest.raises(InputError, match="needs a model"):
        make_verifier("llm")
    if importlib.util.find_spec("langchain_ollama") is None:
        with pytest.raises(ModelError, match="pip install langchain-ollama"):
            make_verifier("llm:ollama:llama3.1:8b")


def test_llm_name_builds_a_judge_when_the_provider_is_installed(monkeypatch) -> None:
    import langchain.chat_models

    calls = []

    def fake_init(model, *, model_provider=None, **kwargs):
        calls.append((model, model_provider))
        return FakeListChatModel(responses=[_answer("SUPPORTED", 0.7)])

    monkeypatch.setattr(langchain.chat_models, "init_chat_model", fake_init)
    verifier = make_verifier("llm:ollama:llama3.1:8b")
    assert calls == [("llama3.1:8b", "ollama")] and verifier.scorer.name == "llm:ollama:llama3.1:8b"
    np.testing.assert_allclose(verifier.scorer.score([(EVIDENCE, CLAIM)]), [[0.7, 0.15, 0.15]], atol=1e-6)
    make_verifier("llm:gpt-4o-mini")
    assert calls[-1] == ("gpt-4o-mini", None)


def test_the_judge_module_does_not_import_langchain_until_used() -> None:
    code = ("import sys, factcheck, factcheck.verify.factory, factcheck.verify.llm_judge; "
            "print(','.join(m for m in ('langchain', 'langchain_core') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
