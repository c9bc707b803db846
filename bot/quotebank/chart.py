"""The trends chart: daily article counts of a topic's leading issues, as a PNG made in-process.

matplotlib's Agg backend draws without a display (no GUI, nothing started); the figure is
:data:`WIDTH` × :data:`HEIGHT` pixels. Importing matplotlib is slow (~0.5 s), so it happens on
the first chart only.
"""

from __future__ import annotations

import io
import threading
from datetime import date

WIDTH, HEIGHT, DPI = 1000, 500, 100
"""Size of every chart in pixels, and its resolution."""

_LOCK = threading.Lock()  # pyplot's state is global; one figure at a time


def issue_chart(title: str, days: list[date], series: dict[str, list[int]]) -> bytes:
    """A PNG line chart of ``series`` (label → one count per day of ``days``), legend in the
    upper left; ``WIDTH`` × ``HEIGHT`` pixels. Raises ValueError when a series' length is not ``len(days)``."""
    for label, counts in series.items():
        if len(counts) != len(days):
            raise ValueError(f"series {label!r} has {len(counts)} values for {len(days)} days")
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _LOCK:
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
        ax = fig.add_subplot()
        for label, counts in series.items():
            ax.plot(days, counts, marker="o", markersize=3, linewidth=1.6, label=label)
        ax.set_title(title)
        ax.set_ylabel("articles per day")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        if series:
            ax.legend(loc="upper left", fontsize="small")
        else:
            ax.text(0.5, 0.5, "no issues in this period", ha="center", va="center", transform=ax.transAxes)
        fig.autofmt_xdate()
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; raises ValueError when ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
