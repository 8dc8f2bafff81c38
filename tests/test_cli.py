"""The command line: verdict, citation, JSON, and one-line errors with a non-zero exit."""

import json

from factcheck.cli import main

CLAIM = "Russia ranks 31st out of 83 countries in the Tortoise Global AI Index."


def test_check_prints_verdict_and_citation(seed_checker, capsys):
    store = seed_checker.settings.store_dir
    assert main(["--store", store, "check", CLAIM]) == 0
    out = capsys.readouterr().out
    assert "Verdict:" in out and "Quote:" in out and "Offsets:" in out and "Ông Putin" in out


def test_check_json(seed_checker, capsys):
    assert main(["--store", seed_checker.settings.store_dir, "check", CLAIM, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["citations"][0]["quote"] and data["verdict"]


def test_errors_are_one_line_with_nonzero_exit(tmp_path, capsys):
    assert main(["--store", str(tmp_path / "s"), "check", "  "]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err
    assert main(["--store", str(tmp_path / "s"), "ingest", str(tmp_path / "missing")]) == 1
    assert "does not exist" in capsys.readouterr().err
