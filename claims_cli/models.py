"""The domain vocabulary: sides, stances, statuses, sources, and the shape of a claim record.

A claim is a plain dict in its JSON shape (the `CLAIM_KEYS` below), the same shape that `show
--format json` prints and `import` reads. Claims stay dicts rather than dataclasses on purpose:
commands filter and print up to 100,000 of them per run, and building an object for each would
cost more than reading the database file (see issue 6). Sources are few, so they are dataclasses.

This module validates values (`clean_*` functions) and builds records; it imports only the
standard library and the rest of the pure core.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from enum import Enum
from operator import itemgetter
from typing import Any, Callable, Iterable
from urllib.parse import SplitResult, urlsplit

from .errors import DamagedRecord, InvalidValue, NotFound, TooLong, shown
from .patterns import LazyPattern


class Side(str, Enum):
    RUSSIA = "russia"
    UKRAINE = "ukraine"
    INDEPENDENT = "independent"
    UNKNOWN = "unknown"


PARTIES = (Side.RUSSIA, Side.UKRAINE)


def opposing(side: Side) -> Side | None:
    """The other party for russia/ukraine; None for independent and unknown."""
    if side is Side.RUSSIA:
        return Side.UKRAINE
    if side is Side.UKRAINE:
        return Side.RUSSIA
    return None


class SourceKind(str, Enum):
    OFFICIAL = "official"
    OSINT = "osint"
    MEDIA = "media"
    SOCIAL = "social"
    OTHER = "other"


class Stance(str, Enum):
    SUPPORTS = "supports"
    DISPUTES = "disputes"
    INCONCLUSIVE = "inconclusive"


_STANCE_VALUES = frozenset(stance.value for stance in Stance)


class EvidenceKind(str, Enum):
    FOOTAGE = "footage"
    SATELLITE = "satellite"
    MAP = "map"
    STATEMENT = "statement"
    MEDIA = "media"
    OTHER = "other"


class Status(str, Enum):
    UNVERIFIED = "unverified"
    CONFIRMED = "confirmed"
    CONTESTED = "contested"
    REFUTED = "refuted"


# The Admiralty (NATO) source-reliability scale.
GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

# Built-in categories; a database may add its own (`claims categories add`).
DEFAULT_CATEGORIES = ("territorial", "strike", "casualties", "diplomatic", "other")

# The JSON shape of a claim, in output order. The import columns are a subset of these.
CLAIM_KEYS = (
    "id", "text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
    "category", "tags", "urls", "ref", "note", "status", "computed_status", "assessment",
    "evidence", "history", "created_at", "updated_at", "deleted_at",
)
# The keys an imported claim object and its evidence items may have (an import refuses others;
# doctor notes a stored record with others, which an export carries)
CLAIM_OBJECT_KEYS = frozenset(CLAIM_KEYS) | {"url", "type"}
EVIDENCE_KEYS = frozenset({"id", "source", "stance", "on", "kind", "url", "note", "recorded_at",
                           "analyst", "withdrawn_at", "withdrawn_by", "withdraw_reason"})
# Fields a user may set when adding or editing a claim.
EDITABLE_FIELDS = (
    "text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
    "category", "tags", "urls", "ref", "note",
)

# Size limits, documented in the README: large enough for any real claim, small enough that a
# hostile file cannot fill the database or the terminal.
MAX_TEXT = 4000
MAX_NOTE = 10000
MAX_SHORT = 200
MAX_NAME = 80  # (a source's name or alias)
MAX_URL = 2048
MAX_TAGS = 50
MAX_URLS = 50

CLAIM_PREFIX = "C-"
LAST_CLAIM_NUMBER = 999_999_999  # an ID has at most nine digits (C-999999999), as `claim_number` reads them
# (the C and E may be typed on a Cyrillic keyboard: С U+0421, Е U+0415, which look the same)
# (and the hyphen written as any dash: an ID copied from a document or a chat, C‑0042 with a
# non-breaking hyphen, is that ID; DASHES below)
_CLAIM_ID = LazyPattern(r"^\s*(?:[c\u0421\u0441][-\u2010-\u2015\u2212\ufe63\uff0d]?)?0*(\d{1,9})\s*$", re.IGNORECASE)
_EVIDENCE_ID = LazyPattern(r"^\s*(?:[e\u0415\u0435][-\u2010-\u2015\u2212\ufe63\uff0d]?)?0*(\d{1,6})\s*$",
                           re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# C0 and C1 control characters other than newline and tab: terminal escapes (ESC), NUL, bells,
# carriage returns. They never reach the database. (The direction controls, U+202A-U+202E and
# U+2066-U+2069, are text: messengers put them around names and numbers; `plain.inert` shows
# them escaped on a terminal.)
_CONTROL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What the fast path of clean_text sends on to be explained: the above (with tab and newline, for a
# one-line field), and the lone surrogates Python makes of bytes that are not UTF-8 in a
# command-line argument or environment variable.
_UNUSUAL = LazyPattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_UNUSUAL_OR_BREAK = LazyPattern(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")
_SLUG = LazyPattern(r"^[a-z][a-z0-9_-]{0,39}$")


# ---------------------------------------------------------------------------------------- IDs

def format_claim_id(number: int) -> str:
    return f"{CLAIM_PREFIX}{number:04d}"


def _id_read(given: Any) -> str:
    """A claim or evidence ID as `claim_number` and `evidence_number` read it: full-width forms as
    plain ones (Ｃ-0001, typed on a CJK or phone keyboard), and without the invisible characters a
    copy from a messenger or a web page carries at its ends (C-0001 and a zero-width space), as a
    source's name or a date is read. Not all NFKC reads as plain: a superscript (a footnote marker
    copied with it, C-1² is no C-0012), a circled digit, a letterlike ℂ are no ID's."""
    text = str(given)
    if text.isascii():  # (every stored ID, and most typed: no scan)
        return text
    return _ID_ENDS.sub("", text.translate(_FULL_WIDTH))


def claim_number(claim_id: str) -> int:
    """`C-0042`, `c42`, `42` -> 42; anything else raises InvalidValue."""
    if type(claim_id) is str and claim_id[:2] == CLAIM_PREFIX and claim_id.isascii() and claim_id[2:].isdigit() \
            and len(claim_id) <= 11 and (number := int(claim_id[2:])):
        return number  # (an ID as it is stored, C- and up to nine digits: what the regex reads it as)
    text = _id_read(claim_id)
    match = _CLAIM_ID.match(text)
    if not match or int(match.group(1)) == 0:
        hint = "Claim IDs look like C-0042."
        if text.strip()[:1] in ("e", "E", "\u0415", "\u0435") and _EVIDENCE_ID.match(text):
            # (`show E1`: an evidence item is shown with its claim)
            hint = "That is an evidence item's ID; claim IDs look like C-0042."
        raise InvalidValue(f"{shown(claim_id)} is not a claim ID", hint=hint, field="id")
    return int(match.group(1))


def normalise_claim_id(claim_id: str) -> str:
    return format_claim_id(claim_number(claim_id))


def format_evidence_id(number: int) -> str:
    return f"E{number}"


def in_day_form(text: str) -> bool:
    """Whether `text` has YYYY-MM-DD's shape (ten characters, its dashes): the only form of a day
    that date.fromisoformat reads alike on every Python (from 3.11 on it reads '2025-W49-7' and
    '20251207' too, which 3.10 refuses)."""
    return len(text) == 10 and text[4] == "-" and text[7] == "-"


_DAYS_READ: set[str] = set()  # the texts `is_day` found to be days (a desk's claims share a few thousand)


def is_day(text: Any) -> bool:
    """Whether `text` is a YYYY-MM-DD date: its shape (`in_day_form`) first, then parsed, once a
    day. Doctor's check of a date, and every command's that filters or counts claims by theirs."""
    try:
        if text in _DAYS_READ:
            return True
    except TypeError:  # (a list: no day)
        return False
    if type(text) is not str or not in_day_form(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:  # ('2025-13-01')
        return False
    _DAYS_READ.add(text)
    return True


def claimed_day(claim: dict) -> str:
    """A claim's claimed_on, read to filter or count it by its date, else DamagedRecord naming
    it: a hand edit's "07/12/2025" compared as text fell out of `list --since` and `report --until`
    in silence (and a time, "2025-12-07T00:00:00+02:00", after its day)."""
    day = claim["claimed_on"]
    try:
        if day in _DAYS_READ:  # (the usual case, without a call of is_day: 100,000 claims a listing)
            return day
    except TypeError:  # (a list: said below)
        pass
    if is_day(day):
        return day
    raise DamagedRecord(f"{_claim_named(claim)}'s claimed_on {shown(day)} is not a YYYY-MM-DD date")


def claim_tags(claim: dict) -> list | None:
    """A claim's tags as a command reads them (a list, or None), else DamagedRecord naming it: a
    hand edit's "siversk;x" was read as the list of its characters (`list --tag s` found it, `--tag
    siversk` did not, `show` printed "Tags s, i, v, ...")."""
    tags = claim.get("tags")
    if tags is None or type(tags) is list:
        return tags
    raise DamagedRecord(f"{_claim_named(claim)}'s tags {shown(tags)} is not a list of text")


def _claim_named(claim: dict) -> str:
    """The claim a DamagedRecord names: its ID as stored."""
    claim_id = claim.get("id")
    return claim_id if type(claim_id) is str else "a claim"


def evidence_number(evidence_id: str) -> int:
    match = _EVIDENCE_ID.match(_id_read(evidence_id))
    if not match or int(match.group(1)) == 0:
        raise InvalidValue(f"{shown(evidence_id)} is not an evidence ID",
                           hint="Evidence IDs look like E1; `claims show ID` lists them.")
    return int(match.group(1))


# ---------------------------------------------------------------------------------- validation

def check_utf8(value: str, field_name: str) -> None:
    """InvalidValue if `value` holds bytes that were not UTF-8 (a CP1251 terminal's, in an argument
    or environment variable): Python keeps them as lone surrogates, which no file or JSON writer
    takes (the database, an export, a page would fail at the write)."""
    undecoded = _SURROGATE.search(value)
    if undecoded is not None:
        try:  # (UTF-8 after all, read by an ASCII locale with Python's UTF-8 mode off: a variable)
            value.encode("utf-8", "surrogateescape").decode("utf-8")
        except UnicodeError:
            pass
        else:
            raise InvalidValue(f"{field_name} is UTF-8, but this locale reads it as ASCII",
                               hint="Run with LC_ALL=C.UTF-8 (or PYTHONUTF8=1).", field=field_name)
        raise InvalidValue(
            f"{field_name} is not UTF-8 text: byte 0x{ord(undecoded.group()) - 0xDC00:02X} at position "
            f"{undecoded.start() + 1}",
            hint="Set your terminal (or the program writing it) to UTF-8; CP1251 and Latin-1 are not read.",
            field=field_name)


def _check_controls(value: str, field_name: str, *, multiline: bool) -> None:
    check_utf8(value, field_name)
    match = _CONTROL.search(value)
    if match is None and not multiline:
        match = re.search(r"[\n\t]", value)
    if match:
        raise InvalidValue(
            f"{field_name} has a control character {shown(match.group())} at position {match.start() + 1}",
            hint="Remove terminal escapes, NULs and other control characters.", field=field_name,
        )


def clean_text(value: Any, field_name: str, *, required: bool = False, multiline: bool = False,
               limit: int = MAX_SHORT) -> str | None:
    """Strip, NFC-normalise and check a user-supplied string; '' and None become None."""
    if type(value) is str:  # the common case, in one go (below, the general path says what is wrong)
        text = unicodedata.normalize("NFC", value.strip())
        # (isprintable: no control character or surrogate, in half the regex's time; a line break
        # or tab, a no-break space, is left to the regex)
        if text and len(text) <= limit and (text.isprintable()
                                            or (_UNUSUAL if multiline else _UNUSUAL_OR_BREAK).search(text) is None):
            return text
    if value is None:
        value = ""
    if not isinstance(value, str):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        else:
            raise InvalidValue(f"{field_name} must be text", field=field_name)
    value = unicodedata.normalize("NFC", value.strip())
    if multiline and "\r\n" in value:  # (text pasted from a Windows program; an import reads CSV so too)
        value = value.replace("\r\n", "\n")
    if not value:
        if required:
            raise InvalidValue(f"{field_name} is missing", field=field_name)
        return None
    _check_controls(value, field_name, multiline=multiline)
    if len(value) > limit:
        raise TooLong(f"{field_name} is {len(value)} characters long; the limit is {limit}", field=field_name)
    return value


def clean_ref(value: Any) -> str | None:
    """A ref as `clean_text` makes it; one of invisible characters and spaces alone (a zero-width
    space, a byte-order mark, a direction mark: what a cell copied from a messenger holds, seen as
    empty) is none, as a blank one is. Every such ref compares as nothing (`ref_key`), so rows that
    each had one were taken as one claim, and a second `add` was refused as the first's ref."""
    ref = clean_text(value, "ref", limit=MAX_SHORT)
    return None if ref is not None and invisible_only(ref) else ref


def invisible_only(text: str) -> bool:
    """Whether `text` holds invisible (format) characters and spaces alone, and one at least."""
    return not text.isprintable() and all(unicodedata.category(char) in ("Cf", "Zs") for char in text)


def refuse_empty_statement(text: str) -> None:
    """A new statement (`add`, `edit --text`) of punctuation alone is refused: `claims add -` made
    the claim "-". (A stored or imported one is kept: an older desk's export must import whole.)"""
    if _LETTER_OR_DIGIT.search(text) is None:
        raise InvalidValue(f"text {shown(text)} has no letter or digit: give the claim as a sentence",
                           # (the format named: standard input has no extension to tell it by)
                           hint="`claims import - --format csv` reads claims from standard input (a CSV with "
                                "a header row)." if text == "-" else None,
                           field="text")


_LETTER_OR_DIGIT = LazyPattern(r"[^\W_]")


# The apostrophe of Ukrainian names (Куп'янськ) as copied text writes it: U+2019, U+02BC (the
# standard's), U+2018, a backtick, an acute accent, the modifier prime, a full-width one, the
# turned comma (U+02BB) and the prime (U+2032). All are one to compare (the text is stored as given).
_APOSTROPHES = ("\u2019", "\u02bc", "\u2018", "`", "\u00b4", "\u02b9", "\uff07", "\u02bb", "\u2032")
# Characters no one sees, which copies from messengers and web pages carry: zero-width space, word
# joiner, byte-order mark, soft hyphen; the direction controls and marks messengers put around
# names and numbers (embeddings, overrides, isolates; LRM, RLM and the Arabic letter mark); and the
# zero-width non-joiner and joiner
_INVISIBLE = ("\u200b", "\u2060", "\ufeff", "\u00ad", *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
              "\u200e", "\u200f", "\u061c", "\u200c", "\u200d")
INVISIBLE = "".join(_INVISIBLE)  # (as one string: for str.strip and a regex's class)
# (`_id_read`: the full-width forms of ASCII, U+FF01-U+FF5E, as those; what is invisible or a space at an ID's ends)
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_ID_ENDS = LazyPattern(f"^[\\s{INVISIBLE}]+|[\\s{INVISIBLE}]+$")


_CYRILLIC_LETTER = LazyPattern(r"[\u0400-\u04ff]")
_LATIN_LETTER = LazyPattern(r"[A-Za-z]")
_WORD = LazyPattern(r"\w+(?:['’ʼ]\w+)*")  # (an apostrophe inside a word is of it: Куп'янськ)


# A Latin name or abbreviation with a Cyrillic ending (HIMARSах, ISWу): no slip, whatever the ending's
# letters, if a letter of the Latin part has no Cyrillic lookalike (else Ocкіл, XAрків: typed in the
# wrong layout). Only in running text, where a name is declined: a single letter so after a
# lower-case word ("з Patriotа", "у Bloombergу", "в Telegramі") is as often a case ending as a slip
# (villagе), and no rule on the letters tells them apart. A source's own name is never declined:
# there a Cyrillic letter after Latin ones is a slip (DeepStatе, Ukrainе: `declined=False`)
_LATIN_WITH_ENDING = LazyPattern(r"([A-Za-z]{2,})[\u0400-\u04ff]+")
# Letters each alphabet has that look like one of the other's: typed in the wrong layout, unseen
_LATIN_LOOKALIKES = frozenset("aceiopxyABCEHIKMOPTX")
_CYRILLIC_LOOKALIKES = frozenset("асеіорхуАВСЕНІКМОРТХїЇјЈѕЅ")
_AS_LATIN = str.maketrans("асеіорхуАВСЕНІКМОРТХјЈѕЅ", "aceiopxyABCEHIKMOPTXjJsS")  # (each Cyrillic lookalike)


def mixes_alphabets(text: Any) -> bool:
    """Whether `text` holds both Latin and Cyrillic letters (in any words)."""
    return type(text) is str and not text.isascii() and _CYRILLIC_LETTER.search(text) is not None \
        and _LATIN_LETTER.search(text) is not None


def mixed_script_words(text: Any, *, declined: bool = True) -> list[str]:
    """The words of `text` that hold both Latin and Cyrillic letters, the letters of one alphabet
    all lookalikes of the other's ("Сiверськ" with a Latin i, as a Ukrainian layout and a Latin one
    type it alike): search and duplicates tell them apart. A Latin name with a Cyrillic ending
    ("HIMARSи") is no such slip in running text; in a source's name (not `declined`) it is."""
    if not mixes_alphabets(text):
        return []
    return [word for word in _WORD.findall(text) if odd_letters(word, declined=declined) is not None]


def statement_key(text: str) -> str:
    """A statement as duplicates are told (`duplicate_key`): `normalise_text`, every quotation mark
    as ' («Центр», „Центр“, "Центр" and 'Центр' are one writing), without a feed's alert marks at
    either end (`_undecorated`: a leading ⚡️ or 🔴; every other pictograph kept), each word read in one
    alphabet where a slip of the keyboard wrote it in two (`_in_one_alphabet`: "Сiверськ" with a
    Latin i is Сіверськ, a Russian layout has no і) or, in a statement mostly Cyrillic, a word of
    one or two Latin lookalikes in Cyrillic (the conjunction "i" in "Бої біля Часового Яру i
    Торецька"). How a word is read depends on it and the statement's main alphabet alone, never on
    whether another word is a slip."""
    # (most statements are in one alphabet, or mix them only word by word, "Мирноград in the
    # Донецька область direction": a non-ASCII one's letters are counted at C speed; a short word is
    # looked for only in one mostly Cyrillic with a Latin letter, a mixed word only in a non-ASCII
    # run between spaces where the alphabets meet)
    if not text.isascii():  # (no quotation mark but " nor any pictograph is ASCII: an ASCII one needs no scan)
        text = _undecorated(text)
        cyrillic, latin = _letters_counted(text)
        if cyrillic and latin:
            # (a short word's own letters are counted in neither alphabet: "HIMARS i ATACMS вдарили по
            # Саки" is mostly Cyrillic, 13 letters each way with the i, and with "Кh" for "Kh" too)
            short = _SHORT_LATIN_WORD.findall(text)
            if short:
                latin_short = sum(1 for word in short for letter in word if letter.isascii())
                if cyrillic - (sum(map(len, short)) - latin_short) > latin - latin_short:
                    text = _SHORT_LATIN_WORD.sub(_short_word_in_cyrillic, text)
            if [run for run in text.split() if not run.isascii() and _LATIN_LETTER.search(run)
                    and _ALPHABETS_MEET.search(run)]:
                text = _WORD.sub(_in_one_alphabet, text)
    key = normalise_text(text)  # (every apostrophe is ' in it, and the other quotation marks ' but ")
    return key.replace('"', "'") if '"' in key else key


# Quotation marks of other kinds than ' and ", each ' in a statement's key: guillemets (single
# too), the German and Polish low-high pairs, English curly double ones, corner brackets, the
# full-width " and the double prime (the curly single ones are apostrophes to `fold`, ' already)
_QUOTATION_MARKS = "«»„“”‟‹›‚‛「」『』〝〞〟＂″"
_OTHER_QUOTES = LazyPattern(f"[{_QUOTATION_MARKS}]")  # (a regex: str.translate past Latin-1 took 12 µs a statement)
# What only changes the character before it, left out of a statement's key: the variation selectors
# (⚡ and ⚡️ are one), the keycap (3️⃣ is 3) and the skin tones (👍🏻 is 👍)
_MODIFIERS = LazyPattern("[\ufe00-\ufe0f\u20e3\U0001F3FB-\U0001F3FF]")
# A feed's alert marks, left out of a statement's key at its start and end only (the same post
# from two channels, one with a leading ⚡ or 🔴, is one claim). Every other pictograph is kept,
# anywhere: it may be what the claim says (🇺🇦 or 🇷🇺, ✅ or ❌ taken, ⬆ or ⬇, ☠ 40 or 🚑 40) (review).
# (not 🔺 🔻: a loss or advance post's up and down)
_ALERT_MARKS = "⚡🔴🔥❗‼⁉❕⚠🚨💥📍📌📢📣⭕🆘"
# (and the blanks between them, and the final stops `normalise_text` strips, which may follow one: "🔥!")
_EDGE_STRIPPED = " \t\n\r\u00a0\u2009\u200a\u200b\u202f.!;" + _ALERT_MARKS


def _undecorated(text: str) -> str:
    """`text` as `statement_key` reads it past ASCII: every quotation mark as ', without modifiers,
    nor a feed's alert marks at either end."""
    return _MODIFIERS.sub("", _OTHER_QUOTES.sub("'", text)).strip(_EDGE_STRIPPED)


_ALPHABETS_MEET = LazyPattern(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")  # (a Latin letter beside a Cyrillic one)
# A word of one or two letters, each a Latin lookalike of a Cyrillic one as a capital, or with one
# of them slipped into Cyrillic (Кh-101, a Cyrillic К): in a statement mostly Cyrillic, the
# Ukrainian і, а, о, у or the Russian с, со, or a capital В, К (BC РФ), typed in the Latin layout,
# in whatever case (KH-101 and Kh-101 alike: a duplicate is told without case). A longer word of
# such letters (COBA, HIMARS) is a name, and left as written; an apostrophe joins a word as `_WORD`
# has it
_SHORT_LATIN_WORD = LazyPattern(
    r"(?<![\w'’ʼ])(?:[abcehikmoptxyABCEHIKMOPTXY][abcehikmoptxyABCEHIKMOPTXY"
    "\u0430\u0432\u0441\u0435\u043d\u0456\u043a\u043c\u043e\u0440\u0442\u0445\u0443"
    "\u0410\u0412\u0421\u0415\u041d\u0406\u041a\u041c\u041e\u0420\u0422\u0425\u0423]?"
    "|[\u0430\u0432\u0441\u0435\u043d\u0456\u043a\u043c\u043e\u0440\u0442\u0445\u0443"
    "\u0410\u0412\u0421\u0415\u041d\u0406\u041a\u041c\u041e\u0420\u0422\u0425\u0423]"
    r"[abcehikmoptxyABCEHIKMOPTXY])(?![\w'’ʼ])")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ALL_BUT_CYRILLIC_FIRST = bytes(byte for byte in range(256) if byte not in b"\xd0\xd1\xd2\xd3")


def _letters_counted(text: str) -> tuple[int, int]:
    """(Cyrillic letters, Latin ones) of `text`, counted in its UTF-8 bytes at C speed: each of
    U+0400–U+04FF, as `_CYRILLIC_LETTER` has them, begins with a byte D0 to D3, which begins
    nothing else."""
    encoded = text.encode("utf-8", "surrogatepass")
    return (len(encoded.translate(None, _ALL_BUT_CYRILLIC_FIRST)),
            len(encoded) - len(encoded.translate(None, _ASCII_LETTERS)))


def _short_word_in_cyrillic(word: "re.Match") -> str:
    """A word `_SHORT_LATIN_WORD` found, in the Cyrillic capitals its capitals look like ("i" is І,
    "Kh" КН: the key is folded to small letters after)."""
    return word[0].upper().translate(_CAPITALS_AS_CYRILLIC)


_CAPITALS_AS_CYRILLIC = str.maketrans("ABCEHIKMOPTXY", "АВСЕНІКМОРТХУ")  # (a Cyrillic capital is left as it is)


def _in_one_alphabet(word: "re.Match") -> str:
    """A word of `statement_key`'s, written in one alphabet if it mixed them as a slip does: in that
    of most of its letters. One whose alphabets meet only across an apostrophe or a digit (М1A2) is
    no slip seen, and is left as written."""
    word = word[0]
    if word.isascii() or _ALPHABETS_MEET.search(word) is None:  # (a word of one alphabet: most)
        return word
    found = odd_letters(word, declined=False)
    if found is None:
        return word
    return word.translate(_AS_CYRILLIC if found[0] == "Latin" else _AS_LATIN)


def odd_letters_said(words: Iterable[str]) -> str:
    """The odd letters of mixed words (`mixed_script_words`), by alphabet: "Latin: a, i"."""
    odd: dict[str, set] = {}
    for word in words:
        found = odd_letters(word, declined=False)  # (a word found mixed either way: a name's too)
        if found is not None:
            odd.setdefault(found[0], set()).update(found[1])
    return "; ".join(f"{alphabet}: {', '.join(sorted(odd[alphabet]))}" for alphabet in ("Latin", "Cyrillic")
                     if alphabet in odd)


def odd_letters(word: str, *, declined: bool = True) -> tuple[str, list[str]] | None:
    """("Latin" or "Cyrillic", its letters) of a word that mixes the two alphabets, the letters of
    that one all lookalikes of the other's (the fewer, if both are): the ones typed in the wrong
    layout. None for a word that is not so mixed (with `declined`, a word of running text, nor for
    a Latin name with a Cyrillic case ending: `_LATIN_WITH_ENDING`)."""
    latin, cyrillic = _LATIN_LETTER.findall(word), _CYRILLIC_LETTER.findall(word)
    if not latin or not cyrillic:
        return None
    ending = _LATIN_WITH_ENDING.fullmatch("".join(ch for ch in word if ch.isalpha())) if declined else None
    if ending is not None and not _LATIN_LOOKALIKES.issuperset(ending[1]):
        return None
    latin_odd, cyrillic_odd = _LATIN_LOOKALIKES.issuperset(latin), _CYRILLIC_LOOKALIKES.issuperset(cyrillic)
    if latin_odd and (not cyrillic_odd or len(latin) <= len(cyrillic)):
        return "Latin", latin
    if cyrillic_odd:
        return "Cyrillic", cyrillic
    return None


def fold_case(text: str) -> str:
    """Text as claims are compared, but for its apostrophes: NFC, case-folded, ё as е (Russian
    writes them interchangeably), without invisible characters."""
    folded = unicodedata.normalize("NFC", text).casefold()
    if "ё" in folded:
        folded = folded.replace("ё", "е")
    if not folded.isascii():  # (every invisible character is past ASCII: most texts need no scan)
        for invisible in _INVISIBLE:  # (a C-speed scan each: most texts have none)
            if invisible in folded:
                folded = folded.replace(invisible, "")
    return folded


def fold(text: str) -> str:
    """Text as claims are compared: `fold_case`, and every apostrophe written as '."""
    folded = fold_case(text)
    for apostrophe in _APOSTROPHES:
        if apostrophe in folded:
            folded = folded.replace(apostrophe, "'")
    return folded


def fold_without_apostrophes(text: str) -> str:
    """Text as --text finds its words in it: `fold_case`, without apostrophes of any kind (a
    transliteration writes the soft sign's or leaves it out: Pokrovs'k is Pokrovsk)."""
    folded = fold_case(text)
    # (most texts have none: a C-speed scan each, of the two ASCII kinds only in an ASCII text)
    for apostrophe in _ASCII_APOSTROPHES if folded.isascii() else _EVERY_APOSTROPHE:
        if apostrophe in folded:
            folded = folded.replace(apostrophe, "")
    return folded


_EVERY_APOSTROPHE = ("'", *_APOSTROPHES)
_ASCII_APOSTROPHES = tuple(apostrophe for apostrophe in _EVERY_APOSTROPHE if apostrophe.isascii())


# Hyphens and dashes a word processor or keyboard writes for "-" (non-breaking, figure, en and em
# dashes, minus signs): in a ref, one and the same.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"


def unify_dashes(text: str) -> str:
    """`text` with every hyphen or dash kind written "-" (KH‑001 with a non-breaking hyphen, Су–34)."""
    for dash in DASHES:
        if dash in text:
            text = text.replace(dash, "-")
    return text


def ref_key(ref: str) -> str:
    """A ref as refs are compared: `fold`ed, spaces collapsed, every dash a hyphen (KH-001, kh-001
    and KH‑001 with a non-breaking hyphen are one ref: a sheet read again wrote it otherwise)."""
    if ref.isascii():  # (most refs: no dash but "-", case folds as lower, and ` is fold's ')
        return " ".join(ref.lower().replace("`", "'").split())
    return _SPACES.sub(" ", unify_dashes(fold(ref))).strip()


def equal_refs(first: Any, second: Any) -> bool:
    """Whether two refs, both given, are one (`ref_key`)."""
    return bool(first) and bool(second) and (first == second or ref_key(first) == ref_key(second))


def normalise_text(text: str) -> str:
    """The form used to recognise the same claim: folded, any dash as "-" (as the filters take it),
    spaces collapsed, no final stop."""
    folded = fold(text)
    if not folded.isascii():  # (every dash but "-" is past ASCII: most statements need no scan)
        folded = unify_dashes(folded)
    return _SPACES.sub(" ", folded).strip().rstrip(" .!;")


BACKSLASH_HINT = "Write / in its place (a browser reads \\ as /), or %5C if it is meant."


def clean_url(value: Any) -> str:
    url = clean_text(value, "url", required=True, limit=MAX_URL)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        hint = "URLs must start with http:// or https://."
        if "://" not in url and " " not in url and _HOST_FIRST.match(url):  # ("t.me/rybar/123", as copied)
            hint = f"Did you mean https://{url}?"
        raise InvalidValue(f"url {shown(url)} is not an http(s) address", hint=hint, field="url")
    if " " in url:
        raise InvalidValue(f"url {shown(url)} has a space", hint="Write a space in a link as %20.", field="url")
    if "\\" in url:  # (a browser reads it as /: "https://a.example\\@b.example" opens a.example, which
        # a page's link, the backslash percent-encoded, would not: what it shows and opens would differ)
        raise InvalidValue(f"url {shown(url)} has a backslash", field="url", hint=BACKSLASH_HINT)
    return url


# A link's host written first, without the scheme: names with a dot, and a top-level name of letters
_HOST_FIRST = LazyPattern(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]|$)", re.IGNORECASE)


def clean_urls(values: Iterable[Any]) -> list[str]:
    urls: list[str] = []
    for value in values:
        url = clean_url(value)
        if url not in urls:
            urls.append(url)
    if len(urls) > MAX_URLS:
        raise TooLong(f"too many urls ({len(urls)}); the limit is {MAX_URLS}", field="urls")
    return urls


def link_key(url: Any) -> Any:
    """A link as two writings of it compare: scheme and host in any case, a final slash aside (the
    path, query and fragment as written: `?v=AbC1` is not `?v=abc1`)."""
    if type(url) is not str:
        return url
    scheme, _, rest = url.partition("://")
    end = min((at for at in (rest.find("/"), rest.find("?"), rest.find("#")) if at >= 0), default=len(rest))
    return f"{scheme.lower()}://{rest[:end].lower()}{rest[end:]}".rstrip("/")


def page_key(url: Any) -> Any:
    """A link as the evidence warnings compare two citations of one clip or post: `link_key`, and
    the page's ordinary writings as one (copied from an old post, a phone or a share button): http
    as https, a host with or without "www." (and "m."/"mobile." of the few sites in _MOBILE_SITES,
    "uk.m.wikipedia.org" as "uk.wikipedia.org"), twitter.com as x.com, youtu.be/ID as
    youtube.com/watch?v=ID, Telegram's web preview t.me/s/CHANNEL/N and its copied t.me/CHANNEL/N?single
    as t.me/CHANNEL/N, and without
    the tracking parameters of _TRACKING and _SHARE_TRACKING, nor an empty one (a bare "?": every
    other one kept, in its order: youtube's v= and t=). Not a claim's links: an edit or an import writing https over the http
    stored mends it (`link_key`)."""
    if type(url) is not str:
        return url
    scheme, _, rest = url.partition("://")
    scheme = scheme.lower()
    if scheme != "https" and scheme != "http":
        return link_key(url)
    host, slash, path = rest.partition("/")
    if "?" in host or "#" in host:  # (a link with no path: "https://a.example?v=1")
        end = min(at for at in (rest.find("?"), rest.find("#")) if at >= 0)
        host, slash, path = rest[:end], "", rest[end:]
    host = host.lower()
    # (most links are none of these: told apart by a few scans of the host and one of the rest)
    if "?" in path or host.startswith(_HOST_FORMS) or host in _NAMED_HOSTS or host.endswith(_WIKIPEDIA_MOBILE) \
            or (host == "t.me" and path.startswith("s/")):
        return _reworded_page(host, slash + path)
    return f"https://{host}{slash}{path}".rstrip("/")


def loose_page_key(url: str) -> str:
    """A cheap key two links `page_key` holds one share, for a bulk caller (an import) to set aside
    the links no other is: `page_key`'s page, coarser (`_loosened`: no scheme, the path in any case,
    and no query or fragment, but a YouTube watch link's v=), read off the link itself at a fraction
    of `page_key`'s cost, a share button's ?s=20, ?si= or utm_ too (only a link of another scheme
    pays for `page_key`)."""
    low = url.lower()  # (`page_key` reads the scheme in any case too)
    if low.startswith("https://"):
        rest = low[len("https://"):]
    elif low.startswith("http://"):
        rest = low[len("http://"):]
    else:
        return _loosened(page_key(url))
    if "?" in rest or "#" in rest:
        page, asked, query = rest.partition("#")[0].partition("?")
    elif ".m." in rest or rest.startswith(_LOOSE_FORMS):
        page, asked, query = rest, "", ""
    else:
        return rest.rstrip("/")  # (most links: `page_key` writes them as they are)
    host, slash, path = page.partition("/")
    named = _LOOSE_HOSTS.get(host)
    if named is None:
        if len(_LOOSE_HOSTS) > 10_000:  # (a file of links to as many sites: kept small)
            _LOOSE_HOSTS.clear()
        named = _LOOSE_HOSTS[host] = _page_host(host)
    if named == "youtu.be":
        clip = path.strip("/")
        if clip and "/" not in clip:
            return f"youtube.com/watch?v={clip.partition('&')[0]}"  # (its v= as `_loosened` reads it)
    elif named == "t.me" and path.startswith("s/") and \
            url.partition("://")[2].partition("#")[0].partition("?")[0].partition("/")[2].startswith("s/"):
        return f"t.me/{path[len('s/'):]}".rstrip("/")  # (the web preview, as written: not t.me/S/)
    key = (page if named == host else f"{named}{slash}{path}").rstrip("/")
    if asked and key == "youtube.com/watch":
        clip = _watched(query)
        if clip is not None:
            key += f"?v={clip}"
    return key


# The hosts `loose_page_key` has read, as `page_key` writes them (`_page_host`): a file's links are
# to a few hundred sites
_LOOSE_HOSTS: dict[str, str] = {}


def _loosened(key: str) -> str:
    """`loose_page_key` of a link whose `page_key` is `key`: lowercased, without its scheme, query
    or fragment (a YouTube watch link keeps its first v=, a final slash aside), nor a final slash."""
    page, asked, query = key.partition("://")[2].lower().partition("#")[0].partition("?")
    page = page.rstrip("/")
    if page == "youtube.com/watch" and asked:
        clip = _watched(query)
        if clip is not None:
            page += f"?v={clip}"
    return page


def _watched(query: str) -> str | None:
    """The first v= of a (lowercased) query, a final slash aside (`page_key` takes one off the end of
    a link, which a v= may be), or None."""
    for each in query.split("&"):
        name, _, value = each.partition("=")
        if name == "v":
            return value.rstrip("/")
    return None


# What `page_key` sets aside of a cited link, kept small: each a form a phone, a share button or a
# copy writes of the very page another names. A mobile host ("m.", "mobile.") only of the sites
# below, whose mobile pages are their pages (another site's m. may be another site); the tracking
# parameters of any site, and those a few sites' share buttons add (youtube's si= and feature=, X's
# s=, t=, ref_src= and ref_url=, Telegram's ?single; the t= of a youtube link is a time in the clip, kept).
_MOBILE_SITES = frozenset({"twitter.com", "x.com", "facebook.com", "youtube.com", "vk.com"})
_SITE_NAMES = {"twitter.com": "x.com"}  # (one site by two names)
_TRACKING = frozenset({"fbclid", "gclid", "igshid", "igsh"})  # (and utm_*)
_SHARE_TRACKING = {"x.com": frozenset({"s", "t", "ref_src", "ref_url"}),
                   "youtube.com": frozenset({"si", "feature"}), "open.spotify.com": frozenset({"si"}),
                   # (its "Copy Post Link" of a post with photos or videos: the post; ?comment=N,
                   # a comment under it, is another text, and kept)
                   "t.me": frozenset({"single"})}
# The hosts `page_key` (and `loose_page_key`) may write otherwise (with a query, t.me/s/ and a mobile
# wikipedia), by their start or whole
_HOST_FORMS = ("www.", "m.", "mobile.")
_NAMED_HOSTS = frozenset({"twitter.com", "youtu.be"})
_LOOSE_FORMS = (*_HOST_FORMS, *_NAMED_HOSTS, "t.me/s/")  # (the starts of a link `loose_page_key` reads more of)
_WIKIPEDIA_MOBILE = ".m.wikipedia.org"


def _page_host(host: str) -> str:
    """The host (lowercased) as `page_key` writes it: without "www." (and a mobile site's "m." or
    "mobile."), a mobile wikipedia as its own, twitter.com as x.com; any other as it is."""
    if host.startswith("www.") and "." in host[len("www."):]:
        host = host[len("www."):]
    if host.startswith(("m.", "mobile.")) and host.partition(".")[2] in _MOBILE_SITES:
        host = host.partition(".")[2]
    elif host.endswith(_WIKIPEDIA_MOBILE):
        host = host[:-len(_WIKIPEDIA_MOBILE)] + ".wikipedia.org"
    return _SITE_NAMES.get(host, host)


def _reworded_page(host: str, tail: str) -> str:
    """`page_key` of an http(s) link to `host` (lowercased) that may be written otherwise."""
    host = _page_host(host)
    page, hashed, fragment = tail.partition("#")
    path, asked, query = page.partition("?")
    if host == "youtu.be" and path.strip("/") and "/" not in path.strip("/"):
        host, path, query = "youtube.com", "/watch", f"v={path.strip('/')}" + (f"&{query}" if asked else "")
        asked = "?"
    elif host == "t.me" and path.startswith("/s/"):
        path = path[len("/s"):]
    if asked:
        shared = _SHARE_TRACKING.get(host, ())
        # (an empty one aside: a link cut after its "?", "…/status/1?", or "?&id=7", is the page without it)
        kept = [each for each in query.split("&") if each and not _tracking(each.partition("=")[0].lower(), shared)]
        query, asked = "&".join(kept), "?" if kept else ""
    return f"https://{host}{path}{asked}{query}{hashed}{fragment}".rstrip("/")


def _tracking(name: str, shared: Iterable[str]) -> bool:
    return name.startswith("utm_") or name in _TRACKING or name in shared


MAX_TAG = 60


_TAG_SEPARATORS = LazyPattern(r"[;\n]")


def split_tags(value: Any) -> list:
    """The tags a value stands for: a text holding ";" or a line break ("\n", or "\r\n", whose "\r"
    clean_text strips) is one tag per part (see clean_tags), as a sheet's cell is; anything else is
    itself (for clean_text to check: a lone "\r" is a control character)."""
    if type(value) is str and (";" in value or "\n" in value):
        return _TAG_SEPARATORS.split(value)
    return [value]


def comma_tags(tags: Iterable[Any]) -> list[str]:
    """The tags that hold a comma: most likely several, separated as a sheet's cell would be
    ("kupiansk, kharkiv"); tags are separated by ";", so each is one tag, which `--tag kupiansk`
    does not find. Kept as given (a tag may hold one), and said."""
    return [tag for tag in tags if type(tag) is str and "," in tag]


def hashtag_tags(tags: Iterable[Any]) -> list[str]:
    """The tags of two or more words that are all hashtags ("#kharkiv #kupiansk"): several, as a
    post's hashtags are separated, kept as one tag, which `--tag kharkiv` does not find. Kept as
    given (a tag may hold spaces: "Chasiv Yar"), and said; not one holding a comma ("#kharkiv,
    #kupiansk"), said as that (`comma_tags`)."""
    return [tag for tag in tags if type(tag) is str and " " in tag and "," not in tag
            and all(word[:1] in _HASHES and len(word) > 1 for word in tag.split())]


def tag_key(tag: str) -> str:
    """A tag as tags compare (a filter, a repeat, a removal, an import): `fold`, any dash as "-",
    every run of blanks, a no-break space among them, one space ("Chasiv  Yar" is "chasiv yar"),
    and the leading hashes aside ("#kupiansk", a post's hashtag copied, is kupiansk, "##kupiansk" and
    a full-width "＃kupiansk" too; kept as written, as its case is). Hashes alone are themselves;
    "#kharkiv #kupiansk" stays one tag (`hashtag_tags`)."""
    key = _SPACES.sub(" ", unify_dashes(fold(tag))).strip()
    return (key.lstrip(_HASHES_AND_SPACES) or key) if key[:1] in _HASHES else key


_HASHES = "#＃﹟"  # (a full-width hash from a CJK or phone keyboard, a small one)
_HASHES_AND_SPACES = _HASHES + " "


def _clean_tag(part: Any) -> tuple[str | None, str | None]:
    """(the tag `part` is, cleaned, or None; its `tag_key`), for clean_tags."""
    tag = clean_text(part, "tags", limit=MAX_TAG)
    if tag:
        tag = _SPACES.sub(" ", tag)  # (blanks, a pasted no-break space among them, as one space)
    return (tag, tag_key(tag)) if tag else (None, None)


# A tag as given -> _clean_tag's answer: an import's rows give a few dozen tags in hundreds of
# combinations, each tag cleaned and keyed once (a tag cost some 40,000 instructions a row).
# Refused tags are not kept (they raise each time); the cache is emptied when it fills.
_TAGS_CLEANED: dict[str, tuple[str | None, str | None]] = {}
_TAGS_CLEANED_MAX = 4096


def clean_tags(values: Iterable[Any]) -> list[str]:
    tags: list[str] = []
    seen: set[str] = set()
    cleaned = _TAGS_CLEANED
    for value in values:
        # ";" or a line break separates tags (a CSV cell, a JSON string of tags): a tag holding one is as many
        # tags, wherever it comes from, so that a CSV export reads back the same; each is checked
        for part in split_tags(value):
            if type(part) is str:
                try:
                    tag, key = cleaned[part]
                except KeyError:
                    if len(cleaned) >= _TAGS_CLEANED_MAX:
                        cleaned.clear()
                    tag, key = cleaned[part] = _clean_tag(part)
            else:
                tag, key = _clean_tag(part)
            if tag and key not in seen:
                seen.add(key)
                tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise TooLong(f"too many tags ({len(tags)}); the limit is {MAX_TAGS}", field="tags")
    return tags


_STATUS_VALUES = frozenset(status.value for status in Status)
# What every claim holds, and each of its evidence items (a key missing: KeyError)
_HELD = itemgetter("id", "text", "source", "claimed_on", "status", "computed_status", "assessment", "evidence",
                   "history")
_ITEM_HELD = itemgetter("id", "source", "stance")


def readable_claim(claim: Any) -> dict:
    """`claim`, if it holds what every claim holds, else DamagedRecord: its ID, text, claimant and
    claim date as text (not blank); a status and computed status; an assessment, if any, with a
    status; a list of history entries; tags, if any, as a list (`claim_tags`, which names the
    claim); evidence items each with an ID, source and stance as text
    (a stance the rule does not know counts for nothing: it is text). A hand edit's (doctor
    names the record and field, among its "bad-record" problems): an export wrote `"text": null`
    in silence, and the other desk's import refused it. Checked on every claim a command writes
    out (an export of 100,000): lookups and type tests of these fields only, not doctor's whole
    check (every key of CLAIM_KEYS, dates, history entries), which costs several times more."""
    try:
        claim_id, text, source, claimed_on, status, computed, assessment, evidence, history = _HELD(claim)
    except (KeyError, TypeError):  # (a key missing, or a record that is no object)
        raise DamagedRecord() from None
    if not (type(claim_id) is str and type(text) is str and type(source) is str and type(claimed_on) is str
            and text and source and claimed_on and not (text.isspace() or source.isspace() or claimed_on.isspace())
            and type(status) is str and status in _STATUS_VALUES and type(computed) is str
            and computed in _STATUS_VALUES and type(history) is list and type(evidence) is list):
        raise DamagedRecord()
    if assessment is not None and not (type(assessment) is dict and type(assessment.get("status")) is str
                                       and assessment["status"] in _STATUS_VALUES):
        raise DamagedRecord()
    tags = claim.get("tags")
    if tags is not None and type(tags) is not list:  # (a list, as evidence is: each tag's text is the writers' to show)
        claim_tags(claim)
    for item in evidence:
        try:
            item_id, item_source, stance = _ITEM_HELD(item)
        except (KeyError, TypeError):  # (without one of them, or no object)
            raise DamagedRecord() from None
        if not (type(item_id) is str and type(item_source) is str and type(stance) is str):
            raise DamagedRecord()
    if _WRITTEN_AS_CLAIMS_WRITE_IT.fullmatch(claim_id) is None:  # (one C call: every claim of a listing)
        return _id_as_written(claim)
    return claim


# A claim ID as `format_claim_id` writes it: C-0001 to C-9999, then C-10000 on
_WRITTEN_AS_CLAIMS_WRITE_IT = LazyPattern(r"C-(?:\d{4}|[1-9]\d{4,})", re.ASCII)


def _id_as_written(claim: dict) -> dict:
    """`claim`, its ID stored in another form ("c-0005", "C-5": a hand edit's) written as claims
    writes it, as `show` and the store read it (a copy: the stored record is left as it is); one
    that is no claim ID at all is left for doctor to name. A script joining a listing's IDs on
    `show`'s, or a search for C-0005, missed it."""
    try:
        claim_id = format_claim_id(claim_number(claim["id"]))
    except InvalidValue:
        return claim
    return claim if claim_id == claim["id"] else {**claim, "id": claim_id}


def readable_in_report(claim: Any) -> dict:
    """`readable_claim` of a live claim; of a deleted one, what the report reads of it, its history
    (its status changes count, its deletion among them), else DamagedRecord: a list of entries
    `history_problem` finds nothing wrong with. Not its text, status or evidence, which no report
    reads: a deleted claim's `"text": null` refused every report, whatever the period, while list,
    contested and export, which leave deleted claims out, worked. (Deleted claims are few: each of
    their entries is checked; a live claim's are not, as an export's are not.)"""
    if type(claim) is dict and claim.get("deleted_at"):
        history = claim.get("history")
        if type(history) is not list or any(map(history_problem, history)):
            raise DamagedRecord()
        return claim
    return readable_claim(claim)


def unknown_stance(claim: dict) -> dict | None:
    """A live evidence item of the claim whose stance claims does not know (a hand edit's
    'support'): it counts for nothing, and a change would store the claim rated without it."""
    for item in claim.get("evidence") or ():  # (a withdrawn one counts for nothing either way)
        if type(item) is dict and item.get("stance") not in _STANCE_VALUES and not item.get("withdrawn_at"):
            return item
    return None


def unknown_stance_said(claim: dict, item: dict) -> str:
    return (f"{claim.get('id')} {item.get('id')} has the stance {shown(item.get('stance'))}, which claims does not "
            "know: a change would rate the claim without it")


def clean_coordinate(value: Any, field_name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidValue(f"{field_name} must be a number", field=field_name)
    written = value  # (a message quotes the cell as the sheet shows it: 148,5, not 148.5)
    try:
        # (as written: float() also reads "nan", "inf" and Python's digit grouping, "49_76" as 4976)
        if isinstance(value, str) and not _DECIMAL_NUMBER.fullmatch(value.strip()):
            value = _marked_number(value, field_name)
            if _DECIMAL_COMMA.fullmatch(value.strip()):
                value = value.strip().replace(",", ".")  # (a European sheet's 47,66: one number, in a cell of its own)
            if not _DECIMAL_NUMBER.fullmatch(value.strip()):
                raise ValueError(value)
        number = float(value)
        if math.isnan(number):
            raise ValueError(value)
    except (TypeError, ValueError):
        raise InvalidValue(f"{field_name} {shown(written)} is not a number", field=field_name) from None
    bound = 90.0 if field_name == "lat" else 180.0
    if not math.isfinite(number) or abs(number) > bound:
        raise InvalidValue(f"{field_name} {shown(written)} is out of range (-{bound:g} to {bound:g})",
                           field=field_name)
    return round(number, 6) + 0.0  # (+ 0.0: -0.0 is 0.0, a sign that means nothing, and an import's
    # cache of cleaned values, where 0.0 == -0.0, handed it on to the next claim's 0)


def _marked_number(text: str, field_name: str) -> str:
    """A coordinate cell written as map tools write it (48.28°, 37.18 W, 48.28 пн.ш.; a pin or an
    invisible mark beside it dropped), as a plain number; one in degrees, minutes and seconds, whose
    letter is the other coordinate's, or a map link (a point, not one coordinate), refused."""
    cleaned = uncluttered(text).strip()
    if _LINK.match(cleaned):  # (a cell holds one coordinate: a link's point is two)
        point = map_link_point(cleaned)
        hint = f"Give its {_AXIS_NAMES[field_name]} alone: {point[field_name == 'lon']}" if point else None
        raise InvalidValue(f"{field_name} {shown(text)} is a map link, not a number", hint=hint, field=field_name)
    number, axis, in_minutes = degrees_read(cleaned)
    if axis not in (None, field_name):
        raise InvalidValue(f"{field_name} {shown(text)} is a {_AXIS_NAMES[axis]} ({_letter(text)})", field=field_name)
    if in_minutes:
        raise InvalidValue(f"{field_name} {shown(text)} is in degrees, minutes and seconds",
                           hint=f"Write it in decimal degrees: {number}", field=field_name)
    return number


def decimal_text(value: Any) -> str:
    """A number as a reader reads it (a coordinate): in decimals, 0.00001 where Python writes
    1e-05, with the same digits; anything else (a hand edit's text) as str."""
    if type(value) is not float:
        return str(value)
    text = repr(value)
    if "e" not in text:
        return text
    from decimal import Decimal

    return format(Decimal(text), "f")


_DECIMAL_COMMA = LazyPattern(r"[+-]?\d+,\d+")
_DECIMAL_NUMBER = LazyPattern(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")  # (\d: as float reads digits)


# How map tools write a coordinate: a degree sign after it (48.28°, or the look-alike º), a letter
# before or after it (48.28 N, N48.28; Ukrainian maps' пн, пд, сх, зх, and as a Ukrainian page
# writes them out, пн.ш., пд.ш., сх.д., зх.д.: північної широти, східної довготи; a Russian one's
# с.ш., ю.ш., в.д., з.д.), or degrees, minutes and seconds (48°16′58″N, with ' and " too); the
# letter's sign and axis, by its letters alone (`_hemisphere`: пн. ш. is пнш)
_HEMISPHERES = {"n": ("", "lat"), "s": ("-", "lat"), "e": ("", "lon"), "w": ("-", "lon"),
                "пн": ("", "lat"), "пд": ("-", "lat"), "сх": ("", "lon"), "зх": ("-", "lon"),
                "пнш": ("", "lat"), "пдш": ("-", "lat"), "схд": ("", "lon"), "зхд": ("-", "lon"),
                "сш": ("", "lat"), "юш": ("-", "lat"), "вд": ("", "lon"), "зд": ("-", "lon")}
_AXIS_NAMES = {"lat": "latitude", "lon": "longitude"}
_LETTER = (r"[NSEWnsew]|[пП][нНдД]\.?(?:\s?[шШ]\.?)?|[сСзЗ][хХ]\.?(?:\s?[дД]\.?)?"  # (not re.IGNORECASE:
           r"|[сСюЮ]\.?\s?[шШ]\.?|[вВзЗ]\.?\s?[дД]\.?")  # it takes ſ for s, and K's sign for k)
# (each end looked at alone: one lazy match of the number between two optional letters tried the
# blanks after it at each of its extents, and "x", 4,000 blanks and "x" hung an import)
_LETTER_FIRST = LazyPattern(rf"(?:{_LETTER})")
_LETTER_LAST = LazyPattern(rf"(?:{_LETTER})\Z")
_DEGREES = LazyPattern(r"(?P<number>[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*(?P<sign>[°º])?")
_MINUTES = LazyPattern(r"(?P<degrees>\d+)\s*[°º]\s*(?P<minutes>\d+(?:\.\d+)?)\s*['′’]"
                       r"\s*(?:(?P<seconds>\d+(?:\.\d+)?)\s*(?:[\"″”]|''|′′))?")


def degrees_read(text: str) -> tuple[str, str | None, bool]:
    """A coordinate written as map tools write it, read: its number as a plain one ('48.28' of
    '48.28°', '-37.18' of '37.18 W'), the axis its letter names ('lat' of N and S, 'lon' of E and
    W, else None), and whether it was in degrees, minutes and seconds (its number then in decimal
    degrees, to say: '48.2828' of 48°16′58″N). Anything else is given back as written."""
    before, number, after = _lettered(text)
    if before and after:
        return text, None, False
    sign, axis = _hemisphere(before or after) if before or after else ("", None)
    minutes = _MINUTES.fullmatch(number)
    if minutes:
        seconds = minutes["seconds"] or "0"
        decimal = int(minutes["degrees"]) + float(minutes["minutes"]) / 60 + float(seconds) / 3600
        places = 4 if minutes["minutes"].isdigit() and seconds.isdigit() else 6  # (1″ is 0.0003°)
        return sign + decimal_text(round(decimal, places)), axis, True
    degrees = _DEGREES.fullmatch(number)
    if degrees is None or not (axis or degrees["sign"]) or sign and number[:1] in "+-":
        return text, None, False  # (north, N48.28N, -48.5 S, 48.28 alone: as written, "not a number")
    return sign + degrees["number"], axis, False


def _lettered(text: str) -> tuple[str | None, str, str | None]:
    """A coordinate's letter before its number, the number, and its letter after, each as written
    (the number without the blanks around it; a letter None where there is none)."""
    number = text.strip()
    first = _LETTER_FIRST.match(number)
    # (two letters at the start first: пн before п alone, which is none)
    before = None
    if first is not None:
        before, number = first.group(), number[first.end():].lstrip()
    last = _LETTER_LAST.search(number) if number else None
    after = None
    if last is not None:
        after, number = last.group(), number[:last.start()].rstrip()
    return before, number, after


def _hemisphere(letter: str) -> tuple[str, str]:
    """A coordinate's letter's sign and axis ('-', 'lon' of W): `_HEMISPHERES`, by its letters."""
    return _HEMISPHERES["".join(char for char in letter.lower() if char.isalpha())]


def _letter(text: str) -> str:
    """The letter of a coordinate written with one (E of '37.18 E'), as written."""
    before, _, after = _lettered(text)
    return (before or after or "").upper()


# What a point copied from a post, a chat or a page carries beside its numbers: a pin (a Telegram
# post's "📍48.28, 37.18", with or without the emoji's variation selector) and the invisible marks
# a right-to-left page or a chat puts beside a number (a direction mark, a zero-width space)
_CLUTTER = dict.fromkeys(map(ord, INVISIBLE + "📍📌\ufe0f"))


def uncluttered(text: str) -> str:
    """A typed point or a coordinate cell without a pin and the invisible marks beside its numbers."""
    return text.translate(_CLUTTER)


# A map link (a scheme, or a host name and a /, ? or # after it; an RFC 5870 geo: URI as a phone
# shares a point), and the points in one: a number pair in a query value (q=48.28,37.18), Google
# Maps' place/LAT,LON, its pin in data= (!3dLAT!4dLON) and its view's centre (@LAT,LON,15z), and
# the #ZOOM/LAT/LON after a DeepState or OpenStreetMap (#map=) address
_LINK = LazyPattern(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?[/?#]|geo:)")
_NUMBER_IN_LINK = r"([+-]?\d{1,3}(?:\.\d+)?)"
_LINK_PAIR = LazyPattern(rf"(?:loc:)?\s*{_NUMBER_IN_LINK}(?:\s*,|\s)\s*{_NUMBER_IN_LINK}\s*")  # (no two \s* side
# by side: "1", thousands of blanks and "x" tried every way of sharing the blanks between them)
_LINK_PLACE = LazyPattern(rf"/(?:place|search)/{_NUMBER_IN_LINK},\s*{_NUMBER_IN_LINK}(?:[/?#]|\Z)")
# (each number ends there: one that runs on, "@48.1,1234", is no point cut short to 123)
_LINK_PIN = LazyPattern(rf"!3d{_NUMBER_IN_LINK}!4d{_NUMBER_IN_LINK}(?![\w.])")
_LINK_VIEW = LazyPattern(rf"@{_NUMBER_IN_LINK},{_NUMBER_IN_LINK}(?![\w.])")
_GEO_LABEL = LazyPattern(r"\([^()]*\)\s*\Z")  # (a geo: link's q= point's label: "(Kupiansk)")
_LINK_FRAGMENT = LazyPattern(rf"(?:map=)?\d+(?:\.\d+)?/{_NUMBER_IN_LINK}/{_NUMBER_IN_LINK}(?:[/&?]|\Z)")
_LINK_HINT = ("Copy the link once the map shows the point: DeepState's ends #zoom/lat/lon, Google Maps' holds "
              "@lat,lon or place/lat,lon, OpenStreetMap's #map=zoom/lat/lon or ?mlat=&mlon=; or --coords 48.28,37.18")


def _link_parts(link: str) -> "SplitResult | None":
    """A map link's parts (https:// taken where it has no scheme), or None where urlsplit refuses
    it (an unclosed [ of an IPv6 host)."""
    try:
        return urlsplit(link if "://" in link or link[:4].lower() == "geo:" else "https://" + link)
    except ValueError:
        return None


def map_link_point(link: str) -> tuple[str, str] | None:
    """The point a map link (`_LINK`) shows, its latitude and longitude as written in it, or None.
    A marker's before the view's centre: OpenStreetMap's ?mlat=&mlon=, a query's q=, query= or ll=
    (Yandex's pt=, its first pin without its style, whatshere[point]= and ll= are LON,LAT), Google
    Maps' place/ and its pin in data= before its @; a geo: URI's path, or its q= (with or without
    a "(label)") where the path is 0,0, as Android shares a pin; DeepState's #zoom/lat/lon,
    OpenStreetMap's #map=zoom/lat/lon."""
    from urllib.parse import parse_qs, unquote

    parts = _link_parts(link)
    if parts is None:
        return None
    if parts.scheme.lower() == "geo":
        found = _LINK_PAIR.fullmatch(unquote(parts.path.split(";")[0]))
        if found and float(found[1]) == float(found[2]) == 0 and "q=" in parts.query:
            # (Android's labelled pin, geo:0,0?q=LAT,LON(label): the point is q='s; 0,0 is none)
            asked = next(iter(parse_qs(parts.query).get("q", [])), "")
            found = _LINK_PAIR.fullmatch(_GEO_LABEL.sub("", asked))
        return (found[1], found[2]) if found else None
    query = {name.lower(): values[0] for name, values in parse_qs(parts.query).items()}
    if "mlat" in query and "mlon" in query:
        query["mlat,mlon"] = f"{query['mlat']},{query['mlon']}"
    yandex = "yandex" in parts.netloc.lower()
    if yandex and "pt" in query:  # (its first pin, "~" between pins, without its style: LON,LAT,pm2rdm)
        query["pt"] = ",".join(query["pt"].split("~")[0].split(",")[:2])
    for name in ("pt", "whatshere[point]", "ll") if yandex else ("mlat,mlon", "q", "query", "ll"):
        found = _LINK_PAIR.fullmatch(query.get(name, ""))
        if found:
            return (found[2], found[1]) if yandex else (found[1], found[2])
    path = unquote(parts.path)
    if "/dir/" in path:  # (a route's link: its view's centre is neither end of it)
        return None
    for pattern, within in ((_LINK_PLACE, path), (_LINK_PIN, path), (_LINK_VIEW, path),
                            (_LINK_FRAGMENT, parts.fragment)):
        found = pattern.search(within) if pattern is not _LINK_FRAGMENT else pattern.match(within)
        if found:
            return found[1], found[2]
    return None


def coords_parts(text: str) -> tuple[str, str]:
    """A typed LAT,LON's two coordinates as written, latitude first: '48.28,37.18', or as map tools
    write a point ('48.28 N, 37.18 E', '48.28N 37.18E', no comma between two with letters or
    degree signs); a pair whose letters name the longitude first ('37.18 E, 48.28 N') is read by
    its letters. Brackets around the pair ("(48.28, 37.18)", as a tuple or a list prints it) are no
    part of it, nor a pin or invisible marks (`uncluttered`); a map link is read as its point
    (`map_link_point`), one that shows none refused."""
    pair = uncluttered(str(text)).strip()
    if pair[:1] + pair[-1:] in ("()", "[]", "<>"):
        pair = pair[1:-1].strip()
    if _LINK.match(pair):
        point = map_link_point(pair)
        if point is None:
            parts = _link_parts(pair)
            short = "goo.gl" in getattr(parts, "netloc", "").lower()
            if "/dir/" in getattr(parts, "path", ""):  # (map_link_point reads no route's)
                raise InvalidValue(f"coordinates {shown(text)} are a route's link (directions), which names no one point",
                                   hint="Copy the link of the place itself, or give --coords 48.28,37.18", field="coords")
            raise InvalidValue(
                f"coordinates {shown(text)} are {'a short link, which holds no point' if short else 'a map link without a point'}",
                hint="Open it, and give the address it leads to, or --coords 48.28,37.18" if short else _LINK_HINT,
                field="coords")
        pair = ",".join(point)
    parts = [part.strip() for part in pair.split(",")]
    words = pair.split()
    if (len(parts) != 2 or not all(parts)) and len(words) <= 16:  # (two with marks, side by side: each split
        # tried; a point is a few words, and a script's value of thousands was split at each, quadratic)
        splits = [(" ".join(words[:at]), " ".join(words[at:])) for at in range(1, len(words))]
        parts = next((list(pair) for pair in splits
                      if all(_DECIMAL_NUMBER.fullmatch(part) is None and degrees_read(part)[0] != part
                             for part in pair)), [])
    if len(parts) != 2 or not all(parts):
        raise InvalidValue(f"coordinates {shown(text)} are not LAT,LON",
                           hint="Example: --coords 48.28,37.18", field="coords")
    axes = [degrees_read(part)[1] for part in parts]
    if axes[0] is not None and axes[0] == axes[1]:
        letters = "N, S" if axes[0] == "lat" else "E, W"
        raise InvalidValue(f"coordinates {shown(text)} are two {_AXIS_NAMES[axes[0]]}s ({letters})",
                           hint="Example: --coords 48.28,37.18", field="coords")
    if axes[0] == "lon" or axes[1] == "lat":
        parts.reverse()
    return parts[0], parts[1]


def coords_numbers(text: str) -> tuple[str, str]:
    """A typed LAT,LON's two numbers as written ('48.50' stays so), latitude first; a coordinate
    written with a letter or degree sign as its plain number ('-37.18' of '37.18 W')."""
    lat, lon = coords_parts(text)
    return degrees_read(lat)[0], degrees_read(lon)[0]


def parse_coords(text: str) -> tuple[float, float]:
    """'48.28,37.18' -> (48.28, 37.18): latitude first, as maps and most desks write it; or as map
    tools write a point: '48.28 N, 37.18 E', '48.28°,37.18°' (`coords_parts`)."""
    parts = coords_parts(text)
    read = [degrees_read(part) for part in parts]
    if any(in_minutes for _, _, in_minutes in read):  # (both said in decimal degrees, the pair refused)
        raise InvalidValue(f"coordinates {shown(text)} are in degrees, minutes and seconds",
                           hint=f"Write them in decimal degrees: --coords {read[0][0]},{read[1][0]}", field="coords")
    lat = clean_coordinate(parts[0], "lat")
    lon = clean_coordinate(parts[1], "lon")
    return lat, lon  # type: ignore[return-value]


# Where the claims a desk records are: Ukraine, Russia's west and the Black Sea, generously. South
# 41: the Black Sea's Turkish shore (the Bosporus, 41.0); north 70: the Kola peninsula (Murmansk,
# Olenya airbase at 68.2); west 19: Kaliningrad (19.9), the Polish border and its Rzeszów hub (22.0);
# east 60: the Urals, European Russia's edge (Orsk's refinery at 58.6, Kazan at 49.1).
THEATRE = (41.0, 70.0, 19.0, 60.0)  # (lat from, lat to, lon from, lon to)


def _within(lat: float, lon: float, box: tuple) -> bool:
    return box[0] <= lat <= box[1] and box[2] <= lon <= box[3]


def coordinates_doubt(lat: Any, lon: Any, written: "tuple[str, str] | None" = None) -> str | None:
    """What to check of a point an analyst most likely got wrong, said after the point (`48,37 is
    ...`), or None: 0,0, a blank cell read as a number; lat,lon far from the war whose other way
    round is near it, lon,lat as GeoJSON and QGIS give them, or whose coordinate without its minus
    is (a stray minus: -48.5,37.6 in the Southern Ocean); `written`: the two numbers as typed, to
    say them so. Recorded as given all the same: a claim may be about any place (Tehran's
    35.69,51.39 is warned of: read swapped, it is Kursk oblast's)."""
    if type(lat) is not float or type(lon) is not float:
        return None
    if lat == 0 and lon == 0:
        return "is in the Gulf of Guinea, no place a claim is about: a blank cell?"
    if _within(lat, lon, THEATRE):
        return None
    lat_said, lon_said = written or (decimal_text(lat), decimal_text(lon))
    far = "is far from Ukraine, Russia and the Black Sea; "  # ("near them": the box holds Belgorod, not Ukraine)
    if _within(lon, lat, THEATRE):
        return f"{far}{lon_said},{lat_said} would be near them: are latitude and longitude swapped?"
    if _within(-lat, lon, THEATRE):
        return f"{far}{_unnegated(lat_said)},{lon_said} would be near them: north, not south?"
    if _within(lat, -lon, THEATRE):
        return f"{far}{lat_said},{_unnegated(lon_said)} would be near them: east, not west?"
    if _within(-lat, -lon, THEATRE):
        return f"{far}{_unnegated(lat_said)},{_unnegated(lon_said)} would be near them: north and east, not south and west?"
    return None


def _unnegated(said: str) -> str:
    """A negative number as written ('-48.50'), without its minus."""
    return said[1:] if said.startswith("-") else said


def split_by_decimal_comma(whole: str, decimals: str) -> bool:
    """Whether two numbers side by side, cells or the parts of a typed LAT,LON, may be one
    coordinate that its decimal comma split (49,76 read as 49 and 76): a whole number of degrees,
    up to four characters with its sign, and digits."""
    whole, decimals = whole.strip(), decimals.strip()
    return (whole.isdigit() or (whole[:1] == "-" and whole[1:].isdigit())) and len(whole) <= 4 \
        and decimals.isdigit()


def decimal_comma_said(whole: str, decimals: str) -> str:
    """A number split by its decimal comma, named (and below, how to write it) as the import's
    `decimal-comma` note and `add --coords 48,5` say it."""
    return f"one number split by its decimal comma ({whole},{decimals})"


def decimal_comma_mended(whole: str, decimals: str, then: str = "") -> str:
    """How to write it: "48.5 ...; a whole degree is written 48.0" (`then` after the number)."""
    return f"{whole}.{decimals}{then}; a whole degree is written {whole}.0"


def clean_enum(enum: type[Enum], value: Any, field_name: str) -> str:
    text = str(value or "").strip()
    if not text.isascii():  # ("russiа" with a Cyrillic а, typed in the other layout, is russia)
        text = as_latin_letters(text)
    text = text.lower()
    allowed = [member.value for member in enum]  # type: ignore[attr-defined]
    if text not in allowed:
        # ("confirmd", "russian", "support"; not "verified" for unverified, nor "unconfirmed" for
        # confirmed: a choice and its opposite differ by a prefix, and the hint would say the opposite)
        close = [value for value in closest(text, allowed, count=1, cutoff=0.75)
                 if not (value.endswith(text) or text.endswith(value))]
        raise InvalidValue(f"{field_name} {shown(value)} is not one of: {', '.join(allowed)}",
                           hint=f"Did you mean {close[0]} for {shown(value)}?" if close else None, field=field_name)
        # (the value named: an import's hints are listed after its rows, once each)
    return text


def clean_category(value: Any, categories: Iterable[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
        raise InvalidValue("category must be text", field="category")  # (false is no category, not "other")
    text = ("" if value is None else str(value)).strip().lower() or "other"  # (0 is no category either)
    known = list(categories)
    if text not in known:
        said, hint = unknown_category_said(value, text, known)
        if hint is None:
            hint = f"Add it first: `claims categories add {text}`" if _SLUG.match(text) else None
            close = category_suggestions(text, known, count=1)
            if close:  # (a typo of a known one, most likely: asked about before a new one is offered)
                hint = f"Did you mean {close[0]}? Else a" + hint[1:] if hint else f"Did you mean {close[0]}?"
        raise InvalidValue(said, hint=hint, field="category")
    return text


def unknown_category_said(value: Any, text: str, known: list[str]) -> tuple[str, str | None]:
    """("category 'X' is unknown; known: ...", and a hint for one that is a known category typed with
    a letter that only looks Latin, else None): `text` is `value` as categories are compared. On
    screen territоrial, with a Cyrillic о, is territorial: the letter is named, as an unknown
    source's (`SourceRegistry.get`) or a --format's are."""
    odd = None if text.isascii() else only_looks_latin(text, known)
    if odd is None:
        return f"category {shown(value)} is unknown; known: {', '.join(known)}", None
    meant = as_latin_letters(text).lower()
    return (f"category {shown(value)} is unknown ({odd}); known: {', '.join(known)}",
            f"Did you mean {meant}{_in_letters(odd)}?")


def near_categories(name: str, categories: Iterable[str]) -> list[str]:
    """The other categories `name` reads as another writing of: the same but for case, spacing,
    dashes or underscores and a plural (strikes, air_defence, casualty beside strike, air-defence,
    casualties), or two letters swapped, or a letter dropped or added in a word of six or more
    (logistcs). A claim filed under one is missed by a `--category` of the other. A letter changed
    is another word (grain, train; us-aid, eu-aid), as one added to a short one (aid, raid; ports,
    sports): not one of them."""
    others = [category for category in categories if category != name]
    key = _category_key(name)
    return [category for category in others if _category_key(category) == key] or \
        [category for category in others if _slip_of_a_long_word(name, category)
         or (len(category) == len(name) and sorted(category) == sorted(name) and one_slip(name, category))][:1]


def near_category_said(category: str, near: str) -> str:
    """What `categories add` and an import say of a new `category` that is `near` (`near_categories`)."""
    return f"{category} looks like the category {near}: a claim filed under one is not found by --category of the other"


def _slip_of_a_long_word(name: str, other: str) -> bool:
    """Whether two slugs differ by a letter dropped or added in one word of six letters or more
    (logistcs; not eu-raid beside eu-aid, whose word is short: review)."""
    words, others = re.split(r"[-_]", name), re.split(r"[-_]", other)
    if len(words) != len(others) or len(name) == len(other):
        return False
    differ = [(one, two) for one, two in zip(words, others) if one != two]
    return len(differ) == 1 and min(map(len, differ[0])) >= 6 and one_slip(*differ[0])


def category_suggestions(name: str, categories: Iterable[str], count: int = 3) -> list[str]:
    """Known categories to offer for an unknown `name`: another writing of it (`near_categories`),
    else a slip of a letter or two (difflib's 0.8, as clean_category asks: logistics is no
    diplomatic)."""
    known = list(categories)
    return near_categories(name, known) or closest(name, known, count=count, cutoff=0.8)


def _category_key(name: str) -> str:
    key = re.sub(r"[\s_-]+", "", name.casefold())
    return key[:-3] + "y" if key.endswith("ies") else key.removesuffix("s")


def clean_slug(value: Any, field_name: str) -> str:
    text = str(value or "").strip().lower()
    if not _SLUG.match(text):
        latin = text.translate(_AS_LATIN)  # (a Ukrainian layout's і, а, о typed into a Latin word)
        if latin != text and _SLUG.match(latin):
            odd = ", ".join(sorted({char for char in text if char in _CYRILLIC_LOOKALIKES}))
            hint: str | None = f"It has Cyrillic letters that look Latin ({odd}): {latin}"
        else:
            # (an accent dropped, a full-width letter as a plain one: "défense" is defense; a letter
            # of another alphabet is no Latin one, and the name without it no example: "логicтика",
            # with a Latin i and c, was offered "ic")
            plain = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
            foreign = list(dict.fromkeys(char for char in plain if char.isalnum() and not char.isascii()))
            slug = re.sub(r"[^a-z0-9_-]+", "-", plain).strip("-_")[:40]
            if foreign:
                said = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
                hint = f"Name it in Latin letters, a-z ({said} {'is' if len(foreign) == 1 else 'are'} not)."
            else:
                hint = f"For example: {slug}" if _SLUG.match(slug) else None
        raise InvalidValue(f"{field_name} {shown(value)} must be a short word of a-z, 0-9, - and _, "
                           "starting with a letter", hint=hint, field=field_name)
    return text


def closest(word: str, candidates: Iterable[str], count: int = 3, cutoff: float = 0.5) -> list[str]:
    pool = list(candidates)
    by_fold = {candidate.casefold(): candidate for candidate in pool}
    found = difflib.get_close_matches(word.casefold(), list(by_fold), n=count, cutoff=cutoff)
    return [by_fold[item] for item in found]


def slips_of(word: str, candidates: Iterable[str], count: int = 3) -> list[str]:
    """The candidates `word` reads as a slip of: one letter changed, added, dropped, or two
    swapped ("IWS", "ISWW", "PA"; "AFP" reads as AP, which the analyst may not mean, but is no
    other side's), a difflib ratio of 0.8 in a name of ten letters or more ("Black Brid Grup"; in
    a shorter one two letters make another word: "Telegraph" is no slip of Telegram), else a name whose first
    words it is, or is one slip of ("Минобороны", "Миноборони" of "Минобороны России", "Kyiv" of
    "Kyiv Independent"). "The Telegraph" is no slip of Telegram, nor "Kremlin" of Ukraine."""
    pool = list(candidates)
    by_fold = {candidate.casefold(): candidate for candidate in pool}
    folded = word.casefold()
    # (first a name as another language spells it: "Telegraf" is The Telegraph, before the one
    # letter that makes it Telegram)
    spelled = _spelled_alike(folded)
    found = [name for name in by_fold if name != folded and _spelled_alike(name) == spelled]
    found += [name for name in by_fold if one_slip(folded, name) and name not in found]
    if len(folded) >= 10:
        found += [name for name in difflib.get_close_matches(folded, list(by_fold), n=count, cutoff=0.8)
                  if name not in found]
    if not found and len(folded) >= 3:
        words = len(folded.split())
        found = [name for name in by_fold if len(name.split()) > words and (
            name.startswith(folded + " ")
            or (len(folded) >= 5 and one_slip(folded, " ".join(name.split()[:words]))))]
    return [by_fold[name] for name in found[:count]]


# The words of a source's name that say whose it is, by the country they say (`name_countries`):
# `SourceRegistry.get` offers no known name that says another country than the unknown one typed
# (the Russian General Staff is no slip of the Ukrainian one, nor GUR of the GRU), and says the side
# of one where only one of the two says a country. Kept small and telling: a country's two-letter
# code, the abbreviations of its armed forces and services, in Latin and Cyrillic letters; its name
# and adjective in English, Russian and Ukrainian as stems (their endings change: российский,
# России, російський); two phrases of two words. A word is read whole ("Rusich", "Ukrinform" say none).
_COUNTRY_WORDS = {
    **dict.fromkeys(("ru", "rf", "рф", "fsb", "фсб", "gru", "гру", "kremlin", "кремль"), "russia"),
    **dict.fromkeys(("ua", "zsu", "зсу", "vsu", "всу", "afu", "sbu", "сбу", "gur", "гур"), "ukraine"),
    **dict.fromkeys(("us", "usa", "сша"), "us"), "uk": "uk",
}
_COUNTRY_STEMS = (("russia", "russia"), ("rossii", "russia"), ("rossiy", "russia"), ("росси", "russia"),
                  ("росі", "russia"), ("русск", "russia"),
                  ("ukrain", "ukraine"), ("украин", "ukraine"), ("україн", "ukraine"),
                  ("belarus", "belarus"), ("belorus", "belarus"), ("byelorus", "belarus"), ("беларус", "belarus"),
                  ("белорус", "belarus"), ("білорус", "belarus"),
                  ("america", "us"), ("америк", "us"), ("british", "uk"), ("britain", "uk"), ("британ", "uk"))
_COUNTRY_PHRASES = (("united states", "us"), ("united kingdom", "uk"))
# The whole words a word of five letters or more is read as, one slip from (`one_slip`: "Rusian",
# "Russain", "Ukranian"), where no word or stem above says its country: whole, as a stem's slip may
# begin another word ("Ukrinform" is no slip of Ukraine)
_COUNTRY_SLIPS = (
    *((word, "russia") for word in ("russia", "russian", "russians", "rossii", "rossiya", "kremlin", "россия",
                                    "россии", "российский", "росія", "росії", "російський", "кремль")),
    *((word, "ukraine") for word in ("ukraine", "ukrainian", "ukrainians", "украина", "украины", "украинский",
                                     "україна", "україни", "український")),
    *((word, "belarus") for word in ("belarus", "belarusian", "беларусь", "білорусь")),
    *((word, "us") for word in ("america", "american")), *((word, "uk") for word in ("britain", "british")),
)
_WORDS = LazyPattern(r"\w+")


def name_countries(name: str) -> frozenset[str]:
    """The countries a source's name says by the words of _COUNTRY_WORDS, _COUNTRY_STEMS and
    _COUNTRY_PHRASES, any case, a dot aside ("U.S." is US), or a word of five letters or more one
    slip from one of _COUNTRY_SLIPS: "Russian General Staff" and "Rusian General Staff" russia,
    "Генштаб ЗСУ" ukraine, "Ministry of Defence" none."""
    text = name.casefold().replace(".", "")
    found = {country for phrase, country in _COUNTRY_PHRASES if phrase in text}
    for word in _WORDS.findall(text):
        country = _COUNTRY_WORDS.get(word)
        if country is None and len(word) >= 4:
            country = next((country for stem, country in _COUNTRY_STEMS if word.startswith(stem)), None)
        if country is None and len(word) >= 5:  # (asked only of an unknown name and the names offered it)
            country = next((country for whole, country in _COUNTRY_SLIPS if one_slip(word, whole)), None)
        if country is not None:
            found.add(country)
    return frozenset(found)


def _other_country(typed: frozenset[str], known: frozenset[str]) -> bool:
    """Whether a known name saying the countries `known` says another country than a typed one
    saying `typed`: each says one the other does not ("Russian ..." and "Ukrainian ...", "UK ..."
    and "Russian ..."); one saying none, or the other's and more, does not."""
    return bool(typed - known) and bool(known - typed)


def _spelled_alike(name: str) -> str:
    """A folded name as a transliteration may write it: "ph" as "f" (Telegraph, Telegraf), and
    without a leading "the" (the paper is "The Telegraph", typed "Telegraph")."""
    return name.removeprefix("the ").replace("ph", "f")


def one_slip(word: str, name: str) -> bool:
    """Whether `word` is `name` with one letter changed, added or dropped, or two neighbours swapped
    (and not `name` itself)."""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    if len(word) != len(name):
        shorter, longer = sorted((word, name), key=len)
        at = next((at for at, (one, other) in enumerate(zip(shorter, longer)) if one != other), len(shorter))
        return shorter[at:] == longer[at + 1:]
    differ = [at for at, (one, other) in enumerate(zip(word, name)) if one != other]
    return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                and word[differ[0]] == name[differ[1]] and word[differ[1]] == name[differ[0]])


# ------------------------------------------------------------------------------------ sources

def source_key(name: str) -> str:
    # (not `fold`: two sources whose names differ by an apostrophe, once allowed, stay two)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()


def name_as_written(name: str) -> str:
    """A source's name as every command writes it (`clean_text`'s: stripped, NFC). One stored
    otherwise, "ISW " from a hand edit, is found by a lookup (`source_key`), while the filters,
    which compare the names stored letter for letter, miss the claims citing "ISW"."""
    return unicodedata.normalize("NFC", name.strip())


def written_alike(name: str, other: str) -> bool:
    """Whether two source names differ only in case, spacing, apostrophes or ё/е."""
    return _fold_key(name) == _fold_key(other)


def _fold_key(name: str) -> str:
    """A source's name as statements are compared (`fold`): case, apostrophes and ё/е aside."""
    return _SPACES.sub(" ", fold(name)).strip()


# Letters of other alphabets that look like Latin ones, capitals and small letters each as it looks
# (a Greek Ν is an N, its ν a v): what `name_skeleton` reads a name as
_LOOKS_LATIN = str.maketrans("АВЕІКМНОРСТХЅЈУΑΒΕΖΗΙΚΜΝΟΡΤΥΧаеіорсухѕјοιρυχνακ",
                             "ABEIKMHOPCTXSJYABEZHIKMNOPTYXaeiopcyxsjoipuxvak")


def as_latin_letters(text: str) -> str:
    """`text` with full-width letters as plain ones (NFKC), and Cyrillic and Greek letters that look
    Latin as those ("ІSW" with a Cyrillic І is ISW): a choice typed so is that choice (`clean_enum`)."""
    return unicodedata.normalize("NFKC", text).translate(_LOOKS_LATIN)


# Each Latin letter that looks like a Cyrillic one, as that (i as the Ukrainian і): `as_cyrillic_word`
_AS_CYRILLIC = str.maketrans("aceiopxyABCEHIKMOPTX", "асеіорхуАВСЕНІКМОРТХ")


def as_cyrillic_word(word: str) -> str | None:
    """A Cyrillic word with Latin lookalikes among its letters (`odd_letters`: "квiтня" with a Latin
    i, as a Ukrainian layout and a Latin one type it alike) written all in Cyrillic; None for a word
    that is not so mixed."""
    found = odd_letters(word)
    return word.translate(_AS_CYRILLIC) if found is not None and found[0] == "Latin" else None


def name_skeleton(name: str) -> str:
    """A source's name as it looks (`as_latin_letters`), then as names are compared (`_fold_key`).
    "ΙSW" with a Greek Iota and "ISW" look alike; so do Russia's СВР and the American CBP."""
    return _fold_key(as_latin_letters(name))


def name_compacted(name: str) -> str:
    """`name_skeleton` without spaces, punctuation and underscores: "Deep State", "deep-state" and
    "DeepState." are DeepState so read."""
    return _NOT_LETTER_OR_DIGIT.sub("", name_skeleton(name))


_NOT_LETTER_OR_DIGIT = LazyPattern(r"[\W_]+")


def spelled_apart_said(name: str, source: "Source", known: str) -> str:
    """"'Deep State' differs from the source 'DeepState' only in spaces or punctuation": `name` and
    the source one of whose names (`known`) it is so (`SourceRegistry.spelled_apart`)."""
    alias = f" (as {shown(known)})" if known != source.name else ""
    return f"{shown(name)} differs from the source {shown(source.name)}{alias} only in spaces or punctuation"


def lookalike_said(name: str, source: "Source", known: str) -> str:
    """"'ΙSW' looks like the source 'ISW', written with other letters (Greek Ι)": `name` and the
    source one of whose names (`known`) it looks like (`SourceRegistry.lookalike`)."""
    alias = f" (as {shown(known)})" if known != source.name else ""
    if len(name) == len(known):  # (place by place: "BВC" beside "ВBС" differs in all three)
        differ = [mine for mine, theirs in zip(name, known) if mine != theirs and mine.casefold() != theirs.casefold()]
        letters, whose = _letters_said(differ), "written"
    else:
        letters = _unlike_latin(name, known)
        whose = "written" if letters else "which is written"  # ("CBP" and СВР: the other's letters are)
        letters = letters or _unlike_latin(known, name)
    return f"{shown(name)} looks like the source {shown(source.name)}{alias}" + (
        f", {whose} with other letters ({letters})" if letters else "")


def lookalike_letters(name: str, other: str) -> str | None:
    """"a Cyrillic о": the letters of `name`, a name that looks like `other`, that only look Latin
    where `other` has others, as `lookalike_said` names them; None if it has none ('Source Desk'
    beside 'Sоurce Desk': the other one holds the odd letter)."""
    if len(name) == len(other):
        letters = [mine for mine, theirs in zip(name, other)
                   if mine.casefold() != theirs.casefold() and as_latin_letters(mine) != mine]
    else:
        letters = [char for char in name if as_latin_letters(char) != char and char not in other]
    if not letters:
        return None
    return ("a " if len(set(letters)) == 1 else "") + _letters_said(letters)


def _unlike_latin(name: str, other: str) -> str:
    """The letters of `name` that only look Latin and `other` does not have, with their alphabet:
    "Greek Ι, Fullwidth Ａ" (ВВC beside ВВС: its В are the other's too)."""
    return _letters_said([char for char in name if as_latin_letters(char) != char and char not in other])


def only_looks_latin(text: str, choices: Iterable[str]) -> str | None:
    """"its Cyrillic ј only looks Latin": the letters of `text` that `as_latin_letters` reads as
    Latin ones, said for a choice Typer checks (`--format јson`), full-width characters as that
    (`_full_width_said`: they are Latin letters, digits, marks); None unless `text` so read is one
    of `choices` (жсон is a Cyrillic word, no json)."""
    if as_latin_letters(text).lower() not in {choice.lower() for choice in choices}:
        return None
    alike = [char for char in text if char.isalpha() and not _is_full_width(char) and as_latin_letters(char) != char]
    said = [f"its {_letters_said(alike)} only look{'s' if len(set(alike)) == 1 else ''} Latin"] if alike else []
    wide = _full_width_said(text, alone=not alike)
    return ", and ".join(said + ([wide] if wide else [])) or None


def _is_full_width(char: str) -> bool:
    """Whether `char` is the full-width form of an ASCII one (U+FF01-U+FF5E: Ａ, ２, ＿)."""
    return "\uff01" <= char <= "\uff5e"


def _full_width_said(text: str, alone: bool = True) -> str | None:
    """"its ２, ０ are full-width" of `text`, or, `alone` (nothing else said of it) and it is
    written so throughout, "it is written in full-width letters" (characters, where not all are
    letters: ２０２２, ａｉｒ＿ｄｅｆｅｎｃｅ); None if it has none. (Not "Fullwidth ２ only looks
    Digit": the first word of a character's Unicode name is no alphabet.)"""
    wide = list(dict.fromkeys(char for char in text if _is_full_width(char)))
    if not wide:
        return None
    if alone and all(_is_full_width(char) or char.isspace() for char in text):
        return _FULL_WIDTH_SAID if all(char.isalpha() for char in wide) else _FULL_WIDTH_CHARACTERS_SAID
    return f"its {', '.join(wide[:5])} {'is' if len(wide) == 1 else 'are'} full-width"


_FULL_WIDTH_SAID = "it is written in full-width letters"  # (only_looks_latin of a name wholly so)
_FULL_WIDTH_CHARACTERS_SAID = "it is written in full-width characters"  # (one with a digit or a mark)


def _in_letters(odd: str) -> str:
    """", in Latin letters" ("Did you mean ISW, in Latin letters?") of a name `only_looks_latin`
    says `odd` of, ", in ordinary letters" of one written in full-width letters; "" of one only
    some of whose characters are full-width, or a digit or mark ("Did you mean '2022'?": the
    error says they are full-width)."""
    if "only look" in odd:
        return ", in Latin letters"
    return ", in ordinary letters" if odd == _FULL_WIDTH_SAID else ""


def _wholly_full_width(odd: str | None) -> bool:
    """Whether `only_looks_latin` said `odd` of a name written in full-width characters throughout."""
    return odd in (_FULL_WIDTH_SAID, _FULL_WIDTH_CHARACTERS_SAID)


def lookalike_tag(typed: str, tags: Iterable[str]) -> tuple[str, str, str] | None:
    """(the one of `tags` that `typed` is but for letters of another alphabet that look alike, or
    full-width characters, what they are, the words of the hint's "Did you mean" after the tag):
    ('Київщина', "its Latin a only looks Cyrillic", ", in Cyrillic letters") of Київщинa with a
    Latin a, ('kupiansk', "its Cyrillic а only looks Latin", ", in Latin letters") of kupiаnsk, as
    `only_looks_latin` says it; ('2022', "it is written in full-width characters", "") of ２０２２: on
    screen the two are one tag. None if no tag is so."""
    typed = typed.strip()
    key = as_latin_letters(tag_key(typed))  # (case aside first: a small к looks Latin no more than К)
    tag = next((tag for tag in tags if as_latin_letters(tag_key(tag)) == key), None)
    if tag is None or len(tag) != len(typed):  # (a hash or a space more: no letter to say place by place)
        return None
    differ = [(mine, theirs) for mine, theirs in zip(typed, tag)
              if mine.casefold() != theirs.casefold() and not _is_full_width(mine)]
    if not differ:  # (２０２２ for 2022, A＿B for A_B: full-width characters alone)
        odd = _full_width_said(typed)
        return (tag, odd, _in_letters(odd)) if odd else None
    alphabets = {_alphabet(theirs) for _, theirs in differ}
    if len(alphabets) != 1:
        return None
    alphabet = alphabets.pop()
    if alphabet == "Latin":  # (a Cyrillic letter typed for a Latin one, a full-width one too)
        odd = only_looks_latin(typed, [tag])
        return (tag, odd, _in_letters(odd)) if odd else None
    mine = [mine for mine, _ in differ]
    wide = _full_width_said(typed, alone=False)  # (Київщинa２０２２: its digits too)
    return tag, f"its {_letters_said(mine)} only look{'s' if len(set(mine)) == 1 else ''} {alphabet}" + (
        f", and {wide}" if wide else ""), f", in {alphabet} letters"


def _add_it(name: str) -> str:
    """"add it: `claims sources add --side SIDE NAME` (russia, ...)", for an unknown source."""
    from .plain import shell_arguments

    # (the side is required, and a newcomer does not know the sides: all of it, to copy; the
    # option first: after the `--` of a name like "-Rybar" it would read as a name)
    *sides, last = [side.value for side in Side]
    return f"add it: `claims sources add --side SIDE {shell_arguments(name)}` ({', '.join(sides)} or {last})."


def _letters_said(letters: list[str]) -> str:
    """Letters with their alphabet, each once, at most five: "Latin B, Cyrillic В"."""
    return ", ".join(f"{_alphabet(char)} {char}" for char in list(dict.fromkeys(letters))[:5])


def _alphabet(char: str) -> str:
    """A letter's alphabet, as Unicode names it first: "Latin", "Cyrillic", "Greek", "Fullwidth"."""
    return unicodedata.name(char, "?").split(" ")[0].capitalize()


@dataclass
class Source:
    name: str
    side: str = Side.UNKNOWN.value
    kind: str = SourceKind.OTHER.value
    aliases: list[str] = field(default_factory=list)
    grade: str | None = None
    note: str | None = None
    # The names of sources merged into this one (`sources merge`; each is among its aliases too):
    # an alias from a rename names this source, one from a merge another, whose grade is not this one's
    merged: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        if not self.merged:  # (written only when there is one: every other record stays as it was)
            del data["merged"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Source":
        merged = data.get("merged")
        return cls(
            name=data["name"], side=data.get("side") or "unknown", kind=data.get("kind") or "other",
            aliases=list(data.get("aliases") or []), grade=data.get("grade"), note=data.get("note"),
            merged=[name for name in merged if type(name) is str] if type(merged) is list else [],
        )

    @staticmethod
    def record_problems(doc: dict) -> list[str]:
        """What makes a stored source record (one with a name) one the commands cannot read as it
        is: a side, kind or grade off its scale, aliases or merged names that are no list of names
        (a string's letters were read as aliases: `--source M` found the Russian MoD)."""
        problems = []
        side, kind, grade = doc.get("side"), doc.get("kind"), doc.get("grade")
        if side not in _SIDE_VALUES:
            problems.append(f"side {shown(side)} is not one of: {', '.join(_SIDE_VALUES)}")
        if kind not in _KIND_VALUES:
            problems.append(f"kind {shown(kind)} is not one of: {', '.join(_KIND_VALUES)}")
        if grade is not None and grade not in GRADES:
            problems.append(f"grade {shown(grade)} is not on the Admiralty scale A-F")
        aliases = doc.get("aliases") or []
        if type(aliases) is not list or not all(type(alias) is str for alias in aliases):
            problems.append("aliases are not a list of names")
        merged = doc.get("merged", [])
        if type(merged) is not list or not all(type(name) is str for name in merged):
            problems.append("merged is not a list of names (the sources merged into it)")
        return problems

    def merged_from(self, name: str) -> bool:
        """Whether `name` is that of a source merged into this one (not an old name of its own),
        written alike (`written_alike`), as a lookup finds it: with е for ё it had read as an old
        name of this one, and an import gave this one the merged source's grade."""
        key = _fold_key(name)
        return any(_fold_key(merged) == key for merged in self.merged)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


_SIDE_VALUES = [side.value for side in Side]
_KIND_VALUES = [kind.value for kind in SourceKind]


def make_source(name: Any, side: Any, kind: Any = None, aliases: Iterable[Any] = (),
                grade: Any = None, note: Any = None) -> Source:
    """A validated Source; raises InvalidValue naming the bad field."""
    clean_name = clean_text(name, "name", required=True, limit=MAX_NAME)
    clean_aliases: list[str] = []
    for alias in aliases:
        alias_text = clean_text(alias, "alias", limit=MAX_NAME)
        if alias_text and source_key(alias_text) not in {source_key(a) for a in clean_aliases} \
                and source_key(alias_text) != source_key(clean_name):
            clean_aliases.append(alias_text)
    return Source(
        name=clean_name,  # type: ignore[arg-type]
        side=clean_enum(Side, side, "side"),
        kind=clean_enum(SourceKind, kind or "other", "kind"),
        aliases=clean_aliases,
        grade=clean_grade(grade),
        note=clean_text(note, "note", multiline=True, limit=MAX_NOTE),
    )


def refuse_unfit_name(name: str, field: str) -> None:
    """A source's name or alias given anew may not hold ";": lists of sources are written with it
    between them (a CSV listing's supported_by, `sources list`'s aliases), and "Foo;Bar" would read
    as two. Nor an invisible character (a zero-width space, a direction mark, a soft hyphen: copied
    with a name from a messenger or a web page), which every screen shows without it, and a search
    of an export for the name as seen does not find. (One already held is let be: it is mended by
    `sources rename`. The joiners some scripts and emoji need are no slip.)"""
    if ";" in name:
        raise InvalidValue(f"{field} {shown(name)} holds ';', which separates names in lists",
                           hint="Write it without ';' (a comma, say).", field=field)
    invisible = invisible_in_name(name)
    if invisible is not None:
        raise InvalidValue(f"{field} {shown(name)} holds an invisible character ({invisible[1]}) at position "
                           f"{invisible[0]}", hint="Type it again without it (it came with a copy, most likely).",
                           field=field)


def invisible_in_name(name: str) -> tuple[int, str] | None:
    """(its position, its name) of the first invisible character in a source's name that
    `refuse_unfit_name` refuses (a joiner is none), or None."""
    if not name.isascii():
        for position, char in enumerate(name, 1):
            if _refused_invisible(char):
                return position, character_name(char)
    return None


def _refused_invisible(char: str) -> bool:
    """Whether `char` is an invisible character a source's name may not hold (a joiner may)."""
    return char in _INVISIBLE and char not in _JOINERS


def _without_invisible(name: str) -> str:
    """A source's name without the invisible characters `refuse_unfit_name` refuses."""
    return "".join(char for char in name if not _refused_invisible(char))


def character_name(char: str) -> str:
    """A character's Unicode name in small letters ("zero width space", "cyrillic capital letter
    es"), or its code point (U+E000) if it has none."""
    return unicodedata.name(char, "U+%04X" % ord(char)).lower()


_JOINERS = ("\u200c", "\u200d")  # (zero-width non-joiner and joiner: Persian words, emoji sequences)


def one_spaced(name: str) -> str:
    """A source's name or alias given anew with each run of spaces one space, as every list shows it
    ("Russian  MoD" typed for Russian MoD was a rename, its claims rewritten, to a name seen as
    before), a no-break or other wide space too (copied from a web page). Tabs and line breaks are
    left for `clean_text` to refuse."""
    return _SPACE_RUN.sub(" ", name) if "  " in name or not name.isascii() else name


# (horizontal spaces: ASCII's, no-break, the typographic ones, the ideographic)
_SPACE_RUN = LazyPattern(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


# A Russian or Ukrainian desk's Admiralty scale: its В is the third grade, C, though it looks like B
_CYRILLIC_GRADES = "АБВГДЕ"
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def clean_grade(value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    grade = unicodedata.normalize("NFKC", str(value).strip())  # (a full-width Ｂ is a Latin B)
    if len(grade) == 1 and grade.isalpha() and not grade.isascii():
        raise _grade_in_other_letters(grade)
    grade = grade.upper()
    if grade not in GRADES:
        raise InvalidValue(f"grade {shown(value)} is not on the Admiralty scale A-F",
                           hint="A completely reliable ... E unreliable, F cannot be judged.",
                           field="grade")
    return grade


def _grade_in_other_letters(letter: str) -> InvalidValue:
    """A grade written in a letter not Latin, with what it may mean: not read as its look-alike (a
    Cyrillic В looks like B, but is a Russian or Ukrainian desk's third grade, C)."""
    alphabet = unicodedata.name(letter, "?").split(" ")[0].capitalize()
    look = as_latin_letters(letter).upper()
    look = look if look in GRADES else None
    place = _CYRILLIC_GRADES.find(letter.upper()) if alphabet == "Cyrillic" else -1
    scale = f"the {_ORDINALS[place]} letter, {'ABCDEF'[place]}, on the Cyrillic scale А-Е" if place >= 0 else None
    if look and scale:
        hint = f"{letter} is {look}'s look-alike, {'and' if look == 'ABCDEF'[place] else 'but'} {scale}."
    elif look:
        hint = f"{letter} is {look}'s look-alike" + (
            "; it is not on the Cyrillic scale А-Е." if alphabet == "Cyrillic" else ".")
    elif scale:
        hint = f"{letter} is {scale}."
    else:
        hint = "A completely reliable ... E unreliable, F cannot be judged."
    return InvalidValue(f"grade {shown(letter)} is a{'n' if alphabet[:1] in 'AEIOU' else ''} {alphabet} letter: "
                        "the Admiralty scale is written A-F in Latin letters", hint=hint, field="grade")


class SourceRegistry:
    """The known sources, looked up case-insensitively by name or alias."""

    def __init__(self, sources: Iterable[Source]):
        self._sources: dict[str, Source] = {}
        self._by_key: dict[str, Source] = {}
        # as statements are compared (apostrophes, ё and е alike): the sources each name so read may
        # be; one found so is found only if it is the only one (two that differ so, once allowed, stay two)
        self._by_fold: dict[str, set[str]] = {}
        # verification.weigh's memo: (stance, evidence source, claimant) -> Weight. A registry
        # does not change once built (with_source makes a new one; `put`, into a copy `building`
        # made, forgets them), so neither do the weights.
        self.weights: dict[tuple, Any] = {}
        self._suggestions: dict[str, list[str]] = {}  # an unknown name's closest names (each row of a file asks)
        self._skeletons: dict[str, list] | None = None  # `name_skeleton` -> [(source, name)], made when first asked
        self._compacted: dict[str, list] | None = None  # `name_compacted` -> [(source, name)], made when first asked
        # a known name -> the countries it and its source's name say (`name_countries`), made when an
        # unknown name that says one is first asked (`_offered`)
        self._countries: dict[str, frozenset[str]] | None = None
        self._refused: dict[str, tuple[str, str]] = {}  # see `refusing` (by `_fold_key`)
        self._any_graded: dict[tuple, bool] = {}  # see `any_graded`
        self._identities: dict[str, Any] = {}  # see `identity`
        for source in sources:
            self._add(source)

    def _add(self, source: Source) -> None:
        self._sources[source.name] = source
        by_fold = self._by_fold
        for name in source.names():
            self._by_key[source_key(name)] = source
            key = _fold_key(name)
            # (a new set, not the one held: a copy made by `building` shares them with its original)
            by_fold[key] = {*by_fold[key], source.name} if key in by_fold else {source.name}

    def __iter__(self):
        return iter(sorted(self._sources.values(), key=lambda s: alphabetical(s.name)))

    def __len__(self) -> int:
        return len(self._sources)

    def find(self, name: str, *, alike: bool = True) -> Source | None:
        """The source called `name` (or with that alias), case aside; with `alike`, also one whose
        name is written so but for its apostrophes or ё (when no other source is)."""
        if not name:
            return None
        found = self._by_key.get(source_key(name))
        if found is None and alike:
            names = self._by_fold.get(_fold_key(name))
            if names is not None and len(names) == 1:
                found = self._sources[next(iter(names))]
        return found

    def identity(self, name: str) -> Any:
        """What `verification.same_source` tells `name` by: the name of the source it names (`find`),
        else `(its source_key,)`. Two names are one source when theirs are equal: a caller comparing
        the names of many evidence items with one (an import, with a claim's outlet) compares these,
        each name looked up once."""
        found = self._identities.get(name)
        if found is None:
            source = self.find(name)
            found = self._identities[name] = source.name if source is not None else (source_key(name),)
        return found

    def any_graded(self, grades: tuple[str, ...]) -> bool:
        """Whether a source here is graded one of `grades`: asked of each evidence item an import
        adds (`ledger.graded_unread_source`), and most registries have none graded D or E."""
        found = self._any_graded.get(grades)
        if found is None:
            found = self._any_graded[grades] = any(source.grade in grades for source in self._sources.values())
        return found

    def refusing(self, refused: dict[str, tuple[str, str]]) -> "SourceRegistry":
        """A copy whose `get` refuses each name of `refused` (a name -> what NotFound says after
        it, and its hint), written however `find` would find it (case, spacing, apostrophes, ё,
        invisible characters aside), as it would an unknown one, while `find` still finds it: an
        import's file that defines a name it holds as another source (another side or kind) than
        the one it names here (importers: its claims and evidence are not this one's)."""
        copy = SourceRegistry(())
        copy._sources, copy._by_key, copy._by_fold = self._sources, self._by_key, self._by_fold
        copy._refused = {**self._refused, **{_fold_key(name): said for name, said in refused.items()}}
        return copy

    def get(self, name: str) -> Source:
        """The source called `name` (or with that alias); NotFound names the closest ones."""
        if self._refused and name and (refused := self._refused.get(_fold_key(name))) is not None:
            raise NotFound(f"{shown(name)} {refused[0]}", hint=refused[1])
        source = self.find(name)
        if source is None:
            key = source_key(name or "")  # (as names are found: any case and spacing; closest reads it so too)
            suggestions = self._suggestions.get(key)
            if suggestions is None:  # (a slip only: at 0.5 "The Telegraph" was offered Telegram, "Kremlin" Ukraine)
                suggestions = self._suggestions[key] = self._offered(key)
            offered = f"Did you mean: {', '.join(suggestions)}? " if suggestions else ""
            typed = " ".join((name or "").split())
            found = self.lookalike(typed) if typed else None
            if found is not None:
                # (on screen the two are one name: say which letters are not what they look)
                meant = self._as_sources([found[1]])[0]
                odd = only_looks_latin(typed, [found[1]])
                if _wholly_full_width(odd) or (odd and _LATIN_LETTER.search(typed)):
                    # (a Latin name with a letter of the other keyboard layout, or a full-width one: a slip)
                    raise NotFound(f"unknown source {shown(name)}: {odd}", hint=(
                        f"Did you mean: {meant}{_in_letters(odd)}? "
                        "See `claims sources list`, or add a new source with `claims sources add`."))
                # (a name in another alphabet throughout may be a source of its own: Russia's СВР is
                # not the American CBP)
                raise NotFound(f"unknown source {lookalike_said(typed, *found)}",
                               hint=f"Did you mean: {meant}? If not, {_add_it(typed)}")
            if ";" in typed:  # (a name `sources add` refuses: "Foo;Bar" reads as two in lists)
                hint = offered + "See `claims sources list`; a source's name holds no ';'."
            elif offered or not typed or not _without_invisible(typed).strip():
                # (a slip: no command, nor an "add it", that would add the slip as a source)
                hint = offered + "See `claims sources list`, or add a new source with `claims sources add`."
            elif len(typed) > MAX_NAME:  # (no `sources add`, which would refuse it: nor the name, said cut)
                hint = f"See `claims sources list`; a source's name is at most {MAX_NAME} characters."
            elif invisible_in_name(typed) is not None:
                # (Foo and a zero-width space, copied: `sources add` refuses the name as typed)
                visible = _without_invisible(typed)
                kinds = dict.fromkeys(character_name(char) for char in typed if _refused_invisible(char))
                many = len(typed) - len(visible) > 1
                hint = (f"See `claims sources list`, or, without its invisible character{'s' if many else ''} "
                        f"({', '.join(kinds)}), {_add_it(' '.join(visible.split()))}")
            else:
                hint = f"See `claims sources list`, or {_add_it(typed)}"
            raise NotFound(f"unknown source {shown(name)}", hint=hint)
        return source

    def _offered(self, key: str) -> list[str]:
        """The known names offered for the unknown name `key` (`slips_of`), as their sources
        (`_as_sources`): never one that, with its source's name, says another country than `key`
        (`_other_country`: "Russian General Staff" was offered Ukraine, as Ukrainian General Staff),
        left out before the closest are taken. Every command naming a source asks it here."""
        typed = name_countries(key)
        names = self._by_key_names()
        if typed:  # (a name saying no country is offered any, as before: most are)
            if self._countries is None:
                self._countries = {name: self._countries_of(name) for name in names}
            countries = self._countries
            names = [name for name in names if not _other_country(typed, countries[name])]
        return self._as_sources(slips_of(key, names), typed=typed)

    def _countries_of(self, name: str) -> frozenset[str]:
        """The countries a known name and the name of its source say (`name_countries`)."""
        owner = self.find(name, alike=False)
        return name_countries(name) | (name_countries(owner.name) if owner is not None else frozenset())

    def _as_sources(self, names: list[str], typed: frozenset[str] | None = None) -> list[str]:
        """Close names as the sources they name, each once: a source's own name, or an alias with
        its source ("Telegram (as Russian milbloggers)"); three names of one source read as three.
        With the countries `typed` says (`name_countries`), the side of a source is said whose name
        and the name offered say other countries than it, or say one where it says none ("Ministry of
        Defence": "Russian MoD (russia, as Russian Ministry of Defence)"): an analyst takes no other
        country's source for the one meant, unsaid."""
        said: dict[str, str] = {}
        for name in names:
            owner = self.find(name, alike=False)
            if owner is None:
                said.setdefault(name, name)
                continue
            side = (f"{getattr(owner.side, 'value', owner.side)}"
                    if typed is not None and self._countries_of(name) != typed else "")
            if source_key(name) == source_key(owner.name):
                # (its own name, said so even after an alias of it)
                said[owner.name] = f"{owner.name} ({side})" if side else owner.name
            else:
                said.setdefault(owner.name, f"{owner.name} ({side + ', ' if side else ''}as {name})")
        return list(said.values())

    def _by_key_names(self) -> list[str]:
        return [name for source in self._sources.values() for name in source.names()]

    def side_of(self, name: str | None) -> Side:
        source = self.find(name) if name else None
        return Side(source.side) if source else Side.UNKNOWN

    def lookalike(self, name: str, *, besides: str | None = None) -> tuple[Source, str] | None:
        """(a source, its name or alias) that `name` looks like without being written so
        (`name_skeleton`: "ΙSW" with a Greek Iota, a full-width "ＡＰ"); None if none does. The
        source called `besides` (the one `name` is of) is not looked at."""
        if self._skeletons is None:  # (once a registry: an import of 1,500 new sources asks 3,000 times)
            self._skeletons = {}
            for source in self._sources.values():
                for known in source.names():
                    self._skeletons.setdefault(name_skeleton(known), []).append((source, known))
        key = _fold_key(name)
        for source, known in self._skeletons.get(name_skeleton(name), ()):
            if source.name != besides and _fold_key(known) != key:
                return source, known
        return None

    def spelled_apart(self, name: str, *, besides: str | None = None) -> tuple[Source, str] | None:
        """(a source, its name or alias) that `name` is but for spaces and punctuation ("Deep State",
        "deep-state" beside DeepState), looking like it otherwise (`lookalike` says one that looks
        like it letter for letter); None if none is. The source called `besides` is not looked at."""
        key = name_compacted(name)
        if not key:
            return None
        if self._compacted is None:
            self._compacted = {}
            for source in self._sources.values():
                for known in source.names():
                    self._compacted.setdefault(name_compacted(known), []).append((source, known))
        skeleton = name_skeleton(name)
        for source, known in self._compacted.get(key, ()):
            if source.name != besides and name_skeleton(known) != skeleton:
                return source, known
        return None

    def with_source(self, source: Source) -> "SourceRegistry":
        """A copy with `source` added or replaced; refuses a name or alias another source owns."""
        copy = self.building()
        copy.put(source)
        return copy

    def building(self) -> "SourceRegistry":
        """A copy of the lookups, to `put` sources in one by one: an import adding thousands, each
        checked against those before it, copies them once (`with_source` for each, a copy each:
        12,000 sources took 34 s)."""
        copy = SourceRegistry(())
        copy._sources, copy._by_key, copy._by_fold = dict(self._sources), dict(self._by_key), dict(self._by_fold)
        copy._refused = self._refused
        return copy

    def put(self, source: Source) -> None:
        """`source` added or replaced in this registry, one `building` made (no one else holds it:
        a registry is otherwise never changed); refuses a name or alias another source owns."""
        for name in source.names():
            owner = self.find(name, alike=False)  # (one written alike is refused where a person names it)
            if owner is not None and owner.name != source.name:
                raise InvalidValue(f"{shown(name)} already names the source {shown(owner.name)}",
                                   hint="Pick another name or alias.", field="name")
        # (what was worked out from the sources before: their weights, closest and look-alike names)
        self.weights, self._suggestions, self._skeletons, self._compacted = {}, {}, None, None
        self._countries = None
        self._any_graded, self._identities = {}, {}
        old = self._sources.get(source.name)
        if old is not None:  # (replaced: its old names leave with it, and it goes last, as if added)
            if any(len(self._by_fold.get(_fold_key(name), ())) > 1 for name in old.names()):
                # (a name written alike another source's, a hand edit's: the lookups hold the one
                # last; worked out again whole, as built)
                sources = [*(each for each in self._sources.values() if each.name != source.name), source]
                self._sources, self._by_key, self._by_fold = {}, {}, {}
                for each in sources:
                    self._add(each)
                return
            for name in old.names():  # (its names only, not every source's: an import gives thousands an alias)
                key, folded = source_key(name), _fold_key(name)
                if self._by_key.get(key) is old:
                    del self._by_key[key]
                if folded in self._by_fold:  # (a new set, not the one held: the original's, see `_add`)
                    self._by_fold[folded] = self._by_fold[folded] - {old.name}
                    if not self._by_fold[folded]:
                        del self._by_fold[folded]
            del self._sources[source.name]
        self._add(source)  # (its names put in, not every name worked out again)

    def without(self, name: str) -> "SourceRegistry":
        """A copy without the source called `name` (or with that alias): its names are free."""
        gone = self.get(name)
        return SourceRegistry([s for s in self._sources.values() if s.name != gone.name])


DEFAULT_SOURCES = (
    Source("Russian MoD", "russia", "official",
           ["MoD", "Russian Ministry of Defence", "Russian defence ministry", "Минобороны России"],
           note="Russian Ministry of Defence daily briefings"),
    Source("Telegram", "russia", "social",
           ["Russian Telegram", "milbloggers", "Russian milbloggers"],
           note="Russian milblogger Telegram channels; name the channel with --outlet"),
    Source("DeepState", "ukraine", "osint", ["DeepStateMap", "DeepState UA"],
           note="Ukrainian OSINT map of the front line"),
    Source("Ukraine", "ukraine", "official",
           ["General Staff", "Ukrainian General Staff", "Ukrainian military", "Ukrainian officials",
            "ЗСУ", "Генштаб ЗСУ"],
           note="Ukraine's General Staff, armed forces and officials"),
    Source("ISW", "independent", "osint", ["Institute for the Study of War"]),
    Source("GeoConfirmed", "independent", "osint", []),
    Source("Reuters", "independent", "media", []),
    Source("AP", "independent", "media", ["Associated Press"]),
)


def outlet_of_own_side(outlet: str | None, claimant: str, registry: SourceRegistry) -> Source | None:
    """The source a claim's outlet names (or is an alias of) when it is another source of its
    claimant's own party: a channel of the claimant's camp registered apart (Two Majors, russia,
    under Telegram), whose claims `list --source` and the rule know by the claimant alone. None of
    an independent or the other side's outlet: the medium or speaker that relayed the claim (the
    General Staff's claim as Reuters reported it), rightly filed under its claimant."""
    named = registry.find(outlet) if outlet else None
    if named is None or named is registry.find(claimant):
        return None
    side = registry.side_of(named.name)
    return named if side in PARTIES and side is registry.side_of(claimant) else None


# ------------------------------------------------------------------------------------- claims

def check_date_kind(value: Any, name: str, field_name: str) -> None:
    """A date from a file is text (or a number dateutil may read): true, a list... is none."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidValue(f"{name} {shown(value)} is not a date", hint="Use a date such as 2025-12-07.",
                           field=field_name)


def build_claim(fields: dict, registry: SourceRegistry, categories: Iterable[str], *,
                reference_date=None, read_date: Callable[[str, str], str] | None = None) -> dict:
    """Validate user-supplied claim fields into the stored shape (without id, status, history).

    `fields` uses the import column names; dates may be date objects or text. Raises InvalidValue
    (with `.field`) on the first problem. `read_date(field, text)` reads a date's text as
    parse_date does (an import's, which reads each distinct text once), to its ISO day.
    """
    from .dates import EARLIEST_DAY, parse_date  # the pure date module; imported here to keep startup lean

    def date_field(name: str, required: bool) -> str | None:
        value = fields.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise InvalidValue(f"{name} is missing", field=name)
            return None
        if hasattr(value, "isoformat"):
            return value.isoformat()
        check_date_kind(value, name, name)
        try:
            if read_date is not None:
                return read_date(name, str(value))
            return parse_date(str(value), field=name, reference=reference_date, earliest=EARLIEST_DAY).isoformat()
        except InvalidValue as err:
            err.field = name
            raise

    source_name = clean_text(fields.get("source"), "source", required=True, limit=MAX_NAME)
    try:
        source = registry.get(source_name)  # type: ignore[arg-type]
    except NotFound as err:
        raise InvalidValue(err.message, hint=err.hint, field="source") from None
    lat = clean_coordinate(fields.get("lat"), "lat")
    lon = clean_coordinate(fields.get("lon"), "lon")
    if (lat is None) != (lon is None):
        raise InvalidValue("coordinates need both lat and lon", field="lat" if lat is None else "lon")
    return {
        "text": clean_text(fields.get("text"), "text", required=True, multiline=True, limit=MAX_TEXT),
        "source": source.name,
        "outlet": clean_text(fields.get("outlet"), "outlet", limit=MAX_SHORT),
        "claimed_on": date_field("claimed_on", True),
        "event_on": date_field("event_on", False),
        "place": clean_text(fields.get("place"), "place"),
        "region": clean_text(fields.get("region"), "region"),
        "lat": lat,
        "lon": lon,
        "category": clean_category(fields.get("category"), categories),
        "tags": clean_tags(fields.get("tags") or []),
        "urls": clean_urls(fields.get("urls") or []),
        "ref": clean_ref(fields.get("ref")),
        "note": clean_text(fields.get("note"), "note", multiline=True, limit=MAX_NOTE),
    }


# A claim's text fields, each with its limit and cleaned as build_claim (add, edit) cleans it: a
# stored value over its limit (a hand edit's) makes every edit of the claim fail, so doctor says it
# (`stored_over_limits`; tests/test_models.py holds the two to the same words)
_LIMITED_TEXT = (
    ("text", MAX_TEXT, lambda value: clean_text(value, "text", required=True, multiline=True, limit=MAX_TEXT)),
    ("source", MAX_NAME, lambda value: clean_text(value, "source", required=True, limit=MAX_NAME)),
    ("outlet", MAX_SHORT, lambda value: clean_text(value, "outlet", limit=MAX_SHORT)),
    ("place", MAX_SHORT, lambda value: clean_text(value, "place")),
    ("region", MAX_SHORT, lambda value: clean_text(value, "region")),
    ("ref", MAX_SHORT, clean_ref),
    ("note", MAX_NOTE, lambda value: clean_text(value, "note", multiline=True, limit=MAX_NOTE)),
)

# (and the lists: their count, each item's limit)
_LIMITED_LISTS = (("tags", MAX_TAGS, MAX_TAG, clean_tags), ("urls", MAX_URLS, MAX_URL, clean_urls))


def stored_over_limits(claim: dict) -> list[str]:
    """What an edit of a stored claim refuses in it for a value's length or a list's count, in the
    edit's words ("text is 5000 characters long; the limit is 4000"): a hand edit's 5,000-character
    statement. A len() a field; only a value over its limit as stored is cleaned as build_claim
    cleans it, to tell (stripped, or its tags split at ";" and repeats dropped, it may be within it;
    one a control character or a link's scheme fails first is refused for that, not said here)."""
    found = []
    get = claim.get
    for name, limit, clean in _LIMITED_TEXT:
        value = get(name)
        if type(value) is str and len(value) > limit:
            found += _refused_for_length(clean, value)
    for name, count, limit, clean in _LIMITED_LISTS:
        values = get(name)
        if type(values) is list and values:
            try:
                over = len(values) > count or max(map(len, values)) > limit
            except TypeError:  # (an item that is no text: doctor says so otherwise)
                over = False
            if over:
                found += _refused_for_length(clean, values)
    return found


def _refused_for_length(clean: Callable[[Any], Any], value: Any) -> list[str]:
    try:
        clean(value)
    except TooLong as err:
        return [err.message]
    except InvalidValue:  # (another fault, which an edit says first: a control character, ftp://)
        pass
    return []


def duplicate_key(claim: dict) -> tuple:
    """What makes two claims the same: source, date, place and the statement (`statement_key`).
    (`ledger._find_repeats` groups a source's claims by date and `place_key` before it keys their
    statements: a change here changes that grouping too.)"""
    return (
        claim["source"],
        claim["claimed_on"],
        place_key(claim.get("place")),
        statement_key(claim["text"]),
    )


def place_key(place: str | None) -> str:
    """A place as claims are compared (`duplicate_key`) and --place finds it: folded, without
    apostrophes (a transliteration writes the soft sign's or leaves it out: Pokrovs'k is Pokrovsk,
    Куп’янськ Куп'янськ), any dash as "-" (Kamianka–Dniprovska with an en dash is
    Kamianka-Dniprovska), spaces collapsed, without the punctuation or brackets around it
    ("Kucherivka," pasted from a sentence is Kucherivka)."""
    folded = fold(place or "")
    if "'" in folded:  # (`fold` wrote every kind as ')
        folded = folded.replace("'", "")
    if not folded.isascii():  # (every dash but "-" is past ASCII: most places need no scan)
        folded = unify_dashes(folded)
    key = _SPACES.sub(" ", folded).strip(_AROUND_A_PLACE)
    if key[:1] == "(" and key[-1:] == ")" and key.count("(") == 1 and key.count(")") == 1:
        key = key[1:-1].strip(_AROUND_A_PLACE)  # (a sheet's "(Kucherivka)"; "Ivanivka (Donetsk)" keeps its own)
    return key


def same_place_key(place: str | None) -> str:
    """A place as a listing asks whether two writings of it may be one place (a note, never a
    match): `place_key`, its Cyrillic (Ukrainian and Russian) in Latin letters, without the soft
    and hard signs and the letters i, y and j (Kupiansk, Kupyansk, Куп'янськ and Купянск meet;
    Ivanivka and Ivanovka do not), g as h (Г is H in Ukrainian, G in Russian)."""
    return place_key(place).translate(_AS_ONE_PLACE)


def same_region_key(region: str | None) -> str:
    """A region as a listing asks whether two writings of it may be one (`same_place_key`): its
    words but oblast (область, обл.), each without the ending of an adjective (-ська, -цька, -кая,
    -sk, a final a: Donetsk, Донецька область and Донецкая область meet, as Kharkiv and Харківська
    область do; Харьковская, Запорізька for Zaporizhzhia or Одеська for Odesa do not)."""
    return " ".join(_ADJECTIVE_ENDING.sub("", word) for word in same_place_key(region).split()
                    if word not in _OBLAST_WORDS)


_OBLAST_WORDS = frozenset(("oblast", "obl"))  # (oblast, oblast', область, обл. as `same_place_key` writes them)
_ADJECTIVE_ENDING = LazyPattern(r"(?:s?k)?a{0,2}$")


# (`same_place_key`: each Cyrillic letter as Ukrainian and Russian transliterations agree on it once
# i, y and j are left out, which they write differently: я is ya, ia or a)
_AS_ONE_PLACE = str.maketrans({
    **dict(zip("абвгґдезклмнопрстуфэ", "abvhhdezklmnoprstufe")), "є": "e", "ж": "zh", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ю": "u", "я": "a", "g": "h",
    **dict.fromkeys("иіїйыьъijy", ""),
})


# What a place pasted from a sentence carries at its ends ("Kucherivka," "Kucherivka."): no part
# of its name, to the filters and the duplicate check (stored as written)
_AROUND_A_PLACE = " ,.;:"


_KEY_FIELDS = ("source", "claimed_on", "place", "text")


def first_recorded_key(claim: dict, history: list | None = None) -> tuple:
    """`duplicate_key` of the claim as it was first recorded: its fields with the edits its history
    (`history`, else its own) lists undone, latest first. Which claim an exported record is, when
    its time of recording is shared by a batch and it was edited since on one desk or both."""
    fields = {name: claim.get(name) for name in _KEY_FIELDS}
    for entry in reversed(claim.get("history") or [] if history is None else history):
        changes = entry.get("changes") if type(entry) is dict else None
        if type(changes) is dict:
            for name in _KEY_FIELDS:
                change = changes.get(name)
                # (a damaged entry's value is passed over: place is the one that may be None)
                if type(change) is list and len(change) == 2 and (type(change[0]) is str or (
                        name == "place" and change[0] is None)):
                    fields[name] = change[0]
    return duplicate_key(fields)


# Ukrainian letters whose code points are not where the alphabet has them (Є, І, Ї after Я; Ґ
# before А): each sorts just after the letter it follows (ґ after every г..., і after и...); ё
# sorts as е, as a Russian dictionary has it and as --place finds it (Ёлкино is Елкино)
_ALPHABET_ORDER = str.maketrans({"ґ": "г\uffff", "є": "е\uffff", "і": "и\uffff", "ї": "и\uffff\uffff",
                                 "ё": "е", **dict.fromkeys(_APOSTROPHES, "'")})


def alphabetical(text: str | None) -> str:
    """A name as the list sorts it: case-folded, in the Ukrainian (and Russian) alphabet's order,
    every apostrophe as ' (Куп'янськ and Куп’янськ, one place to --place, sort together)."""
    return (text or "").casefold().translate(_ALPHABET_ORDER)


def sort_value(claim: dict, name: str) -> str:
    """What a claim is sorted by on `claimed_on` (its claim date: every claim has one),
    `updated_at` or `created_at` (a stamp, "" if it has none), before its ID (filters.SORT_KEYS;
    the store reads the same from a claim's line, storage.ClaimLines.claimed_on and stamps)."""
    return claim[name] if name == "claimed_on" else (claim.get(name) or "")


def is_deleted(claim: dict) -> bool:
    return bool(claim.get("deleted_at"))


def live_evidence(claim: dict) -> list[dict]:
    """Evidence that has not been withdrawn."""
    return [item for item in claim.get("evidence") or () if not item.get("withdrawn_at")]


def withdrawal(item: dict) -> str | None:
    """'withdrawn: REASON' of a withdrawn evidence item that gives its reason (else None): shown
    beside its note, where a reader of a document, who sees no history, looks."""
    reason = item.get("withdraw_reason")
    return f"withdrawn: {reason}" if reason and item.get("withdrawn_at") else None


def history_problem(entry: Any, *, uncached: bool = False) -> str | None:
    """Why `entry` is no history entry the commands can show and the report can read (its time,
    action, text fields, statuses and changes), or None. Other keys are let be. `uncached`: its time
    is checked without is_utc_stamp's cache (doctor: every entry's time is another, a cache that
    never hits only costs; an import has looked its times up already)."""
    if type(entry) is not dict:
        return "not an object"
    at = entry.get("at")
    if at is None:
        return "at is missing"
    # (is_timestamp, its first check uncached for doctor)
    if type(at) is not str or not ((_is_utc_stamp if uncached else is_utc_stamp)(at) or utc_stamp(at) is not None):
        return f"at {shown(at)} is not a time such as 2025-12-07T09:30:00Z"
    action = entry.get("action")
    if type(action) is not str or not action.strip():
        return "action must be text"
    # (each field by name, not in a loop: doctor checks every entry of 100,000 claims)
    analyst, detail = entry.get("analyst"), entry.get("detail")
    if analyst is not None and type(analyst) is not str:
        return "analyst must be text"
    if detail is not None and type(detail) is not str:
        return "detail must be text"
    before, after = entry.get("status_before"), entry.get("status_after")
    if before is not None and (type(before) is not str or before not in _STATUS_VALUES):
        return f"status_before {shown(before)} is not a status"
    if after is not None and (type(after) is not str or after not in _STATUS_VALUES):
        return f"status_after {shown(after)} is not a status"
    changes = entry.get("changes")
    if changes is not None and (type(changes) is not dict or not all(
            type(pair) is list and len(pair) == 2 for pair in changes.values())):
        return "changes must give each field as [before, after]"
    made_by = entry.get("edited_by")  # (an import's: who made the analysts' edits it carried, as analyst is)
    if made_by is not None and (type(made_by) is not dict or not all(
            type(by) is str and _CONTROL.search(by) is None for by in made_by.values())):
        return "edited_by must give each field's analyst as text"
    assessed = entry.get("assessed_at")  # (an import's: the time of the assessment it brought, read as at is)
    if assessed is not None and (type(assessed) is not str or not (is_utc_stamp(assessed) or utc_stamp(assessed) is not None)):
        return f"assessed_at {shown(assessed)} is not a time such as 2025-12-07T09:30:00Z"
    assessed_by = entry.get("assessed_by")  # (an import's: who made the assessment it brought, as analyst is)
    if assessed_by is not None and (type(assessed_by) is not str or _CONTROL.search(assessed_by) is not None):
        return "assessed_by must give the assessment's analyst as text"
    clock = entry.get("clock_at")  # (the time on the clock of the machine that made it, stamped later: ledger.kept_clock)
    if clock is not None and (type(clock) is not str or not (is_utc_stamp(clock) or utc_stamp(clock) is not None)):
        return f"clock_at {shown(clock)} is not a time such as 2025-12-07T09:30:00Z"
    if clock is not None and clock[:19] >= at[:19] and is_utc_stamp(clock) and is_utc_stamp(at) and \
            datetime.fromisoformat(clock[:-1]) > datetime.fromisoformat(at[:-1]):  # (to the second as text; a fraction read)
        # (its machine's clock ran behind the time it was stamped: never after it, nor in the future)
        return f"clock_at {clock} is after the entry's at ({at})"
    carried = entry.get("edited_at")  # (an import's: when the edits it carried were made, which updates compare)
    if carried is not None:
        if type(carried) is not dict:
            return "edited_at must give each field's time"
        for name, stamp in carried.items():
            if type(stamp) is not str or not is_utc_stamp(stamp):
                return f"edited_at {name} {shown(stamp)} is not a time such as 2025-12-07T09:30:00Z"
    return None


def after_entry(entry: dict, status: str | None, gone: bool) -> tuple[str | None, bool]:
    """(status, deleted) after a history entry. A deleted claim stays so until it is restored,
    whatever re-evaluates it meanwhile (a source's new side does: its status is kept for a restore)."""
    action = entry.get("action")
    if action == "deleted":
        return status, True
    after = entry.get("status_after") or status
    return after, gone and action != "restored"


# A time in UTC as every history entry is stamped (`dates.utc_now`), a fraction of a second allowed.
_UTC_STAMP = LazyPattern(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z")
# Other ISO forms of a time (a day; a time without seconds, or with an offset, or with no zone,
# taken as UTC) that an import turns into that one (`utc_stamp`), and that an older import stored.
# (a zone as +02:00, or +0200 as strftime's %z and many tools write it)
_ISO_TIME = re.compile(r"(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d)?)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?)?")


def is_timestamp(text: str) -> bool:
    # (every stamp this tool writes is UTC: checked without converting it)
    return is_utc_stamp(text) or utc_stamp(text) is not None


def _is_utc_stamp(text: str) -> bool:
    """`is_utc_stamp` without its cache, for a caller whose stamps are nearly all different (doctor
    reads each history time once: a cache that never hits only costs)."""
    if len(text) == 20 and text[4::3] == "--T::Z":  # (to the second, as utc_now stamps: nearly every one)
        # With its separators in place, fromisoformat's answer is the regex's and its own together:
        # it reads only ASCII digits between them (a digit of another script, which the regex's \d
        # takes, fails it). The regex cost more than fromisoformat (3,300 instructions against
        # 2,100), for each of the 270,000 history times of 100,000 claims doctor reads (issue 6).
        try:
            datetime.fromisoformat(text[:19])
        except ValueError:
            return False
        return True
    if not _UTC_STAMP.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text[:19])  # (the day and the clock in one call: an import checks thousands)
    except ValueError:
        return False
    return True


# (an import asks of each record's few stamps 8 times: 0.5 µs a time, 0.08 remembered)
is_utc_stamp = functools.lru_cache(maxsize=4096)(_is_utc_stamp)
is_utc_stamp.__doc__ = "Whether `text` is a time as this tool stamps one: 2025-12-07T09:30:00Z (a fraction allowed)."


def stamp_key(stamp: Any) -> str:
    """A record time as times are compared: in UTC, to the second (its first 20 characters, as this
    tool stamps). One an older import stored as written ("2026-11-01T01:00:00+03:00") is read in
    UTC ("2026-10-31T22:00:00Z"): compared as text it was three hours late. One that is no time, as
    written; none, ""."""
    if type(stamp) is not str:
        return ""
    if in_stamped_form(stamp):  # (every time this tool stamps: no conversion)
        return stamp[:20]
    return (utc_stamp(stamp) or stamp)[:20]


def in_stamped_form(stamp: str) -> bool:
    """Whether a time is written as this tool stamps one (2025-12-07T09:30:00Z, a fraction allowed),
    so that it compares as text: one ending in Z written otherwise by hand ("2025-12-07 09:30:00Z",
    a space for the T; "2025-12-07T09:30Z") compared so sorted before the same day's stamps. (Its
    form only, as cheaply as can be: doctor and the report ask it of every history time.)"""
    return stamp[-1:] == "Z" and stamp[10:11] == "T" and stamp[16:17] == ":"


def utc_stamp(text: str) -> str | None:
    """An ISO time as history is stamped, in UTC and to the second (2025-12-07T10:00:00.5+02:00 ->
    2025-12-07T08:00:00Z; a day is its first second; no zone is UTC), or None if `text` is no such
    time. The same on every Python (fromisoformat reads more forms from 3.11 on: the form is
    checked first)."""
    match = _ISO_TIME.fullmatch(text)
    if match is None:
        return None
    day, clock, fraction, zone = match.groups()
    clock = (clock or "00:00:00") + (":00" if clock and len(clock) == 5 else "")
    if zone is not None and len(zone) == 5:
        zone = f"{zone[:3]}:{zone[3:]}"
    try:
        moment = datetime.fromisoformat(f"{day}T{clock}.{(fraction or '').ljust(6, '0')}"
                                        f"{'+00:00' if zone in (None, 'Z') else zone}")
        utc = moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None
    # To the second, as this tool stamps: stamps are compared as text, where "10:00:00.5Z" would
    # sort before "10:00:00Z".
    return f"{utc.date().isoformat()}T{utc.strftime('%H:%M:%S')}Z"
