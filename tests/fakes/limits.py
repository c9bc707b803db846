"""Platform limit checkers used by the rendering tests (numbers from the platforms' docs)."""

from __future__ import annotations

import json


def slack_block_text_len(block: dict) -> int:
    total, stack = 0, [block]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if k == "text" and isinstance(v, str):
                    total += len(v)
                else:
                    stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
    return total


def check_slack_message(message: dict) -> list[str]:
    """Problems of one chat.postMessage payload against Block Kit limits (empty when fine)."""
    problems = []
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    if not blocks or len(blocks) > 50:
        problems.append(f"{len(blocks)} blocks")
    if not message.get("text") or len(message["text"]) > 4000:
        problems.append("fallback text missing or too long")
    total = 0
    for b in blocks:
        total += slack_block_text_len(b)
        t = b["type"]
        if t == "header":
            if b["text"]["type"] != "plain_text" or not (0 < len(b["text"]["text"]) <= 150):
                problems.append(f"header of {len(b['text']['text'])}")
        elif t == "section":
            if not (0 < len(b["text"]["text"]) <= 3000):
                problems.append(f"section of {len(b['text']['text'])}")
        elif t == "context":
            if not (0 < len(b["elements"]) <= 10) or any(len(e["text"]) > 3000 for e in b["elements"]):
                problems.append("context too big")
        elif t == "rich_text":
            if slack_block_text_len(b) > 4000:
                problems.append("rich_text too big")
        elif t != "divider":
            problems.append(f"unexpected block {t}")
    if total > 12000:
        problems.append(f"message text {total} chars")
    if len(json.dumps(blocks)) > 40000:
        problems.append("payload too large")
    return problems


def check_embed(e: dict) -> list[str]:
    """Problems of one Discord embed (``Embed.to_dict()``) against the documented limits."""
    p = []
    if len(e.get("title", "")) > 256:
        p.append("title > 256")
    if len(e.get("description", "")) > 4096:
        p.append("description > 4096")
    fields = e.get("fields", [])
    if len(fields) > 25:
        p.append("> 25 fields")
    for f in fields:
        if not (0 < len(f["name"]) <= 256):
            p.append(f"field name {len(f['name'])}")
        if not (0 < len(f["value"]) <= 1024):
            p.append(f"field value {len(f['value'])}")
    if len(e.get("footer", {}).get("text", "")) > 2048:
        p.append("footer > 2048")
    if len(e.get("author", {}).get("name", "")) > 256:
        p.append("author > 256")
    return p


def embed_chars(e: dict) -> int:
    return (len(e.get("title", "")) + len(e.get("description", "")) + len(e.get("footer", {}).get("text", ""))
            + len(e.get("author", {}).get("name", "")) + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields", [])))


def check_discord_message(embeds: list[dict], content: str | None = None) -> list[str]:
    """Problems of one Discord message: each embed, ≤ 10 embeds, ≤ 6000 characters across them."""
    p = [f"embed {i}: {x}" for i, e in enumerate(embeds) for x in check_embed(e)]
    if len(embeds) > 10:
        p.append(f"{len(embeds)} embeds")
    if sum(embed_chars(e) for e in embeds) > 6000:
        p.append(f"{sum(embed_chars(e) for e in embeds)} chars across embeds")
    if content and len(content) > 2000:
        p.append("content > 2000")
    return p
