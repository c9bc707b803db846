"""The trends chart: daily article counts of a topic's leading issues, as a PNG made in-process.

matplotlib's Agg backend draws without a display (no GUI, nothing started); the chart is
:data:`WIDTH` × :data:`HEIGHT` pixels. Drawing is kept cheap (``/brief trends`` answers in
chat within a fraction of a second):

- one figure per process (:class:`_Board`), built once: axes, grid, labels, title and the
  lines' artists are reused, each chart only sets new data and tick labels (building an axes
  and its ticks cost as much as drawing them). :func:`warm` builds it and draws once (import,
  font cache, glyph caches); ``briefbot run`` calls it in the background at start
  (:mod:`bot.quotebank.hook`), so no command pays for it;
- the legend is one coloured label per line on a single box (matplotlib's Legend packs boxes
  in a layout pass that cost a third of the drawing);
- x positions are day numbers with at most :data:`MAX_X_TICKS` fixed, horizontal date labels
  (no date locator, no rotated text), y ticks fixed integers (no layout pass, fixed margins);
- the PNG is a 64-colour palette image (Pillow's fast octree quantizer, zlib level 1):
  quicker to encode than RGBA and about a third of its size.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from datetime import date

WIDTH, HEIGHT, DPI = 1000, 500, 100
"""Size of every chart in pixels, and its resolution."""
MAX_X_TICKS = 8
PALETTE_COLOURS = 64
KEY_STEP = 0.055  # legend line height, in axes fractions

_LOCK = threading.Lock()
_DRAW_LOCK = threading.Lock()  # one shared figure (and matplotlib's font caches): one chart at a time
CACHED = 16
_CACHE: OrderedDict = OrderedDict()
_BOARD: list = []  # the process's _Board, once built


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
    with _DRAW_LOCK:
        if not _BOARD:
            _BOARD.append(_Board())
        return _BOARD[0].draw(title, days, series)


def warm() -> None:
    """Import matplotlib, build the process's figure and draw one chart (fonts and glyphs cached),
    so that the first ``/brief trends`` does not pay for it. Safe to call from any thread, more than once."""
    draw_issue_chart("warm-up", [date(2000, 1, 1), date(2000, 1, 2)], {"warm-up": [0, 1]})


def x_ticks(n_days: int, most: int = MAX_X_TICKS) -> list[int]:
    """Day positions (0-based) to label on an axis of ``n_days`` days: at most ``most``, evenly spaced."""
    step = max(1, -(-n_days // most))
    return list(range(0, n_days, step))


def y_ticks(top: int, most: int = 6) -> list[int]:
    """Integer ticks from 0 reaching at least ``top`` (1 when ``top`` < 1), at most ``most`` + 1 of
    them, on a 1-2-5 step."""
    top = max(1, top)
    step, scale = 1, 1
    while True:
        for mult in (1, 2, 5):
            step = mult * scale
            if -(-top // step) <= most:
                return list(range(0, -(-top // step) * step + 1, step))
        scale *= 10


def _date_label(d: date, span_days: int) -> str:
    return d.strftime("%b %Y") if span_days > 300 else d.strftime("%d %b")


class _Board:
    """The reused figure: built once, redrawn for every chart (see the module docstring)."""

    def __init__(self):
        import matplotlib

        matplotlib.use("Agg", force=True)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle

        self.fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0.06, 0.1, 0.92, 0.8))  # fixed margins: no layout pass
        self.title = self.fig.text(0.5, 0.95, "", ha="center", va="center", fontsize="large")
        self.ax.set_ylabel("articles per day")
        self.ax.grid(True, alpha=0.3)
        self.empty = self.ax.text(0.5, 0.5, "no issues in this period", ha="center", va="center",
                                  transform=self.ax.transAxes, visible=False)
        self.lines: list = []
        self.key_texts: list = []  # the legend: one coloured label per line on a white box
        self.key_box = self.ax.add_patch(Rectangle((0.008, 0.0), 0.0, 0.0, transform=self.ax.transAxes,
                                                   facecolor="white", edgecolor="0.8", alpha=0.9, zorder=3))

    def draw(self, title: str, days: list[date], series: dict[str, list[int]]) -> bytes:
        ax = self.ax
        xs = list(range(len(days)))
        while len(self.lines) < len(series):
            self.lines.append(ax.plot([], [], linewidth=1.8)[0])
        shown = []
        for i, line in enumerate(self.lines):
            line.set_visible(i < len(series))
        for line, (label, counts) in zip(self.lines, series.items()):
            line.set_data(xs, counts)
            line.set_label(label)
            shown.append(line)
        self.title.set_text(title)
        top = max((max(c, default=0) for c in series.values()), default=0)
        yt = y_ticks(top)
        ax.set_yticks(yt, [str(v) for v in yt])
        ax.set_ylim(0, yt[-1] + max(0.5, yt[-1] * 0.04))  # a little headroom above the highest tick
        xt = x_ticks(len(days))
        span = (days[-1] - days[0]).days if days else 0
        ax.set_xticks(xt, [_date_label(days[i], span) for i in xt])
        ax.set_xlim(0, max(1, len(days) - 1))
        self._key(shown)
        self.empty.set_visible(not shown)
        self.canvas.draw()
        return self._png()

    def _key(self, shown: list) -> None:
        """The legend in the upper left, drawn as plain texts in the lines' colours on one box:
        the same information as matplotlib's Legend without its box-packing layout pass."""
        while len(self.key_texts) < len(shown):
            i = len(self.key_texts)
            self.key_texts.append(self.ax.text(0.016, 0.975 - i * KEY_STEP, "", transform=self.ax.transAxes, va="top",
                                               fontsize="small", zorder=4))
        for i, text in enumerate(self.key_texts):
            text.set_visible(i < len(shown))
        for text, line in zip(self.key_texts, shown):
            text.set_text(f"\u2501\u2501 {line.get_label()}")
            text.set_color(line.get_color())
        longest = max((len(line.get_label()) for line in shown), default=0)
        self.key_box.set_visible(bool(shown))
        height = len(shown) * KEY_STEP + 0.01
        self.key_box.set_bounds(0.008, 0.985 - height, 0.03 + longest * 0.0068, height)

    def _png(self) -> bytes:
        from PIL import Image

        w, h = self.canvas.get_width_height()
        img = Image.frombuffer("RGBA", (w, h), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        img.quantize(PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE).save(buf, format="png", compress_level=1)
        return buf.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; raises ValueError when ``data`` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
