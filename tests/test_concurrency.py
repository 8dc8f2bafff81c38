"""Four threads and two processes checking claims at once against one store (embedded and server) give the
same verdicts as one caller at a time, with no errors. Real embedder, default verifier."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from store_support import ROOT, backend_kwargs, drop_server_collection

from factcheck import FactChecker

CLAIMS = [
    "Sberbank là ngân hàng lớn nhất nước Nga.",
    "Russia ranks 31st out of 83 countries in the Tortoise Global AI Index.",
    "Nga xếp thứ 13 trong số 83 quốc gia về AI.",
    "Россия займет 31-е место из 83 стран в рейтинге ИИ.",
    "第16届金砖国家峰会在喀山举行",
    "The Eiffel Tower is in Berlin.",
]
WORKER = """
import json, sys
from factcheck import FactChecker
kw = json.loads(sys.argv[1])
fc = FactChecker(kw.get("store_dir"), chroma_url=kw.get("chroma_url"), collection=kw.get("collection"))
for claim in json.loads(sys.argv[2]):
    r = fc.check_claim(claim)
    top = r.citations[0] if r.citations else None
    print(json.dumps([r.verdict.value, round(r.confidence, 3), [top.doc_id, top.start, top.end] if top else None]))
"""


def summary(result) -> tuple:
    top = result.citations[0] if result.citations else None
    return (result.verdict.value, round(result.confidence, 3), [top.doc_id, top.start, top.end] if top else None)


@pytest.fixture(scope="module", params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def seeded(request, tmp_path_factory):
    """Checker arguments for a store holding the seed corpus, and the verdicts of one caller at a time."""
    kwargs = backend_kwargs(request.param, tmp_path_factory.mktemp("conc"))
    kwargs = {k: str(v) for k, v in kwargs.items()}
    fc = FactChecker(kwargs.get("store_dir"), chroma_url=kwargs.get("chroma_url"), collection=kwargs.get("collection"))
    fc.ingest([ROOT / "seeds"])
    baseline = [summary(fc.check_claim(c)) for c in CLAIMS]
    yield kwargs, baseline
    drop_server_collection(kwargs)


def test_four_threads_agree_with_one_caller(seeded):
    kwargs, baseline = seeded
    fc = FactChecker(kwargs.get("store_dir"), chroma_url=kwargs.get("chroma_url"), collection=kwargs.get("collection"))
    with ThreadPoolExecutor(max_workers=4) as pool:  # a fresh checker: its lazy parts are built by racing threads
        got = list(pool.map(lambda c: summary(fc.check_claim(c)), CLAIMS))
    assert got == baseline


def test_two_processes_agree_with_one_caller(seeded):
    kwargs, baseline = seeded
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, json.dumps(kwargs), json.dumps(order)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in (CLAIMS[:3], CLAIMS[:3][::-1])]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    first, second = ([tuple(json.loads(line)) for line in out.splitlines()] for out, _ in outs)
    baseline = [tuple(json.loads(json.dumps(b))) for b in baseline]  # as JSON gives them back
    assert first == baseline[:3]
    assert second == baseline[:3][::-1]
