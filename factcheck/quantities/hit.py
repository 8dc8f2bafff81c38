"""The internal reading of one figure before it becomes a schema Figure (offsets, interval, flags)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# Lower runs first when two readings overlap: a date beats the numbers inside it, a rank its ordinal.
PRIORITY = {"date": 0, "clock": 0, "rank": 1, "ordinal": 2, "year": 3}
DEFAULT_PRIORITY = 4


@dataclass
class Hit:
    """A figure found in text: [start, end) offsets and its reading."""

    start: int
    end: int
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    of: float | None = None
    approximate: bool = False
    guessed: bool = False
    normalized: str = ""
    notes: dict[str, object] = field(default_factory=dict)

    @property
    def priority(self) -> int:
        if self.notes.get("decade"):  # "1960-е", "1960年代": the decade beats the ordinal or year inside it
            return -1
        return PRIORITY.get(self.kind, DEFAULT_PRIORITY)

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.end and other.start < self.end


def select(hits: list[Hit]) -> list[Hit]:
    """Keep non-overlapping hits: higher priority first, then the longer, then the earlier."""
    chosen: list[Hit] = []  # kept sorted by start; no two overlap, so only neighbours need checking
    starts: list[int] = []
    for h in sorted(hits, key=lambda h: (h.priority, -(h.end - h.start), h.start)):
        i = bisect.bisect_left(starts, h.start)
        if h.end <= h.start or (i < len(chosen) and chosen[i].start < h.end) or (i and chosen[i - 1].end > h.start):
            continue
        chosen.insert(i, h)
        starts.insert(i, h.start)
    return chosen
