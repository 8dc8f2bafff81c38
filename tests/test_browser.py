"""The web UI in a real headless Chromium: `streamlit run` on a loopback port, driven by Playwright.

Needs Debian's chromium at /usr/bin/chromium (or $FACTCHECK_CHROMIUM). In CI ($CI set) a missing browser
fails the test; elsewhere it skips. FACTCHECK_SAVE_SCREENSHOT=1 also writes docs/screenshot-check.png.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "ui" / "app.py"
CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
CLAIM = "Russia ranks 31st out of 83 countries in the Tortoise Global AI Index."
SEED_TITLE = "Ông Putin yêu cầu chính phủ Nga và ngân hàng lớn nhất nước mở rộng hợp tác AI với Trung Quốc"
VERDICT = re.compile(r"(Supported|Refuted|Conflicting|Not enough info)$")
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
INJECTED = (f'---\ntitle: "{IMG.replace(chr(34), chr(39))} Harbour report"\n---\n'
            f"The harbour authority of Tromsø opened a second container terminal on 3 March 2031. {SCRIPT} {IMG} "
            "[click me](javascript:window.__pwned=3) ![pixel](http://127.0.0.1:9/x.png)\n")
LOAD_TIMEOUT_MS = 600_000  # first start indexes the seeds and loads the models (no speed assertion)


def _require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    message = f"Chromium not found at {CHROMIUM}; install Debian's package: apt-get install -y chromium"
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer on {url} within {timeout:.0f} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app under `streamlit run` on a free loopback port, with a fresh store; stopped afterwards."""
    _require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FACTCHECK_STORE": str(tmp / "store"), "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           "--client.toolbarMode", "viewer"]
    log = tmp / "streamlit.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=tmp, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(url, proc, log)
        yield url, tmp
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        pg = context.new_page()
        pg.dialogs = []
        pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
        try:
            yield pg
        finally:
            context.close()
            browser.close()


def _check(page, text: str):
    """Check `text` on the Check page; returns the first verdict badge once it shows."""
    page.get_by_label("Claim or article").fill(text)
    page.get_by_role("button", name="Check", exact=True).click()
    badge = page.locator("span.verdict-badge").filter(has_text=VERDICT).first
    badge.wait_for(state="visible", timeout=LOAD_TIMEOUT_MS)
    return badge


def _screenshot(page, path: Path) -> None:
    """The whole Check page: the viewport grows to the main area's height (it scrolls inside the page)."""
    for _ in range(3):  # the layout reflows at each new size; settle on the height it ends with
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": 1280, "height": min(max(int(height), 1000), 8000)})
        page.wait_for_timeout(700)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1000})


def _main_text(page) -> str:
    return page.locator("section.stMain, [data-testid='stMain']").first.inner_text()


def test_check_a_claim_in_the_browser(server, page):
    url, tmp = server
    page.goto(url)
    page.get_by_label("Claim or article").wait_for(timeout=120_000)
    badge = _check(page, CLAIM)
    assert VERDICT.search(badge.inner_text())
    shown = _main_text(page)
    assert CLAIM in shown and SEED_TITLE in shown and "xếp thứ 31 trong số 83 quốc gia" in shown
    shot = tmp / "screenshot-check.png"
    _screenshot(page, shot)
    assert shot.stat().st_size > 10_000
    if os.environ.get("FACTCHECK_SAVE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "screenshot-check.png")


def test_uploaded_markup_is_shown_as_text_and_never_runs(server, page):
    url, _ = server
    page.goto(f"{url}/corpus")
    upload = page.locator("input[type=file]").first
    upload.wait_for(state="attached", timeout=LOAD_TIMEOUT_MS)  # the uploader shows once the store is open
    upload.set_input_files(
        files=[{"name": "../harbour report.txt", "mimeType": "text/plain", "buffer": INJECTED.encode()}])
    page.get_by_role("button", name="Add to the corpus").click()
    page.get_by_text("Added or updated 1 document from 1 file").wait_for(timeout=LOAD_TIMEOUT_MS)
    page.get_by_text(SCRIPT).first.wait_for(timeout=60_000)  # the new source's preview
    corpus_text = _main_text(page)
    assert SCRIPT in corpus_text and IMG in corpus_text and "[click me](javascript:window.__pwned=3)" in corpus_text

    page.get_by_role("link", name="Check", exact=True).click()
    _check(page, "A second container terminal opened in Tromsø in March 2031.")
    page.get_by_text(SCRIPT).first.wait_for(timeout=60_000)  # the cited passage
    check_text = _main_text(page)
    assert SCRIPT in check_text and IMG in check_text  # the cited passage, literally
    assert page.locator("section.stMain img[src='x'], section.stMain script:not([src])").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
