"""Shared benchmark helpers: timing statistics, memory, a throw-away Chroma server, a synthetic embedder."""

from __future__ import annotations

import contextlib
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from factcheck.embed.base import Embedder

ROOT = Path(__file__).resolve().parent.parent


def percentiles(samples_s: list[float]) -> dict:
    """p50/p95/mean of latencies given in seconds, reported in milliseconds."""
    ms = np.asarray(samples_s) * 1000.0
    return {"p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "mean_ms": round(float(ms.mean()), 1), "n": len(samples_s)}


def peak_rss_mb() -> float:
    """This process's peak resident memory, MB. Linux's VmHWM, since ru_maxrss survives fork and exec (a child
    would report its parent's peak); elsewhere ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict:
    import chromadb

    return {"cpus": os.cpu_count(), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": sys.version.split()[0], "chromadb": chromadb.__version__,
            "date": time.strftime("%Y-%m-%d %H:%M")}


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t0, out


@contextlib.contextmanager
def chroma_server() -> Iterator[str | None]:
    """A Chroma server on a free loopback port in a temporary folder; None if `chroma` is not installed."""
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        yield None
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="bench-chroma-") as tmp:
        log = open(Path(tmp) / "server.log", "wb")
        proc = subprocess.Popen([str(exe), "run", "--path", f"{tmp}/db", "--host", "127.0.0.1", "--port", str(port)],
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            log.close()


def _wait_for(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("the Chroma server exited at start")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            return
        time.sleep(0.2)
    raise RuntimeError(f"no Chroma server at {url} after {timeout:.0f}s")


def fresh_collection(url: str, name: str) -> None:
    """Drop a benchmark's collections from a server left over from an earlier run."""
    from factcheck.store.chroma_client import make_client

    client = make_client(None, url)
    for n in (name, f"{name}-docs"):
        with contextlib.suppress(Exception):
            client.delete_collection(n)


class SyntheticEmbedder(Embedder):
    """Query vectors for the scaling benchmark without a model: a query "near:<i>" lands next to synthetic
    passage i (its vector plus noise); other texts get a random unit vector from their crc32."""

    name = "bench/synthetic-384"
    dim = 384

    def __init__(self, vectors_for):
        self.vectors_for = vectors_for  # i -> that synthetic passage's vector

    def _embed(self, texts, *, kind):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, t in enumerate(texts):
            rng = np.random.default_rng(zlib.crc32(t.encode()))
            if t.startswith("near:"):
                out[row] = self.vectors_for(int(t.split(":")[1].split()[0])) + rng.normal(0, 0.02, self.dim)
            else:
                out[row] = rng.normal(size=self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)
