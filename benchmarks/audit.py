"""Audit of brief outputs on real articles without gold annotations (not a test).

Usage::

    python benchmarks/audit.py [--eval DIR] [--dump FILE] [--diff FILE] [-v]

Briefs the 30 pages of ``../shared/eval/html/`` and 30 BBC articles (10 each from politics,
business and entertainment, evenly spaced through each folder, plus the ones named with
``--bbc CATEGORY/NNN``) and counts *suspicious* outputs, each a kind of error a break-it
review found (a count is an upper bound on errors, not a score):

* ``caps``: an actor name with an all-capitals word beside a mixed-case one ("TOM ELLIOTT IT",
  "MALCOLM Fraser") — page furniture or a by-line fused into a name;
* ``fused``: a name with a lowercase→uppercase join inside a word ("NoemKristi");
* ``lower``: a person "name" that starts in lowercase or with a determiner/possessive
  ("his spokesman", "agency spokesman");
* ``oneword``: a person named by a single word mentioned at least 4 times (often an
  organisation typed as a person: "Facebook");
* ``role``: a role that is plural, ends in an adverb, or holds another actor's name;
* ``orgspk``: a quote whose speaker is an organisation or place;
* ``nullq``: quotes with a null speaker (not an error; printed to watch the trade-off).

``--dump FILE`` writes every brief as JSON; ``--diff FILE`` prints quote speakers that changed
against such a dump (what to check by eye after a change). Exits 0 when the folder is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
_ADVERB_END = re.compile(r"\b\w+ly$|\b(?:recently|now|also|still|then|too|again)$", re.I)


def sample(eval_dir: Path, extra: list[str]) -> list[tuple[str, Path]]:
    """(label, path) of the audited articles."""
    out = []
    html = eval_dir / "html"
    for d in sorted(p for p in html.iterdir() if p.is_dir()):
        if (d / "source.html").exists():
            out.append((f"html/{d.name}", d / "source.html"))
    bbc = eval_dir / "bbc" / "News Articles"
    for cat in ("politics", "business", "entertainment"):
        files = sorted((bbc / cat).glob("*.txt"))
        step = max(1, len(files) // 10)
        for f in files[::step][:10]:
            out.append((f"bbc/{cat}/{f.stem}", f))
    for e in extra:
        cat, num = e.split("/")
        out.append((f"bbc/{cat}/{num}", bbc / cat / f"{num}.txt"))
    seen, uniq = set(), []
    for label, p in out:
        if label not in seen:
            seen.add(label)
            uniq.append((label, p))
    return uniq


def suspicious(brief: dict) -> dict[str, list[str]]:
    """The suspicious outputs of one brief (``Brief.to_dict()`` shape), by kind."""
    found: dict[str, list[str]] = {k: [] for k in ("caps", "fused", "lower", "oneword", "role", "orgspk")}
    names = [a["name"] for a in brief["actors"]]
    types = {a["name"]: a["type"] for a in brief["actors"]}
    for a in brief["actors"]:
        n, words = a["name"], a["name"].split()
        if any(len(w) > 1 and w.isupper() and w.isalpha() for w in words) and \
                any(w[:1].isupper() and not w.isupper() for w in words):
            found["caps"].append(n)
        if re.search(r"[a-z][A-Z][a-z]", n) and not re.match(r"^(?:Mc|Mac|De|Di|La|Le|O')", n):
            if not any(re.fullmatch(r"(?:Mc|Mac)[A-Z]\w+|[A-Z][a-z]+[A-Z][a-z]+", w) and len(words) > 1 for w in words):
                found["fused"].append(n)
        if a["type"] == "person" and (n[:1].islower() or re.match(r"(?i)(?:the|a|an|his|her|their|its)\b", n)):
            found["lower"].append(n)
        if a["type"] == "person" and len(words) == 1 and a["mentions"] >= 4:
            found["oneword"].append(n)
        r = a.get("role")
        if r:
            last = r.split()[-1]
            others = [o for o in names if o != n and types.get(o) == "person" and o in r]
            if (last.endswith("s") and not last.endswith(("ss", "us", "is", "'s", "’s")) and last.islower()) \
                    or _ADVERB_END.search(r) or others:
                found["role"].append(f"{n} — {r}")
    for q in brief["quotes"]:
        if q["speaker"] and types.get(q["speaker"]) in ("organization", "place"):
            found["orgspk"].append(f"{q['speaker']}: {q['text'][:50]}")
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--bbc", action="append", default=[], help="also audit CATEGORY/NNN")
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--diff", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not args.eval.is_dir():
        print(f"no eval folder at {args.eval}; nothing to audit")
        return 0
    from bot.ingest.files import load_article
    from config.topics import get_topic
    from summarizers.engine import BriefEngine

    engine, topic = BriefEngine(), get_topic("world")
    briefs, totals = {}, {}
    kinds = ("caps", "fused", "lower", "oneword", "role", "orgspk")
    print(f"{'article':52}" + "".join(f"{k:>8}" for k in kinds) + f"{'quotes':>8}{'nullq':>7}")
    for label, path in sample(args.eval, args.bbc):
        try:
            brief = engine.brief(load_article(path), topic).to_dict()
        except Exception as exc:  # an article the engine refuses is reported, not fatal
            print(f"{label[:52]:52} error: {exc}")
            continue
        briefs[label] = brief
        s = suspicious(brief)
        nq = len(brief["quotes"])
        nn = sum(1 for q in brief["quotes"] if not q["speaker"])
        for k in kinds:
            totals[k] = totals.get(k, 0) + len(s[k])
        totals["quotes"] = totals.get("quotes", 0) + nq
        totals["nullq"] = totals.get("nullq", 0) + nn
        print(f"{label[:52]:52}" + "".join(f"{len(s[k]):>8}" for k in kinds) + f"{nq:>8}{nn:>7}")
        if args.verbose:
            for k in kinds:
                for item in s[k]:
                    print(f"    {k}: {item}")
    print(f"{'TOTAL':52}" + "".join(f"{totals.get(k, 0):>8}" for k in kinds)
          + f"{totals.get('quotes', 0):>8}{totals.get('nullq', 0):>7}")
    if args.dump:
        args.dump.write_text(json.dumps(briefs, indent=1, ensure_ascii=False))
    if args.diff and args.diff.exists():
        old = json.loads(args.diff.read_text())
        changed = 0
        for label, brief in briefs.items():
            before = {q["text"]: q["speaker"] for q in old.get(label, {}).get("quotes", [])}
            for q in brief["quotes"]:
                if q["text"] in before and before[q["text"]] != q["speaker"]:
                    changed += 1
                    print(f"  {label}: {before[q['text']]!s} -> {q['speaker']!s}: {q['text'][:70]}")
        print(f"{changed} quotes changed speaker")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
