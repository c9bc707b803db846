"""The trends chart: daily article counts of a topic's leading issues, as a PNG made in-process.

matplotlib's Agg backend draws without a display (no GUI, nothing started); the figure is
:data:`WIDTH` × :data:`HEIGHT` pixels. Importing matplotlib is slow (~0.5 s), so it happens on
the first chart only.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from datetime import date

WIDTH, HEIGHT, DPI = 1000, 500, 100
"""Size of every chart in pixels, and its resolution."""

_LOCK = threading.Lock()
_DRAW_LOCK = threading.Lock()  # matplotlib's font cache and state are shared; one figure at a time
CACHED = 16
_CACHE: OrderedDict = OrderedDict()


def issue_chart(title: str, days: list[date], series: dict[str, list[int]]) -> bytes:
    """:func:`draw_issue_chart`, remembered for the last :data:`CACHED` different inputs (a team asking
    for the same trends on the same day gets the PNG at once)."""
    key = (title, tuple(days), tuple((k, tuple(v)) for k, v in series.items()))
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    png = draw_issue_chart(title, days, series)
    with _LOCK:
        _CACHE[key] = png
        while len(_CACHE) > CACHED:
            _CACHE.popitem(last=False)
    return png


def draw_issue_chart(title: str, days: list[date], series: dict[str, list[int]]) -> bytes:
    """A PNG line chart of ``series`` (label → one count per day of ``days``), legend in the
    upper left; ``WIDTH`` × ``HEIGHT`` pixels. Raises ValueError when a series' length is not ``len(days)``."""
    for label, counts in series.items():
        if len(counts) != len(days):
            raise ValueError(f"series {label!r} has {len(counts)} values for {len(days)} days")
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _DRAW_LOCK:
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
        ax = fig.add_subplot()
        for label, counts in series.items():
            ax.plot(days, counts, linewidth=1.8, label=label)
        ax.set_title(title)
        ax.set_ylabel("articles per day")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(loc="upper left", fontsize="small")
        else:
            ax.text(0.5, 0.5, "no issues in this period", ha="center", va="center", transform=ax.transAxes)
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
        fig.subplots_adjust(left=0.07, right=0.98, top=0.92, bottom=0.16)  # fixed margins: no layout pass
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; raises ValueError when ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
