"""Quote-bank reports as terminal text, and their chart written to a file (the console cannot show images)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.replies import Image, Report, ReportLine


def render_report(report: Report) -> str:
    """Title, subtitle, then each section's heading and indented lines; quotes in curly quotes."""
    out = [f"# {report.title}"]
    if report.subtitle:
        out.append(report.subtitle)
    for section in report.sections:
        out.append("")
        if section.heading:
            out.append(f"## {section.heading}")
        out += [f"  {line_text(line)}" for line in section.lines]
    return "\n".join(out)


def line_text(line: ReportLine) -> str:
    """``“quote” — text · URL`` (parts that are absent left out)."""
    parts = [f"“{line.quote}”" if line.quote else "", line.text]
    text = " — ".join(p for p in parts if p)
    return f"{text} · {line.url}" if line.url else text


def write_image(image: Image, folder: Path) -> Path:
    """Write ``image`` into ``folder`` (created when missing) under its file name made safe
    (letters, digits, ``.-_``); an existing file of that name is replaced. Returns the path.
    Raises OSError when the folder cannot be written."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", image.filename).strip(".-") or "chart.png"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(image.data)
    return path
