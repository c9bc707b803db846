"""Article input: .txt (title detection), .html (trafilatura), .json, and every file error."""

from __future__ import annotations

import codecs
import json
import re

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


# --- break-it findings: encodings, HTML in .txt, feeds, FIFOs, stdin, JSON types, huge pages -------

SPANISH_NAMES = "El café de la señora Peña en México: según Pérez, «la decisión llegará pronto»."


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16", b""),  # Python writes the BOM itself
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", b""),  # no BOM at all: recognised by its zero bytes
])
def test_text_files_with_byte_order_marks_or_in_utf16_are_read(tmp_path, encoding, bom):
    p = tmp_path / "story.txt"
    text = "Visa deal reached between neighbours\n\n" + BODY + "\n\n" + SPANISH_NAMES
    p.write_bytes(bom + text.encode(encoding))
    art = load_article(p)
    assert art.meta.title == "Visa deal reached between neighbours"
    assert BODY in art.text and SPANISH_NAMES in art.text and "\ufeff" not in art.text


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_undeclared_western_encodings_give_no_mojibake(tmp_path, encoding):
    p = tmp_path / "story.txt"
    p.write_bytes((BODY + "\n\n" + SPANISH_NAMES + " " + BODY).encode(encoding))
    art = load_article(p)
    assert "señora Peña" in art.text and "Pérez" in art.text and "Peńa" not in art.text


def test_undeclared_page_encodings_are_detected(tmp_path):
    from bot.ingest.decoding import decode_bytes

    polish = "Rząd ogłosił w środę, że źródła finansowania są niepewne, a posłowie będą głosować nad ustawą. " * 3
    assert decode_bytes(polish.encode("cp1250"))[0] == polish  # not read as Windows-1252 ("og³osi³")
    russian = "Правительство объявило в среду, что источники финансирования остаются неопределёнными. " * 3
    assert decode_bytes(russian.encode("cp1251"))[0] == russian
    page = f"<html><head><meta charset='windows-1252'></head><body><p>{SPANISH_NAMES}</p></body></html>"
    assert decode_bytes(page.encode("cp1252"), html=True)[0] == page
    # a page declared Latin-1 that is really UTF-8 (a common server mistake) is read as UTF-8
    assert decode_bytes(SPANISH_NAMES.encode("utf-8"), declared="iso-8859-1")[0] == SPANISH_NAMES
    # a size cap that cut a character in half drops it instead of failing
    assert decode_bytes("Peña".encode("utf-8")[:-2])[0] == "Pe"


def test_latin1_page_without_charset_is_extracted_without_mojibake(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(PAGE.replace("<meta name=\"author\"", "").replace(BODY, BODY + " " + SPANISH_NAMES).encode("cp1252"))
    assert "señora Peña" in load_article(p).text


def test_html_page_saved_as_txt_is_extracted_as_html(tmp_path):
    p = tmp_path / "saved.txt"
    p.write_text("<html lang='en'><head><script>var x = function(){return 1};</script>"
                 + PAGE.split("<head>", 1)[1], encoding="utf-8")
    warnings = []
    art = load_article(p, warn=warnings.append)
    assert art.meta.title == "US and Mexico expand work visa program"
    assert "var x" not in art.text and "<p>" not in art.text and "forty thousand visas" in art.text
    assert any("holds an HTML page" in w for w in warnings)
    prose = tmp_path / "prose.txt"  # text that merely mentions a tag stays text
    prose.write_text(BODY + " Editors use <p> tags for paragraphs.\n", encoding="utf-8")
    assert "<p> tags" in load_article(prose).text


@pytest.mark.parametrize("name,doc", [
    ("feed.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'),
    ("feed.txt", '<?xml version="1.0" encoding="utf-8"?>\n<!-- a comment -->\n<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'),
    ("feed.html", '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'),
])
def test_a_feed_given_as_an_article_says_where_feeds_belong(tmp_path, name, doc):
    p = tmp_path / name
    p.write_text(doc, encoding="utf-8")
    with pytest.raises(ArticleInputError, match="this is an RSS/Atom feed, not an article: add its URL to a topic's feeds"):
        load_article(p)


def test_fifo_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleInputError, match="is a FIFO .* not a regular file; .* --article -"):
        load_article(fifo)  # opening a FIFO with no writer would block for ever
    with pytest.raises(ArticleInputError, match="is a device, not a regular file"):
        load_article("/dev/zero")


def test_dash_reads_the_article_from_standard_input():
    import io

    art = load_article("-", stdin=io.BytesIO(("Visa deal reached between neighbours\n\n" + BODY).encode("utf-16")))
    assert art.meta.title == "Visa deal reached between neighbours" and BODY in art.text
    art = load_article("-", stdin=io.BytesIO(json.dumps({"title": "From a pipe", "text": BODY}).encode()))
    assert art.meta.title == "From a pipe"
    with pytest.raises(EmptyTextError, match="<stdin>: the file is empty"):
        load_article("-", stdin=io.BytesIO(b""))


@pytest.mark.parametrize("doc,field,kind", [
    ({"text": ["a", "b"]}, "text", "a list"),
    ({"html": 12345}, "html", "a number (12345)"),
    ({"title": {"x": 1}, "text": BODY}, "title", "an object"),
    ({"published": True, "text": BODY}, "published", "a boolean"),
])
def test_json_fields_of_the_wrong_type_are_named(tmp_path, doc, field, kind):
    p = tmp_path / "a.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ArticleInputError, match=re.escape(f'the JSON field "{field}" must be a string (or null), not {kind}')):
        load_article(p)
    q = tmp_path / "s.json"
    q.write_text('"just a string"', encoding="utf-8")
    with pytest.raises(ArticleInputError, match="must be an object .* not a string"):
        load_article(q)


def test_a_json_url_that_is_not_a_web_address_never_reaches_the_article(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"title": "T", "url": "file:///work/main/secret.txt", "text": BODY}), encoding="utf-8")
    warnings = []
    art = load_article(p, warn=warnings.append)
    assert art.meta.url is None and any("is not an http(s) URL; ignored" in w for w in warnings)


def test_a_plain_text_dateline_is_the_publication_date(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Visa deal reached between neighbours\n\nBy Jane Reporter\nMarch 4, 2025\n\n" + BODY, encoding="utf-8")
    assert load_article(p).meta.published == "2025-03-04"
    q = tmp_path / "b.txt"
    q.write_text("Visa deal reached between neighbours\n\n" + BODY, encoding="utf-8")
    assert load_article(q).meta.published is None  # no date: unknown, never "now"


def test_huge_page_markup_is_cut_before_extraction_and_the_user_is_told(tmp_path):
    from bot.ingest.extract import MAX_MARKUP_CHARS, prepare_markup

    para = "<p>" + BODY + "</p>"
    big = "<html><head><title>Huge</title></head><body><article><h1>Huge page</h1>" + para * (MAX_MARKUP_CHARS // len(para) * 3)
    p = tmp_path / "big.html"
    p.write_text(big + "</article></body></html>", encoding="utf-8")
    warnings = []
    art = load_article(p, warn=warnings.append)
    assert "forty thousand visas" in art.text
    assert len(art.text) < MAX_MARKUP_CHARS  # only the first part of the markup was read
    assert any("the page is very large" in w and "only the first 1 million characters" in w for w in warnings)

    # scripts, styles, SVG and comments go first (JSON-LD metadata stays), so they do not count
    padded = ("<html><head><script type='application/ld+json'>{\"datePublished\": \"2024-05-14\"}</script>"
              "<script>" + "x" * MAX_MARKUP_CHARS + "</script><style>" + "y" * 1000 + "</style></head><body>"
              "<!-- " + "z" * 1000 + " --><svg><path d='M0'/></svg><p>" + BODY + "</p></body></html>")
    markup, cut = prepare_markup(padded)
    assert not cut and BODY in markup and "ld+json" in markup and "xxxx" not in markup
    assert "yyyy" not in markup and "zzzz" not in markup and "<svg" not in markup
    # an element left open drops the rest, in one linear pass (no quadratic rescans)
    markup, _ = prepare_markup("<p>kept</p>" + "<script>" * 50_000)
    assert markup == "<p>kept</p>"
