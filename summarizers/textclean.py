"""Cleaning article text copied from web pages: paragraphs in, page furniture out.

:func:`clean_paragraphs` turns the plain text of an article (as copied from a page, or as
extracted by trafilatura) into a list of body paragraphs. It removes page furniture that
would otherwise reach the summary, the actors or the quotes:

* navigation and menu lines ("Skip to content", numbered menu lists, "Read more: ...");
* image and video captions carrying credits ("...Image: Name/Agency", "Photo: ...",
  "Media caption ..."), and the short alt-text line that precedes a credited caption;
* share/subscribe/newsletter/cookie lines, comment counts, "From the section ..." lines;
* footers ("This article was originally written in German", "... contributed to this
  report", "X contributed reporting from Y", "Reporting by ...; Editing by ...", "Follow
  AP's full coverage of ...", copyright lines);
* the byline/date block (``meta.author``, "By ...", "Author: ...", date-only lines) and a
  dateline opening one of the first paragraphs ("WASHINGTON (AP) —", "LONDON (Reuters) -");
* everything after a heading that opens a list of other stories ("Other Opinion Columns",
  "More from Politics", "You may also like") once a body of 150 words has been read;
* the repeated headline and short section headings (lines of a few words without
  sentence punctuation, e.g. "Little talent, poor strategy" or "‘Few concrete results'").

It also normalises Unicode (NFC, no-break and zero-width spaces) and whitespace, and
inserts a space after a closing quotation mark glued to the next word
(``migration,"Lila Abed`` → ``migration," Lila Abed``) so the parser sees the name.
Words inside quotation marks are never changed. The rules are line-level heuristics
written for the furniture of common outlets (DW, BBC, AP, Reuters, Guardian, NYT).
"""

from __future__ import annotations

import re
import unicodedata

from summarizers.model import ArticleMeta

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BULLET = re.compile(r"^(?:[-•*·▪►–]\s+)")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_TERMINAL = re.compile(r"[.!?…:;]['\"’”)\]]*$")

# Whole-line furniture, matched against the line without its bullet/number. Strong
# patterns are furniture whatever follows; weak ones (labels such as "Share" or "Related")
# only when the line does not read as a sentence.
_STRONG = re.compile(
    r"""^(?:
        skip\ to\b.* | jump\ to\b.* | go\ to\ (?:main\ )?content.*
      | media\ caption\b.* | image\ caption\b.* | image\ copyright\b.* | image\ source\s*:.* | photo\ credit\b.* | caption\s*:.*
      | ©.* | \(c\)\ \d{4}.* | copyright\ (?:©\ ?)?\d{4}\b.* | .{0,80}\ball\ rights\ reserved\.?
      | (?:this|the)\ (?:article|story|report|text|interview)\ (?:was|has\ been|is)\ (?:originally\ )?(?:written|published|translated|adapted|updated|corrected|edited|first\ published)\b.{0,120}
      | \(?(?:additional\ )?(?:reporting|writing|editing)\ by\b.{0,160} | .{0,200}\bcontributed\ to\ (?:this|the)\ (?:report|story|article)\.?
      | .{0,200}\bcontributed\ (?:additional\ )?(?:reporting|research)\b.{0,100} | (?:additional\ )?(?:reporting|research)\ (?:was\ )?contributed\ by\b.{0,160}
      | follow\ [\w.-]+['’]s\ (?:full\ )?coverage\b.{0,200}
      | we\ use\ cookies\b.* | (?:read|see|watch|listen)\ (?:more|also)\s*:.* | (?:also\ )?read\s*:.* | related\s*:.* | more\ on\ this\ story.*
      | _{2,}.* | -{3,} | \*{3,} | AP-[A-Z][\w-]*.* | \d+\ comments? | comments?\ \(\d+\)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_WEAK = re.compile(
    r"""^(?:
        back\ to\ top | (?:main\ )?menu | search | home(?:page)? | sign\ (?:in|up)\b.* | log\ ?(?:in|out) | register
      | subscribe\b.* | newsletter\b.* | share\b.* | (?:e-?mail|print|tweet|whatsapp|facebook|twitter|linkedin|copy\ link)
      | advertisement | sponsored(?:\ content)? | ad | continue\ reading.* | click\ here\b.* | follow\ us\b.* | follow\ \S+\ on\ (?:twitter|facebook|x|instagram)\b.*
      | (?:read|see|watch|listen)\ (?:more|also|now|next)\b.* | related\ (?:stories|articles|content|coverage|topics|links|news)\b.* | recommended | \w+\ recommends | top\ stories
      | most\ (?:read|popular|viewed|watched|shared)\b.* | (?:watch|listen)(?:\ video)?(?:\ \d+:\d+)? | video\b.* | audio\b.* | play\ video.* | now\ playing.*
      | permalink\b.* | view\ (?:all|comments)\b.* | show\ more | load\ more | from\ the\ section\b.* | places\ in\ this\ story
      | cookie\ (?:settings|policy)\b.* | privacy\ policy | terms\ (?:of\ use|and\ conditions) | copyright\b.*
      | author\s*:.* | (?:published|updated|posted|last\ updated)\b.* | date\s*:.* | \d+\ (?:min|minute)s?\ read
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading that opens the page's list of other stories: the article has ended ("Other Opinion
# Columns", "More from Politics", "Related articles", "You may also like").
_END_OF_ARTICLE = re.compile(
    r"^(?:(?:other|more)\s+(?:[\w-]+\s+){0,2}(?:columns|stories|articles|news|opinion|reads)|more\s+from\s+.{1,40}"
    r"|related\s+(?:stories|articles|content|coverage|news)|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)"
    r"|most\s+(?:read|popular|viewed)|recommended\s+for\s+you)\s*:?$",
    re.IGNORECASE,
)
_END_MIN_WORDS = 150  # the heading must follow a body of at least this many words

_BYLINE = re.compile(r"^(?:[Bb]y|BY)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|da|del|la),?)*(?:\s*[,|]\s*[A-Z][\w .'’-]{0,40})?$")

# A caption ends with a credit: "...Image: Mandel Ngan/AFP/Getty Images", "Photo: Reuters".
_CREDIT = re.compile(
    r"(?:Image|Images|Photo|Photograph|Picture|Pictures|Credit|Foto|Bild|Illustration|Video|Graphic|Source)\s*:\s*"
    r"[^.!?]{1,100}$"
)
_CREDIT_TAIL = re.compile(r"\((?:photo|image|picture|credit)[^)]{0,80}\)\s*$|(?:Getty Images|AFP|Reuters|AP Photo|EPA|dpa|picture-alliance|picture alliance)[^.!?]{0,40}$", re.I)

_MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_LINE = re.compile(
    rf"""^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:
        {_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
      | \d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}
      | \d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+Z?)?
      | \d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}
    )(?:[,\s]+\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{{2,4}})?)?\.?$""",
    re.IGNORECASE | re.VERBOSE,
)

# A dateline opening the story: "WASHINGTON (AP) —", "LONDON (Reuters) -", "BEIJING, Nov 20 (Reuters) -",
# "KYIV, Ukraine (AP) —", "Washington (CNN) —", "NEW DELHI:". The place is where the story was
# filed and the agency its publisher: neither acts in the story.
_DATELINE = re.compile(
    rf"""^(?:
        (?P<caps>[A-Z][A-Z.'’-]+(?:\ [A-Z][A-Z.'’-]+){{0,3}})        # WASHINGTON, NEW DELHI, ST. LOUIS
      | (?P<title>[A-Z][a-z]+(?:\ [A-Z][a-z]+){{0,2}})(?=(?:,[^()\n]{{1,40}})?\s*\()   # Washington (CNN)
    )
    (?:,\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){{0,2}})?                   # , Ukraine / , Calif.
    (?:,?\ (?i:{_MONTHS})\ \d{{1,2}}(?:,\ \d{{4}})?)?                     # , Nov 20
    \s*(?P<agency>\([A-Za-z][\w .&'’/-]{{0,40}}\))?\s*
    (?:[—–]|--?|:)\s+(?=[A-Z"“‘'])""",
    re.VERBOSE,
)
_AGENCY_ONLY = re.compile(r"^\((?:CNN|AP|AFP|Reuters|dpa|DPA|UPI|IANS|PTI|ANI|Xinhua|EFE|ANSA|Bloomberg)\)\s*(?:[—–-]+\s*)?(?=[A-Z])")
_OPEN_QUOTES = "\"“‘'«„"
_CLOSE_QUOTES = "\"”’'»“"
# A closing mark glued to the next word: `migration,"Lila` or `issue.”Biden`.
_GLUED_CLOSE = re.compile(r"([,.!?;:…])([\"”’'])(?=[A-Za-z])")
_GLUED_CURLY = re.compile(r"(\S)(”)(?=[A-Za-z])")


def normalize_text(text: str) -> str:
    """Unicode NFC, no zero-width characters, one kind of space, ``\\n`` line ends."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fix_glued_quotes(text: str) -> str:
    """Insert a space after a closing quotation mark directly followed by a letter."""
    text = _GLUED_CLOSE.sub(r"\1\2 ", text)
    return _GLUED_CURLY.sub(r"\1\2 ", text)


# A related-article teaser pasted into a sentence by link extraction: "Gov. Kristi NoemKristi
# Lynn NoemSouth Dakota governor doubles down on ... goes into effect MORE (R) is defending":
# from the fused join (lowercase→uppercase inside a word) to the teaser's "MORE" marker.
_TEASER = re.compile(r"(?<=[a-z])[A-Z][^\n]{0,300}?\s+MORE\b\s*")
_FUSED = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
# A column's opening in capitals: "TOM ELLIOTT IT’S nice to think ...", "MALCOLM Fraser was ...".
_CAPS_BYLINE = re.compile(r"^(?:[A-Z][A-Z'’.-]+ ){2,3}(?=(?:IT|IT’S|IT'S|THE|HOW|WHEN|WHAT|WHY|AS|IN|A|AN|ON|AT|IF|THIS|THERE|WHO|FOR|ONE|WE|I)\b[ ’'])")
_CAPS_OPENER = re.compile(r"^(?:(IT|IT’S|IT'S|THE|HOW|WHEN|WHAT|WHY|AS|IN|A|AN|ON|AT|IF|THIS|THERE|WHO|FOR|ONE|WE)(?= )|([A-Z]{5,})(?= [A-Z]?[a-z]))")


def unfuse(paragraph: str) -> str:
    """Undo link-text artefacts in one paragraph: drop an inline related-article teaser (a
    fused join running to a "MORE" marker), split a word fused from two capitalised words when
    one of them stands alone elsewhere in the paragraph ("NoemSouth" beside "South Dakota"),
    drop a columnist's name in capitals before the opening words and recase an opening word
    set in capitals ("TOM ELLIOTT IT’S nice" → "It’s nice"; "MALCOLM Fraser" → "Malcolm
    Fraser"). Words such as "YouTube" or "McDonald" are kept: their parts never stand alone."""
    p = _TEASER.sub(" ", paragraph)
    words = set(re.findall(r"\b[A-Z][a-z]+\b", p))

    def split(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        return f"{a} {b}" if a in words or b in words else m.group(0)

    p = _FUSED.sub(split, p)
    p = _CAPS_BYLINE.sub("", p)
    m = _CAPS_OPENER.match(p)
    if m:
        w = m.group(0)
        p = w[:1] + w[1:].lower() + p[len(w):]
    return re.sub(r"  +", " ", p).strip()


def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)


def _key(s: str) -> str:
    return " ".join(w.lower() for w in _words(s))


def _author_names(meta: ArticleMeta) -> list[str]:
    if not meta.author:
        return []
    parts = re.split(r"\s*(?:,|;|\band\b|&|\|)\s*", meta.author)
    return [_key(p) for p in parts if len(_words(p)) >= 2]


def _is_heading(line: str) -> bool:
    """A short line without sentence punctuation: a section heading, alt text or menu label."""
    core = line.strip().strip(_OPEN_QUOTES + _CLOSE_QUOTES).strip()
    if not core:
        return True
    words = _words(core)
    if len(words) > 12:
        return False
    if _TERMINAL.search(core) and not core.endswith(":"):
        return False
    if re.search(r"[.!?…][\"”’']?\s+\S", core):
        return False  # a sentence ends inside: running text, not a heading
    # a quoted heading ("‘Few concrete results'") or a plain one
    return True


def is_furniture(line: str, meta: ArticleMeta) -> bool:
    """True when a single paragraph/line is page furniture rather than article text."""
    bare = _NUMBERED.sub("", _BULLET.sub("", line)).strip()
    if not bare:
        return True
    if _STRONG.match(bare):
        return True
    sentence_like = bool(_TERMINAL.search(bare)) and len(_words(bare)) > 4
    if not sentence_like and (_WEAK.match(bare) or _BYLINE.match(bare)):
        return True
    if _DATE_LINE.match(bare):
        return True
    if _CREDIT.search(bare) or (_CREDIT_TAIL.search(bare) and not _TERMINAL.search(bare)):
        return True
    key = _key(bare)
    if key and key in _author_names(meta):
        return True
    if meta.source and key == _key(meta.source):
        return True
    return False


def strip_dateline(paragraph: str) -> str:
    """``paragraph`` without a leading dateline ("WASHINGTON (AP) — The ..." → "The ...").

    A dateline is an upper-case place (or any place followed by an agency in brackets),
    optionally a region and a date, then a dash or colon; otherwise the paragraph is
    returned unchanged."""
    agency = _AGENCY_ONLY.match(paragraph)
    if agency and len(paragraph[agency.end():].split()) >= 4:
        return paragraph[agency.end():]  # "(CNN)President Donald Trump ..."
    m = _DATELINE.match(paragraph)
    if not m:
        return paragraph
    if m.group("caps") is None and m.group("agency") is None:
        return paragraph
    if m.group("caps") and len(m.group("caps").replace(".", "")) < 3 and m.group("agency") is None:
        return paragraph  # "US — Mexico talks": too short to be a filing place
    rest = paragraph[m.end():]
    return rest if len(rest.split()) >= 4 else paragraph


def _split_blocks(text: str) -> list[str]:
    """Paragraphs: blank-line blocks, with lines inside a block kept apart unless hard-wrapped."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        cur = ""
        for ln in lines:
            if not cur:
                cur = ln
                continue
            # join a hard-wrapped line: previous line long, no sentence end, next starts lower-case
            wrapped = len(cur) >= 50 and not _TERMINAL.search(cur) and ln[:1].islower() and not _BULLET.match(ln)
            if wrapped:
                cur = f"{cur} {ln}"
            else:
                out.append(cur)
                cur = ln
        if cur:
            out.append(cur)
    return out


def _is_menu_run(items: list[str]) -> bool:
    return len(items) >= 3 and all(len(_words(x)) <= 4 and not _TERMINAL.search(x) for x in items)


def clean_paragraphs(text: str, meta: ArticleMeta, limit: int | None = None) -> list[str]:
    """The body paragraphs of ``text`` with page furniture removed.

    ``text``: the article as plain text (paragraphs separated by blank lines or single
    newlines); ``meta``: its metadata (``title``, ``author`` and ``source`` help recognise the
    repeated headline, the byline and the publisher line). Returns the paragraphs in order,
    whitespace-normalised, possibly empty when nothing but furniture was given. Never raises.

    ``limit`` (characters, optional): stop once the kept paragraphs hold more than ``limit``
    characters (not counting separators). Each paragraph is judged only by itself and the
    paragraphs after it, so the result is then exactly a prefix of the unlimited result:
    a caller that keeps at most ``limit`` characters gets the same text without cleaning
    the rest of a huge file. Only a prefix of the raw text is normalised, cut at a blank
    line and doubled until the result is known to be the same as over the whole text.
    """
    text = text or ""
    if limit is not None:
        size = 4 * max(limit, 1)
        while size < len(text):
            cut = text.rfind("\n\n", 0, size)
            if cut > 0:
                kept, complete = _clean(text[:cut], meta, limit)
                if complete:
                    return kept
            size *= 2
    return _clean(text, meta, limit)[0]


def _clean(text: str, meta: ArticleMeta, limit: int | None) -> tuple[list[str], bool]:
    """(kept paragraphs, whether they are final): final when ``limit`` stopped the walk early
    enough that the paragraph after the last one judged, and the end of any bullet run, lie
    inside ``text`` (so more text after it could not change them)."""
    text = fix_glued_quotes(normalize_text(text))
    paragraphs = _split_blocks(text)
    title_key = _key(meta.title or "")
    # trafilatura titles often carry the outlet: "Headline | DW | 19.01.2020"
    title_keys = {title_key, _key(re.split(r"\s+[|–—-]\s+", meta.title or "")[0])} - {""}

    kept: list[str] = []
    used = 0
    i = 0
    while i < len(paragraphs):
        p = paragraphs[i]
        # runs of bullet or numbered lines that are all short labels: a menu
        if _BULLET.match(p) or _NUMBERED.match(p):
            j = i
            while j < len(paragraphs) and (_BULLET.match(paragraphs[j]) or _NUMBERED.match(paragraphs[j])):
                j += 1
            run = [_NUMBERED.sub("", _BULLET.sub("", x)) for x in paragraphs[i:j]]
            if _is_menu_run(run):
                i = j
                continue
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if _END_OF_ARTICLE.match(p.strip()) and sum(len(_words(k)) for k in kept) >= _END_MIN_WORDS:
            return kept, True  # teasers of other stories follow, not this article: the result is final
        if is_furniture(p, meta):
            i += 1
            continue
        if _key(p) in title_keys:
            i += 1
            continue
        listed = bool(_BULLET.match(p))
        if not listed and _is_heading(p):
            i += 1
            continue
        # alt text standing right above a credited caption
        if nxt and _CREDIT.search(nxt) and len(_words(p)) <= 20 and not _TERMINAL.search(p):
            i += 1
            continue
        p = _BULLET.sub("", p).strip() if listed else p
        p = unfuse(p)
        kept.append(strip_dateline(p) if len(kept) < 3 else p)
        if limit is not None and kept[-1].strip():
            used += len(kept[-1])
            if used > limit:
                final = i + 1 < len(paragraphs) and not (_BULLET.match(paragraphs[-1]) or _NUMBERED.match(paragraphs[-1]))
                return kept, final
        i += 1
    return kept, False
