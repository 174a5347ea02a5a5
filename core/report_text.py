"""Text shaping for the PDF reports: every piece of text goes through `markup()` or `plain()`.

They strip control characters, escape reportlab's paragraph markup, join Arabic letters
(arabic-reshaper) and put right-to-left runs in drawing order (python-bidi), pick a font per
run of characters (DejaVu Sans, else the CJK fallback font) and replace what no bundled font
can draw (emoji, other scripts) with a readable stand-in. `pieces()` cuts long text into
paragraphs of bounded length, so laying out a report stays linear in its text's length.

Limits: reportlab draws glyphs one after another (no OpenType shaping), so Arabic diacritics
are left out and a right-to-left run that wraps onto a second line keeps its lines in
drawing order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]
from arabic_reshaper.letters import ISOLATED, LETTERS_ARABIC  # type: ignore[import-untyped]
from arabic_reshaper.ligatures import LIGATURES  # type: ignore[import-untyped]
from bidi.algorithm import get_display  # type: ignore[import-untyped]

from skillpath.core.records import safe_link
from skillpath.core.report_fonts import CJK, cjk_chars, sans_chars
from skillpath.core.report_words import clean_text

PIECE = 1500  # characters of user text in one paragraph (a paragraph's layout is quadratic)

_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xFE0E, 0xFE0F, 0x20E3, 0x00AD}
_BIDI_CONTROLS = (
    set(range(0x200E, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
)
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
_SIMPLE = re.compile(r"[\x20-\x7e\n]*")  # printable ASCII: one run in the paragraph's font

# Characters below U+1F000 that emoji fonts draw as colour pictographs by default
# (Emoji_Presentation=Yes in Unicode's emoji data). Other symbols there, such as the check
# mark, stars and card suits, are ordinary text symbols and are drawn with DejaVu Sans.
_BMP_EMOJI = frozenset(
    [0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614,
     0x2615, *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE,
     0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
     0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796,
     0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55]
)  # fmt: skip

Run = tuple[str, str]  # (font or "", text); "" is the paragraph's own font


@cache
def _reshaper() -> ArabicReshaper:
    """Arabic joining with only the ligatures DejaVu Sans has glyphs for."""
    drawable = sans_chars()
    config: dict[str, bool] = {
        "use_unshaped_instead_of_isolated": not all(
            ord(forms[ISOLATED]) in drawable for forms in LETTERS_ARABIC.values() if forms[ISOLATED]
        )
    }
    for name, (_, forms) in LIGATURES:
        config[name] = all(ord(f) in drawable for f in forms if f)
    return ArabicReshaper(configuration=config)


def visual_order(text: str) -> str:
    """One line in drawing order: Arabic letters joined, right-to-left runs reversed (numbers
    and left-to-right words inside them kept in order, brackets mirrored) in a line that reads
    left to right. A PDF reader's text extraction turns the drawn order back into reading
    order."""
    if not _RTL.search(text):
        return text
    if _ARABIC.search(text):
        text = _reshaper().reshape(text)
    return str(get_display(text, base_dir="L"))


def _is_emoji(cp: int, next_cp: int | None = None) -> bool:
    """Whether a character shows as an emoji: a pictograph, or a symbol asked to (U+FE0F)."""
    return 0x1F000 <= cp <= 0x1FAFF or cp in _BMP_EMOJI or (next_cp == 0xFE0F and cp > 0xFF)


def _emoji_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"[{name.lower()}]" if name else "[emoji]"


def _script_of(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].capitalize() if name else "Unknown"


def _add(runs: list[Run], font: str, text: str) -> None:
    if runs and runs[-1][0] == font:
        runs[-1] = (font, runs[-1][1] + text)
    else:
        runs.append((font, text))


def font_runs(text: str) -> list[Run]:
    """Split cleaned text into runs by the font that can draw them, replacing the rest.

    Emoji become their name in brackets ("[grinning face]"); letters of a script no bundled
    font covers become one stand-in per run ("[Hangul text]").
    """
    if _SIMPLE.fullmatch(text):
        return [("", text)] if text else []
    sans, cjk = sans_chars(), cjk_chars()
    chars = "\n".join(visual_order(line) for line in text.split("\n"))
    runs: list[Run] = []
    buf: list[str] = []
    current = ""
    missing = ""  # the script of the letters being replaced, if any

    def flush() -> None:
        nonlocal missing
        if buf:
            _add(runs, current, "".join(buf))
            buf.clear()
        if missing:
            _add(runs, "", f"[{missing} text]")
            missing = ""

    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        cp = ord(ch)
        i += 1
        if (
            cp in _DROP
            or cp in _BIDI_CONTROLS
            or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F
        ):
            continue
        font = ""
        if 0x1F1E6 <= cp <= 0x1F1FF:  # regional indicators: a flag is two of them
            letters = chr(cp - 0x1F1E6 + ord("A"))
            if i < n and 0x1F1E6 <= ord(chars[i]) <= 0x1F1FF:
                letters += chr(ord(chars[i]) - 0x1F1E6 + ord("A"))
                i += 1
            shown = f"[flag {letters}]"
        elif _is_emoji(cp, ord(chars[i]) if i < n else None):
            shown = _emoji_name(ch)
        elif ch == "\n" or cp in sans:
            shown = ch
        elif unicodedata.category(ch) == "Zs":
            shown = " "
        elif cp in cjk:
            shown, font = ch, CJK
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cn", "Co", "Cc"):
            continue
        else:
            script = _script_of(ch)
            if missing != script:
                flush()
                missing = script
            continue
        if missing or font != current:
            flush()
        current = font
        buf.append(shown)
    flush()
    return runs


def markup(text: str, limit: int | None = None) -> str:
    """Paragraph markup for user or catalog text: safe, drawable and escaped.

    Args:
        text: any text.
        limit: cut to this many characters (with an ellipsis) first; for table cells.
    """
    text = clean_text(text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    out: list[str] = []
    for font, chunk in font_runs(text):
        safe = escape(chunk).replace("\n", "<br/>")
        out.append(f'<font name="{font}">{safe}</font>' if font else safe)
    return "".join(out)


def link_markup(inner: str, url: str | None, colour: str) -> str:
    """`inner` (markup) as a link to `url` when it is an http, https or mailto link, else
    as it is."""
    target = safe_link(url) if url else None
    if target is None:
        return inner
    return f"<a href={quoteattr(target)} color={quoteattr(colour)}>{inner}</a>"


def plain(text: str) -> str:
    """Text for canvas.drawString and chart labels: cleaned, one font, no markup."""
    return "".join(
        chunk for font, chunk in font_runs(clean_text(text, single_line=True)) if not font
    )


def pieces(text: str, size: int = PIECE) -> list[str]:
    """`text` cut into pieces of at most `size` characters, at line ends or spaces where it
    can be, each to be laid out as its own paragraph."""
    text = clean_text(text)
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > size:
            cut = line.rfind(" ", size // 2, size)
            cut = cut if cut > 0 else size
            out.append(line[:cut])
            line = line[cut:].lstrip(" ")
        if out and len(out[-1]) + 1 + len(line) <= size:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return [p for p in out if p.strip()] or [""]
