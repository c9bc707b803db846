"""Article input: .txt (title detection), .html (trafilatura), .json, and every file error."""

from __future__ import annotations

import json

import pytest

from bot.ingest import files
from bot.ingest.extract import ArticleInputError, NotAnArticleError, extract_html
from bot.ingest.files import guess_title, load_article
from summarizers.errors import EmptyTextError
from tests.conftest import shared_path

BODY = (
    "The governments of Mexico and the United States agreed on Tuesday to expand a program of "
    "temporary work visas for farm workers, officials in both capitals said after a day of talks. "
    "The program will add forty thousand visas next year and will be reviewed every six months."
)
PAGE = f"""<!doctype html><html><head><title>Work visa deal | Example News</title>
<meta property="og:title" content="US and Mexico expand work visa program">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-05-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>US and Mexico expand work visa program</h1>
<p>{BODY}</p>
<p>"This is a practical answer to a shortage of labor," said Maria Lopez, a labor economist. Farm groups in California welcomed the decision, while unions asked for stronger protections for the workers who will come north.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def test_txt_title_after_menu_lines(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("1. Skip to content\n2. Skip to main menu\n\nVisa deal reached between neighbours\n\nJane Reporter\n\n" + BODY, encoding="utf-8")
    art = load_article(p)
    assert art.meta.title == "Visa deal reached between neighbours"
    assert BODY in art.text


def test_txt_without_headline_has_no_title(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text(BODY + "\n\n" + BODY, encoding="utf-8")
    assert load_article(p).meta.title is None
    assert guess_title("Short line\n") is None  # nothing follows


def test_txt_in_windows_1252(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes(("Pe\u00f1a Nieto\u2019s visit\n\n" + BODY).encode("cp1252"))
    art = load_article(p)
    assert art.meta.title == "Pe\u00f1a Nieto\u2019s visit"


def test_html_file(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    art = load_article(p)
    assert art.meta.title == "US and Mexico expand work visa program"
    assert art.meta.published.startswith("2024-05-14")
    assert art.meta.author == "Jane Reporter"
    assert "forty thousand visas" in art.text
    assert "Home" not in art.text.split("\n")[0]


def test_json_with_text_and_with_html(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": "T", "url": "https://example.org/a", "published": "2024-05-14", "source": "Example", "text": BODY}))
    art = load_article(p)
    assert (art.meta.title, art.meta.url, art.meta.source, art.meta.published) == ("T", "https://example.org/a", "Example", "2024-05-14")
    assert art.text == BODY
    q = tmp_path / "b.json"
    q.write_text(json.dumps({"url": "https://example.org/b", "html": PAGE}))
    art = load_article(q)
    assert art.meta.title == "US and Mexico expand work visa program"
    assert art.meta.url == "https://example.org/b"


@pytest.mark.parametrize(
    "name,content,error,message",
    [
        ("empty.txt", b"  \n\n ", EmptyTextError, "empty"),
        ("bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, ArticleInputError, "binary"),
        ("bad.json", b'{"title": "x", "text": ', ArticleInputError, "invalid JSON"),
        ("list.json", b'["a", "b"]', ArticleInputError, "object"),
        ("notext.json", b'{"title": "only a title"}', ArticleInputError, "neither"),
        ("emptytext.json", b'{"title": "t", "text": "  "}', EmptyTextError, "empty"),
        ("index.html", b"<html><body><ul><li><a href='/'>Home</a></li></ul></body></html>", NotAnArticleError, "does not contain an article"),
    ],
)
def test_bad_files_raise_clear_errors(tmp_path, name, content, error, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(error, match=message) as info:
        load_article(p)
    assert name in str(info.value) or error is NotAnArticleError


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ArticleInputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleInputError, match="is a directory"):
        load_article(tmp_path)


def test_unreadable_file(tmp_path):
    import os

    p = tmp_path / "secret.txt"
    p.write_text(BODY)
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        with pytest.raises(ArticleInputError, match="cannot read"):
            load_article(p)
    finally:
        p.chmod(0o644)


def test_huge_file_is_capped_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 4096)
    p = tmp_path / "huge.txt"
    p.write_text((BODY + "\n\n") * 200, encoding="utf-8")
    warnings = []
    art = load_article(p, warn=warnings.append)
    assert len(art.text.encode()) <= 4096
    assert warnings and "only the first" in warnings[0]


@pytest.mark.shared
def test_extract_html_on_real_pages_finds_the_article_body():
    """trafilatura on real news pages: most words of the human-annotated body are found."""
    root = shared_path("eval", "html")
    checked = 0
    for folder in sorted(root.glob("aeb_*")):
        expected = (folder / "expected.txt").read_text(encoding="utf-8")
        art = extract_html((folder / "source.html").read_bytes())
        got, want = set(art.text.lower().split()), set(expected.lower().split())
        assert len(got & want) / len(want) > 0.8, folder.name
        checked += 1
    assert checked >= 10
