"""Mutation check of ``bot/digest/`` (not a test: tens of minutes): does the suite notice a
deliberate bug in the exactly-once bookkeeping?

Each mutant below is one small, plausible bug (a compare-and-set that reports success when it
changed nothing, a lost ownership check, a heartbeat that never beats, an unknown answer taken
for "posted", ...). For each, a copy of the checkout gets the change and the digest tests run
against it (``-x``: the first failing test kills the mutant). A mutant that survives is either
a gap in the tests or harmless; the report lists the survivors for a person to judge.

Run from a checkout: ``python benchmarks/mutants_digest.py [--only N ...] [--tests FILE ...]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = [
    "tests/test_digest_claims.py",
    "tests/test_delivery_ambiguous.py",
    "tests/test_delivered.py",
    "tests/test_digest_delivery.py",
    "tests/test_digest_cli_post.py",
    "tests/test_scheduler_clock.py",
    "tests/test_digest_render.py",
]

# (file under bot/digest/, original text, mutated text, the bug it stands for)
MUTANTS: list[tuple[str, str, str, str]] = [
    ("claims.py", "    return n > 0\n\n\ndef claim_run", "    return n >= 0\n\n\ndef claim_run",
     "take_over reports success when the compare-and-set changed nothing"),
    ("claims.py", "    if claim.owner != instance:\n        q = q.where(Delivery.claimed_at < lease_cutoff)",
     "    if False:\n        q = q.where(Delivery.claimed_at < lease_cutoff)",
     "take_over does not re-check the lease (a renewed claim is taken)"),
    ("claims.py", "where(Delivery.digest_id == claim.digest_id, owner, Delivery.state.in_(OPEN_STATES))",
     "where(Delivery.digest_id == claim.digest_id, Delivery.state.in_(OPEN_STATES))",
     "take_over does not compare the owner"),
    ("claims.py", "    return n == 1\n", "    return True\n", "the scheduled-run claim always succeeds"),
    ("claims.py", "Subscription.last_run_at < due)", "Subscription.last_run_at <= due)",
     "the same scheduled run can be claimed twice"),
    ("claims.py", "        if run is not None and not _claim_run(s, *run):", "        if False:",
     "articles claimed without claiming the scheduled run"),
    ("claims.py", "return set(s.scalars(select(Delivery.article_id).where(Delivery.digest_id == digest_id)))",
     "return set(s.scalars(select(Delivery.article_id).where(Delivery.article_id.in_(article_ids))))",
     "claim_articles returns articles another instance claimed"),
    ("claims.py", "    if n == 0:\n        raise ClaimLost", "    if False:\n        raise ClaimLost",
     "mark_part does not notice a lost claim"),
    ("claims.py", ".where(Delivery.digest_id == digest_id, Delivery.claimed_by == owner, Delivery.state.in_(OPEN_STATES),\n",
     ".where(Delivery.digest_id == digest_id, Delivery.state.in_(OPEN_STATES),\n",
     "mark_part ignores the owner"),
    ("claims.py", "            .values(claimed_at=now)\n", "            .values(claimed_at=Delivery.claimed_at)\n",
     "renew does not move claimed_at (no heartbeat)"),
    ("claims.py", "delete(Delivery).where(Delivery.digest_id == digest_id, Delivery.state.in_(OPEN_STATES))",
     "delete(Delivery).where(Delivery.digest_id == digest_id)",
     "release also drops rows already sent"),
    ("claims.py", "or_(Delivery.claimed_by == instance, Delivery.claimed_at < lease_cutoff)",
     "Delivery.claimed_at < lease_cutoff",
     "a restarted instance does not recover its own claims at once"),
    ("claims.py", "(last_part.get(did) or 0) + 1,", "1,", "a resumed digest reuses message numbers"),
    ("claims.py", "            .values(part=part)\n", "            .values(part=Delivery.part)\n",
     "note_part records nothing (header-only message numbers reused)"),
    ("claims.py", 'OPEN_STATES = ("pending", "posting")', 'OPEN_STATES = ("pending",)',
     "rows in posting are not open"),
    ("claims.py", '    q = update(Delivery).where(Delivery.digest_id == digest_id, Delivery.state.in_(OPEN_STATES))\n    if owner',
     '    q = update(Delivery).where(Delivery.digest_id == digest_id)\n    if owner',
     "set_state also rewrites sent rows"),
    ("post.py", "            await asyncio.sleep(seconds)\n", "            await asyncio.sleep(seconds * 1000)\n",
     "the heartbeat never beats"),
    ("post.py", "        if not part.article_ids:  #", "        if False:  #",
     "header-only parts are not noted"),
    ("post.py", 'part.article_ids, "posting", part.number)', 'part.article_ids, "sent", part.number)',
     "a part is recorded as sent before it is posted"),
    ("post.py", '        if await asyncio.to_thread(claims.set_state, store, did, "posting", None, owner=owner) == 0:',
     '        if await asyncio.to_thread(claims.set_state, store, did, "posting", None, owner=owner) < 0:',
     "a whole-digest post does not notice a lost claim"),
    ("deliver.py", "            seen = await self._posted(ad, claim, part)\n            if seen:",
     "            seen = await self._posted(ad, claim, part)\n            if seen is not False:",
     "recovery takes 'cannot tell' for 'posted' (a gap)"),
    ("deliver.py", "                    resend = [i for i in resend if i not in set(ids)]", "                    pass",
     "recovery re-sends a part it just confirmed"),
    ("deliver.py", "claim.next_part if posts_in_parts(ad) else 1)", "1)",
     "a resumed digest numbers its messages from 1 again"),
    ("deliver.py", "        except Exception as exc:\n            await asyncio.to_thread(claims.release, self.store, did)",
     "        except Exception as exc:\n            pass",
     "a refused digest keeps its claims (articles stuck until recovery)"),
    ("deliver.py", "        except DeliveryUncertain as exc:\n",
     "        except DeliveryUncertain as exc:\n            await asyncio.to_thread(claims.release, self.store, did)\n",
     "an uncertain part is released into the next digest (possible duplicate)"),
    ("deliver.py", "                if run is not None and not await asyncio.to_thread(claims.claim_run, self.store, *run):",
     "                if False:", "the no-articles path does not claim the scheduled run"),
    ("deliver.py", "                kept = _restrict(kept, got)\n", "",
     "articles another instance claimed are posted too"),
    ("deliver.py", "claims.take_over, self.store, claim, self.instance_id, self.clock(), self._cutoff()):",
     "claims.take_over, self.store, claim, self.instance_id, self.clock(), self._cutoff()) and False:",
     "recovery ignores the take-over result"),
    ("deliver.py", "settings.digest.claim_lease_minutes * 60 / 3", "settings.digest.claim_lease_minutes * 60 * 3",
     "the heartbeat is slower than the lease"),
    ("deliver.py", "exclude=set(self._inflight)", "exclude=set()",
     "recovery picks up digests being posted by this very instance"),
    ("select.py", "and_(Delivery.adapter == adapter, Delivery.channel == channel, Delivery.article_id == Article.id)",
     "and_(Delivery.adapter == adapter, Delivery.article_id == Article.id)",
     "one channel's delivery hides the article from every channel"),
    ("select.py", "ArticleTopic.added_at >= since", "ArticleTopic.added_at > since",
     "an article added exactly at 'since' is left out"),
    ("compose.py", "    return stories[:max_stories], stories[max_stories:]", "    return stories[:max_stories], []",
     "stories over the cap are neither posted nor deferred"),
    ("deliver.py", "        arts = tuple(a for a in s.articles if a.id in got)", "        arts = tuple(s.articles)",
     "_restrict keeps articles this instance did not claim"),
]


def copy_checkout(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    for f in files:
        src = REPO / f
        if src.is_file():
            (dest / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / f)


def run_mutant(i: int, work: Path, tests: list[str]) -> tuple[bool, float, str]:
    fname, old, new, _ = MUTANTS[i]
    path = work / "bot" / "digest" / fname
    original = path.read_text()
    if original.count(old) != 1:
        return False, 0.0, f"pattern found {original.count(old)} times"
    path.write_text(original.replace(old, new))
    env = dict(os.environ, PYTHONPATH=str(work))
    t0 = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *tests],
                              cwd=work, env=env, capture_output=True, text=True, timeout=1800)
    finally:
        path.write_text(original)
    killed = proc.returncode != 0
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("FAILED") or ln.startswith("ERROR")]
    return killed, time.monotonic() - t0, (lines[0] if lines else proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", type=int, nargs="*", help="mutant numbers (1-based) to run")
    p.add_argument("--tests", nargs="*", default=TESTS)
    args = p.parse_args()
    chosen = [i - 1 for i in args.only] if args.only else list(range(len(MUTANTS)))
    with tempfile.TemporaryDirectory(prefix="briefbot-mutants-") as tmp:
        work = Path(tmp)
        copy_checkout(work)
        survivors = []
        for i in chosen:
            killed, secs, detail = run_mutant(i, work, args.tests)
            fname, _, _, what = MUTANTS[i]
            print(f"{i + 1:2d} {'killed  ' if killed else 'SURVIVED'} {secs:6.1f}s {fname}: {what} — {detail}", flush=True)
            if not killed:
                survivors.append(i + 1)
        print(f"{len(chosen)} mutants, {len(chosen) - len(survivors)} killed, {len(survivors)} survived: {survivors}")


if __name__ == "__main__":
    main()
