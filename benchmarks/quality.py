"""Brief quality against the gold annotations in ../shared/corpus/ (not a test).

Usage::

    python benchmarks/quality.py [--corpus DIR] [--half dev|held|all] [--summarizer NAME] [--json] [--verbose]

Every ``*.gold.json`` in the corpus folder (default: ``../shared/corpus`` beside the repo)
names an article (a ``.txt``/``.html`` file, possibly under ``../eval/``). Each article is
loaded with :func:`bot.ingest.files.load_article` and briefed with
:class:`summarizers.engine.BriefEngine` for the gold file's topic; the brief is scored with the
rules of the corpus README:

* actors: a gold actor is found when a brief actor's name equals the gold name or an alias,
  or contains the gold name. Key-actor recall counts key actors among the first 8 actors;
  ``not_actors`` hits count brief actors that name page furniture (author, photographers,
  agencies, menus); "extra" counts brief actors matching no gold actor (not all are wrong:
  gold lists only the actors that act in the story).
* roles: a role is right when it contains one of the gold ``role_terms`` (over gold actors
  that have role terms; an actor not found counts as a miss).
* quotes: a gold quote is found when a brief quote covers at least 80% of its words (case,
  punctuation and marks ignored); recall is given with and without ``partial quote`` ones.
  Attribution accuracy is right speakers over found quotes; wrong = found with a different
  (non-null) speaker; ``not_quotes`` hits count brief quotes that match a gold non-quotation.
* issues: a gold issue is found when one of the first 8 issue labels contains one of its
  ``accept`` words (key issues and all).
* furniture: summary sentences containing a ``summary_must_not_contain`` string.

Halves (``--half``): to see overfitting, the corpus is split once and for all into a
*development* half (the 7 articles of the first round plus every other later article, in
sorted order) and a *held-out* half (the remaining later articles), which rule writers do not
read. ``--half all`` (the default) scores everything and prints a total per half.

Exits 0 and prints a note when the corpus folder is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
_WORD = re.compile(r"[\w]+(?:['’][\w]+)?")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


def names_match(candidate: str | None, gold: dict) -> bool:
    """A brief name names a gold actor: equal to its name or an alias, or contains its name."""
    if not candidate:
        return False
    c = " ".join(words(candidate))
    g = " ".join(words(gold["name"]))
    forms = {g} | {" ".join(words(a)) for a in gold.get("aliases", [])}
    return c in forms or (g and re.search(rf"\b{re.escape(g)}\b", c) is not None)


def quote_found(brief_text: str, gold_text: str) -> bool:
    gw = words(gold_text)
    if not gw:
        return False
    bw = set(words(brief_text))
    return sum(1 for w in gw if w in bw) / len(gw) >= 0.8


def score_brief(brief: dict, gold: dict) -> dict:
    """Scores of one brief (``Brief.to_dict()`` shape) against one gold annotation."""
    actors = brief["actors"]
    first8 = actors[:8]
    gold_actors = gold["actors"]
    key = [g for g in gold_actors if g.get("key")]
    key_found = [g["name"] for g in key if any(names_match(a["name"], g) for a in first8)]
    key_missed = [g["name"] for g in key if g["name"] not in key_found]
    not_actor_hits = [a["name"] for a in actors for n in gold.get("not_actors", [])
                      if " ".join(words(n)) and re.search(rf"\b{re.escape(' '.join(words(n)))}\b", " ".join(words(a["name"])))]
    extra = [a["name"] for a in actors if not any(names_match(a["name"], g) or names_match(g["name"], {"name": a["name"]})
                                                  for g in gold_actors)]
    with_terms = [g for g in gold_actors if g.get("role_terms")]
    roles_right, roles_missed = [], []
    for g in with_terms:
        match = next((a for a in actors if names_match(a["name"], g)), None)
        if match and match.get("role") and any(t in match["role"].lower() for t in g["role_terms"]):
            roles_right.append(g["name"])
        else:
            roles_missed.append((g["name"], match["role"] if match else "(actor not found)", g["role_terms"]))

    quotes = brief["quotes"]
    found, right, wrong, unattributed, missed = [], [], [], [], []
    for gq in gold["quotes"]:
        match = next((q for q in quotes if quote_found(q["text"], gq["text"])), None)
        if not match:
            missed.append(gq["text"])
            continue
        found.append(gq)
        gold_actor = next((g for g in gold_actors if g["name"] == gq["speaker"]), {"name": gq["speaker"], "aliases": []})
        if names_match(match.get("speaker"), gold_actor):
            right.append(gq)
        elif match.get("speaker"):
            wrong.append((gq["text"], gq["speaker"], match["speaker"]))
        else:
            unattributed.append(gq["text"])
    full = [q for q in gold["quotes"] if not (q.get("note") or "").startswith("partial quote")]
    full_found = [q for q in found if q in full]
    not_quote_hits = [q["text"] for q in quotes for nq in gold.get("not_quotes", [])
                      if words(q["text"]) == words(nq)]

    labels = [i["label"].lower() for i in brief["issues"][:8]]
    gold_issues = gold.get("issues", [])
    issue_found = [g["label"] for g in gold_issues if any(any(a in lab for a in g["accept"]) for lab in labels)]
    key_issues = [g for g in gold_issues if g.get("key")]
    key_issue_found = [g["label"] for g in key_issues if g["label"] in issue_found]
    furniture = [s for s in brief["summary"] for f in gold.get("summary_must_not_contain", []) if f in s]
    return {
        "key_actors": (len(key_found), len(key)),
        "key_actors_missed": key_missed,
        "not_actors": not_actor_hits,
        "extra_actors": (len(extra), len(actors)),
        "roles": (len(roles_right), len(with_terms)),
        "roles_missed": roles_missed,
        "extra_names": extra,
        "quotes": (len(found), len(gold["quotes"])),
        "quotes_full": (len(full_found), len(full)),
        "attributed": (len(right), len(found)),
        "wrong": wrong,
        "unattributed": unattributed,
        "missed": missed,
        "not_quotes": not_quote_hits,
        "n_quotes": len(quotes),
        "key_issues": (len(key_issue_found), len(key_issues)),
        "issues": (len(issue_found), len(gold_issues)),
        "furniture": furniture,
    }


#: Articles the first round was built against: always in the development half.
FIRST_ROUND = {
    "000_1a059207eaaebc80", "bbc-politics-027", "bbc-politics-122", "bbc-politics-262",
    "html-aeb_ap_sondland-trump-ukraine", "html-rdb_bbc-1_obama-gun-laws", "html-trf_dw_berlin-colonial-past",
}


def half_of(ids: list[str]) -> dict[str, str]:
    """``{id: "dev" | "held"}``: first-round articles and every other later one (sorted) are dev."""
    later = sorted(i for i in ids if i not in FIRST_ROUND)
    halves = {i: "dev" for i in ids if i in FIRST_ROUND}
    halves.update({i: ("dev" if n % 2 == 0 else "held") for n, i in enumerate(later)})
    return halves


def brief_article(path: Path, gold: dict, engine) -> dict:
    from bot.ingest.files import load_article
    from config.topics import get_topic

    article = load_article(path)
    try:
        topic = get_topic(gold.get("topic") or "world")
    except Exception:  # an unknown topic still gets keyphrase issues
        topic = None
    return engine.brief(article, topic).to_dict()


def _pct(pair: tuple[int, int]) -> str:
    a, b = pair
    return f"{a}/{b}" + (f" {100 * a / b:.0f}%" if b else "")


_COLS = ["key_actors", "roles", "quotes", "quotes_full", "attributed", "key_issues", "issues"]


def _line(label: str, scores: list[dict]) -> str:
    """One table row: the sums of ``scores`` (one article's, or a group's totals)."""
    t = {c: (sum(s[c][0] for s in scores), sum(s[c][1] for s in scores)) for c in _COLS}
    wrong = sum(len(s["wrong"]) for s in scores)
    notact = sum(len(s["not_actors"]) for s in scores)
    extra = sum(s["extra_actors"][0] for s in scores)
    notq = sum(len(s["not_quotes"]) for s in scores)
    furn = sum(len(s["furniture"]) for s in scores)
    return (f"{label:38} {_pct(t['key_actors']):>9} {_pct(t['roles']):>10} {_pct(t['quotes']):>10} {_pct(t['quotes_full']):>10} "
            f"{_pct(t['attributed']):>10} {wrong:>5} {_pct(t['key_issues']):>8} {_pct(t['issues']):>8} "
            f"{notact:>6} {extra:>6} {notq:>4} {furn:>4}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--half", choices=["dev", "held", "all"], default="all",
                        help="score the development half, the held-out half, or all (with a total per half)")
    parser.add_argument("--summarizer", default=None, help="summary algorithm (default: the engine's)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses, wrong speakers and furniture")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (nothing to score)")
        return 0
    from bot.ingest.extract import ArticleInputError
    from summarizers.engine import BriefEngine

    engine = BriefEngine(**({"summarizer": args.summarizer} if args.summarizer else {}))
    rows = []
    t0 = time.perf_counter()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.corpus.glob("*.gold.json"))]
    halves = half_of([g["id"] for g in golds])
    gold_by_id: dict[str, dict] = {}
    for gold in golds:
        if args.half != "all" and halves[gold["id"]] != args.half:
            continue
        article_path = (args.corpus / gold["article"]).resolve()
        if not article_path.exists():
            print(f"skip {gold['id']}: article not found ({article_path})", file=sys.stderr)
            continue
        try:
            brief = brief_article(article_path, gold, engine)
        except ArticleInputError as exc:  # the ingest rule refused the page (not an article)
            print(f"skip {gold['id']}: {exc}", file=sys.stderr)
            continue
        rows.append((gold["id"], score_brief(brief, gold), brief))
        gold_by_id[gold["id"]] = gold
    elapsed = time.perf_counter() - t0

    if args.json:
        print(json.dumps({rid: s for rid, s, _ in rows}, indent=1, default=list))
        return 0
    head = f"{'article':38} {'keyact':>9} {'roles':>10} {'quotes':>10} {'q(full)':>10} {'attrib':>10} {'wrong':>5} {'keyiss':>8} {'issues':>8} {'notact':>6} {'extra':>6} {'notq':>4} {'furn':>4}"
    print(head)
    print("-" * len(head))
    for rid, s, _ in rows:
        print(_line(rid[:38], [s]))
    print("-" * len(head))
    if args.half == "all":
        for half, label in (("dev", "TOTAL dev half"), ("held", "TOTAL held-out half")):
            group = [s for rid, s, _ in rows if halves[rid] == half]
            if group:
                print(_line(f"{label} ({len(group)})", group))
    print(_line(f"TOTAL ({len(rows)})", [s for _, s, _ in rows]))
    print(f"\n{len(rows)} articles in {elapsed:.1f}s (summarizer: {engine.summarizer})")
    if args.verbose:
        for rid, s, brief in rows:
            print(f"\n== {rid}")
            print("  actors:", ", ".join(f"{a['name']} [{a['role']}]" if a["role"] else a["name"] for a in brief["actors"][:12]))
            for name in s["key_actors_missed"]:
                where = next((n + 1 for n, a in enumerate(brief["actors"]) if names_match(a["name"], next(
                    g for g in gold_by_id[rid]["actors"] if g["name"] == name))), None)
                print(f"  key actor missed: {name} ({f'ranked {where}' if where else 'not found'})")
            for name, got, terms in s["roles_missed"]:
                print(f"  role miss: {name}: {got!r} (want one of {terms})")
            print("  extra actors:", ", ".join(s["extra_names"]))
            for text, gold_sp, got in s["wrong"]:
                print(f"  WRONG speaker {got!r} (gold {gold_sp!r}): {text[:70]}")
            for text in s["unattributed"]:
                print(f"  no speaker: {text[:70]}")
            for text in s["missed"]:
                print(f"  quote not found: {text[:70]}")
            for name in s["not_actors"]:
                print(f"  not-actor listed: {name}")
            for text in s["not_quotes"]:
                print(f"  not-quote listed: {text}")
            for sent in s["furniture"]:
                print(f"  furniture in summary: {sent[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
