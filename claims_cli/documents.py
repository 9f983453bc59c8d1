"""Documents for people: the Markdown and HTML exports and reports.

Pure string building over claim dicts and a `reports.Report`; no Typer, Rich or TinyDB. Every
piece of user text (statements, notes, names, places, tags, URLs) passes through one escaping
function per format before it is written:

* Markdown: `md()` backslash-escapes the characters that start emphasis, code, links, images,
  HTML, table cells and entities, breaks autolinks (`://`, `www.`, `@`) and folds newlines, so a
  claim cannot inject HTML, images, links or table rows. Links are made only by `md_link()` from
  http(s) URLs.
* Both: control characters (only a hand-edited database holds them) are shown as the text `\\xNN`
  (`exporters.show_controls`), never written raw.
* Both: a value followed on its line by punctuation, numbers or another value (a place, region,
  tag, a name in a contested row) is a bidirectional isolate, `<bdi>` in HTML and FSI … PDI in
  Markdown (`_md_isolated`, only around right-to-left text), so that an Arabic or Hebrew value
  cannot take the coordinates or cells after it into its right-to-left run.
* HTML: `esc()` is `html.escape` (quotes too); only http(s) URLs become links (`link()`); the file
  carries a Content-Security-Policy that forbids scripts and any network fetch. Charts are inline
  SVG built here: the file is self-contained and viewable offline.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial
from itertools import chain
from operator import itemgetter
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from .dates import MONTH_NAMES, local_day, machine_zone
from .errors import DamagedRecord, shown as quoted
from .exporters import (_PLAIN_LINK, ExportInfo, close_direction_controls, controls_free, holds_direction_controls,
                        inert_utf8, safe_link, show_controls)
from .models import SourceRegistry, claimed_day, decimal_text, live_evidence
from .plain import (REPORT_MORE_AT, age_legend, assessed_legend, claimant_itself, counted, shortened,
                    shortened_from, shortened_in_the_middle, then, withdrawn_line)
from .reports import (
    AGE_BUCKETS, GRADE_LEGEND, STATUS_CHANGES, STATUS_LEGEND, STATUSES, _day, Period, Report, backlog_note, contested_heading,
    days_zone_of, median_days_text, no_claims_made, no_contested, period_title, shares_shown, recorded_after_note,
    signed, slim_report, summary,
)
from .verification import evaluate, weigh
from .collector import paused
from .workers import gather_in_two, share_out

STATUS_COLOURS = {
    "confirmed": "#2e7d32",
    "contested": "#b07d00",  # (#e0a100 was 2.27:1 on white, a chart's shapes need 3:1; the badge's, white text on it, is darker)
    "refuted": "#c62828",
    "unverified": "#78909c",
}
SUPPORT_COLOUR = "#2e7d32"
CLAIM_COLOUR = "#546e7a"

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")


# ------------------------------------------------------------------------------ Markdown

# What `md` escapes: these characters wherever they are, the ":" of "://" and the dot of "www."
# (both would start an autolink). The backslash comes first: the others put backslashes in.
_MD_SPECIAL = "\\`*_[]<>!|~&@$#"  # (# too: a heading drops a trailing " #" as its closing sequence)
_MD_WWW_DOT = re.compile(r"([wW]{3})\.")
# What makes a block when it starts a line: a heading, list, rule or setext underline.
_MD_LINE_START = re.compile(r"^(\d*)([#+=\-.)])")
_MD_BLOCK_MARKS = "#+=-.)"  # (\d: a digit of any script, as str.isdecimal)


def md(value: object) -> str:
    """User text as inert Markdown: one line, no emphasis, code, link, image, HTML or cell break."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # A printable text (no control character, no white space but the space) without two spaces
    # in a row or at its ends is one line with single spaces already: most statements and notes.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        text = close_direction_controls(" ".join(show_controls(text).split()))
    # A C-speed search and replace per character: a regex scanning a 300-character statement took
    # 6 µs, twice all of this (issue 6: 100,000 claims' Markdown spent a second in it).
    for char in _MD_SPECIAL:
        if char in text:
            text = text.replace(char, "\\" + char)
    if "@" in text:  # (GitHub's renderer links an address with its @ escaped, an entity too: a word
        text = text.replace("\\@", "\\@\u2060")  # joiner after it, unseen, ends the address it reads)
    if "://" in text:
        text = text.replace("://", "\\://")
    if "w." in text or "W." in text:
        text = _MD_WWW_DOT.sub(r"\1\\.", text)
    if text and (text[0] in _MD_BLOCK_MARKS or text[0].isdecimal()):  # (what _MD_LINE_START can start with:
        return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)  # a sub costs 0.5 µs)
    return text


def md_link(url: object) -> str:
    """An autolink for an http(s) URL; anything else as escaped text, never a link. A URL with
    letters beyond ASCII is [the URL as written](its percent-encoded target), as the HTML page
    shows it: an autolink showed the target, "%D0%A1%D1%96..." for a Ukrainian word."""
    link = safe_link(url)
    if link is None:
        return md(url)
    if link is url or url.isascii():  # (`is`: safe_link's fast path, a URL with nothing to encode)
        return f"<{link}>"
    # The text escaped as any user text (no "]" ends it, no "|" the table cell); the target in <>,
    # where safe_link left no "<", ">", space or newline, its "&" escaped (a destination decodes
    # entities, "&amp;" in the URL read "&")
    return "[" + md(url.strip()) + "](<" + link.replace("&", "\\&") + ">)"


# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their
# presentation forms), the right-to-left mark and the right-to-left embedding and override (which,
# closed, still leave the text after them beside a right-to-left run)
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\u200f\u202b\u202e\ufb1d-\ufdff\ufe70-\ufefe"
                            "\U00010800-\U00010fff\U0001e800-\U0001efff]")
_FIRST_STRONG_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"


def _md_isolated(text: str) -> str:
    """Markdown text (`md`'s, its direction controls closed) between FIRST STRONG ISOLATE and POP
    DIRECTIONAL ISOLATE when it holds a right-to-left letter: else the numbers and punctuation
    after it on its line join its run and read reversed ("حلب (36.2, 37.15)" read "(37.15 ,36.2)
    حلب"). Other text is returned as it is: no invisible characters where none are needed."""
    if text.isascii() or _RIGHT_TO_LEFT.search(text) is None:
        return text
    return _FIRST_STRONG_ISOLATE + text + _POP_ISOLATE


def _md_id(claim_id: Any) -> str:
    """A claim's ID in Markdown: a stored one ("C-0005") as it is, anything else (a hand edit's) as
    `md` escapes it. (`md` itself costs a microsecond: 100,000 IDs, none repeated, a tenth of a second)"""
    if type(claim_id) is str and claim_id[:2] == "C-" and claim_id[2:].isdigit():  # (a digit: nothing to escape)
        return claim_id
    return md(claim_id)


def _md_day(day: Any) -> str:
    """A day (a claim's, an event's, an evidence item's) in Markdown: a stored YYYY-MM-DD as it is
    (`md` escapes its dash, as a list's start, where it starts no line), anything else (a hand
    edit's "2025-12-07 <img ...>|") as `md` escapes it. Remembered: a few hundred days over 100,000
    claims."""
    if type(day) is not str:
        return md(day)
    shown = _MD_DAYS.get(day)
    if shown is None:
        shown = _MD_DAYS[day] = day if _STORED_DAY.fullmatch(day) else md(day)
    return shown


_MD_DAYS: dict = {}
_STORED_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _days_read(report: Report) -> None:
    """DamagedRecord if a day of the report's timeline (a claim's date, a first strong support's)
    is no date (a hand edit's; doctor names it): the HTML documents draw the timeline, which reads
    each, and the Markdown ones, which do not, refuse the same records (they wrote "2025-12-07 <img
    ...>|" into a heading). The timeline's days are distinct: a few hundred, each parsed once."""
    try:
        for day, _, _ in report.timeline:
            _day(day)
    except (ValueError, TypeError):
        raise DamagedRecord() from None


def _md_table(header: Iterable[str], rows: Iterable[Iterable[str]], align: str = "") -> list[str]:
    header = list(header)
    rule = [("--:" if i < len(align) and align[i] == "r" else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _claimant(claim: dict) -> str:
    """"Claimant (outlet)", each name's open direction controls closed where it ends (an override
    left open in the claimant reversed its outlet)."""
    return _closing(claim["source"]) + (f" ({_closing(claim['outlet'])})" if claim.get("outlet") else "")


def _closing(name: Any) -> Any:
    """A name (a source, an outlet) with the direction controls it leaves open closed where it
    ends (`close_direction_controls`), remembered: names repeat over 100,000 claims."""
    if type(name) is not str or name.isascii():
        return name
    closed = _CLOSED_NAMES.get(name)
    if closed is None:
        closed = _CLOSED_NAMES[name] = close_direction_controls(name)
    return closed


_CLOSED_NAMES: dict = {}


def _names_closed(reason: str, claim: dict) -> str:
    """The rule's words for a claim with the source names in them closed (`_closing`): an override
    left open in one name reversed the rest of the sentence ("strong support from X; strong
    dispute from Y"). Words without a direction control are returned as they are."""
    if reason.isascii() or reason.isprintable():  # (a direction control is not printable)
        return reason
    names = [claim["source"], *(item["source"] for item in claim.get("evidence") or ())]
    # (a hand edit's name that is not text: as it is)
    opened = sorted({name for name in names if type(name) is str and _closing(name) != name}, key=len, reverse=True)
    if not opened:
        return reason
    # One pass, the longest name first where several begin alike ("Chan‮nel" and "Chan‮nel ops"):
    # replacing each in turn closed the shorter inside the longer, as a set's order had it
    return re.sub("|".join(map(re.escape, opened)), lambda found: _closing(found.group()), reason)


def _reason_shown(claim: dict, registry: SourceRegistry, live: list, escape: Callable[[str], str],
                  isolate: Callable[[str], str]) -> str:
    """The rule's words for a claim (`_names_closed`), escaped, each name in them that holds a
    right-to-left letter isolated (`isolate`): written plainly, two Arabic or Hebrew names read
    swapped across the comma between them ("strong support from A, B"). Only such names: they
    cannot be found inside the rule's own (English) words, as "on" in "only" could. `live`:
    (stance, source) of the claim's live evidence, the names the words can hold with the claimant."""
    reason = escape(_names_closed(evaluate(claim, registry).reason, claim))
    if reason.isascii():
        return reason
    names = {escape(_closing(name)) for name in (claim["source"], *(source for _, source in live))
             if type(name) is str and _RIGHT_TO_LEFT.search(name) is not None}
    if not names:
        return reason
    # One pass, the longest name first (see _names_closed); escaped as the words were, so found in them
    return re.sub("|".join(map(re.escape, sorted(names, key=len, reverse=True))),
                  lambda found: isolate(found.group()), reason)


def _of_exported(info: "ExportInfo | None") -> str:
    """What a filtered export's summaries add to their headings: they count only the claims
    exported (a file of the unverified ones has no contested claims; the desk may)."""
    return " — exported claims only" if info is not None and info.filtered else ""


def _md_summary(report: Report, info: "ExportInfo | None" = None, *, heading: str = "Summary",
                under: str | None = None) -> list[str]:
    """The counts by status under `heading` (a report's says what it counts, as its HTML and
    terminal do) and the line `under` it."""
    lines = [f"## {heading}{_of_exported(info)}", "", *([under, ""] if under else [])]
    shares = shares_shown({status: report.status_counts[status] for status in STATUSES})
    lines += _md_table(["Status", "Claims", "Share"], (
        [status, str(report.status_counts[status]), shares[status]] for status in STATUSES), align="lrr")
    lines += [f"| **total** | {report.total} |  |", ""]
    return lines


def _legend_said(grades: bool) -> tuple[str, ...]:
    """What a document's statuses (and, with `grades`, an export's grade letters) mean, said
    under its summary: the reader may have nothing but the file."""
    return (*STATUS_LEGEND, GRADE_LEGEND) if grades else STATUS_LEGEND


def _md_legend(grades: bool) -> list[str]:
    return [line for said in _legend_said(grades) for line in (md(said), "")]


def _html_legend(grades: bool) -> str:
    return "".join(f'<p class="muted">{esc(said)}</p>' for said in _legend_said(grades))


def _track_note(in_period: bool) -> str:
    """What the track record's shares and median days are of, said under its table in every
    document (a source none of whose claims has strong support reads "—")."""
    return (f"Shares of the claims each source made{' in the period' if in_period else ''}, by status in force "
            "(an analyst's assessment where there is one); median days from the claim date to the first strong "
            "support, over the confirmed claims that have one (in brackets, how many).")


def _md_track(report: Report, info: "ExportInfo | None" = None, *, in_period: bool = False) -> list[str]:
    lines = [f"## Track record by source{_of_exported(info)}", ""]
    if not report.sources:
        return lines + [no_claims_made(in_period), ""]
    lines += _md_table(
        ["Source", "Side", "Claims", *(status.capitalize() for status in STATUSES), "Median days to strong support"],
        ([md(t.source), t.side, str(t.made), *t.shares_shown().values(),
          median_days_text(t)]
         for t in report.sources), align="llrrrrrr")
    return lines + ["", _track_note(in_period), ""]


def _md_sources_by_stance(claim: dict, stance: str, registry: SourceRegistry, names_of: dict) -> str:
    """The sources of the claim's live evidence of this stance, weak ones marked ~; `names_of`
    remembers each (source, stance, claimant)'s name as laid out."""
    names = []
    claimant = claim["source"]
    for item in live_evidence(claim):
        if item["stance"] != stance:
            continue
        key = (item["source"], stance, claimant)
        name = names_of.get(key)
        if name is None:
            weight = weigh(stance, item["source"], claimant, registry)
            name = _md_isolated(md(item["source"]))  # (followed by the next name, the days)
            name = names_of[key] = name if weight.strength == "strong" else "~" + name + claimant_itself(weight)
        if name not in names:
            names.append(name)
    return ", ".join(names) or "—"


def _md_contested_row(claim: dict, registry: SourceRegistry, as_of: date, names_of: dict) -> str:
    """A contested claim's row of the report's contested table (see _md_sources_by_stance)."""
    marked = _md_id(claim["id"]) + ("\\*" if claim.get("assessment") else "")  # (the analyst's word, not the rule's)
    # (the statement and claimant isolated: a right-to-left one took the cells after it, the date, into its run)
    return ("| " + " | ".join([marked, _md_isolated(md(claim["text"])), _md_isolated(md(_claimant(claim))),
                               _md_day(claim["claimed_on"]),
                               _md_sources_by_stance(claim, "supports", registry, names_of),
                               _md_sources_by_stance(claim, "disputes", registry, names_of),
                               str(_age(claim, as_of))]) + " |")


def _age(claim: dict, as_of: date) -> int:
    """Days from the claim's date to `as_of` (as layout.days_since: tomorrow's claim is 0 days old)."""
    return max(0, (as_of - _day(claimed_day(claim))).days)  # (a day that is none: the claim named)


def _md_contested(report: Report, registry: SourceRegistry) -> list[str]:
    lines = [f"## {contested_heading(report)}", ""]
    if not report.contested:
        return lines + [no_contested(report), ""]
    names_of: dict = {}
    lines += _md_table(["ID", "Statement", "Claimant", "Claimed on", "Supports", "Disputes", "Age"], (),
                       align="llllllr")
    laid_out = _laid_out_rows(report, "\n")
    if laid_out is not None:
        lines.append(laid_out)
    else:
        lines += [_md_contested_row(kept, registry, report.as_of, names_of) for kept in report.contested]
    legend = assessed_legend(report.contested, REPORT_MORE_AT)
    return lines + ["", f"Sources marked ~ count as weak evidence; {age_legend(report.as_of)}"
                    + (f"; {md(legend)}" if legend else "."), ""]


def _laid_out_rows(report: Report, between: str) -> str | None:
    """The rows of the contested table as `report_for_document` laid them out, joined by
    `between`; None if they were not (then they are laid out now)."""
    rows = _laid_out_row_parts(report)
    return None if rows is None else between.encode("utf-8").join(rows).decode("utf-8")  # (one decoding)


def _laid_out_row_parts(report: Report) -> list | None:
    """The UTF-8 rows of the contested table as `report_for_document` laid them out; None if
    they were not (then they are laid out now)."""
    try:
        rows = [kept["parts"][0] for kept in report.contested]
    except (KeyError, IndexError, TypeError):
        return None
    if any(row is None for row in rows):  # (a file repeating an ID: see _laid_out_report)
        return None
    return rows


class _Remembered(dict):
    """value -> `escape(value)`, remembered: for the short values an export repeats (claimants,
    places, categories, tags, days, evidence sources and kinds). `more` remembers what else a
    writer repeats: the rule's words per claimant and live evidence (Markdown), a status's badge
    (HTML), the lists of places and tags (`_listed`). `isolate` makes an escaped value a
    bidirectional isolate (see _listed)."""

    def __init__(self, escape: Callable[[Any], str], isolate: Callable[[str], str]) -> None:
        super().__init__()
        self.escape = escape
        self.isolate = isolate
        self.more: dict = {}

    def __missing__(self, value: Any) -> str:
        text = self[value] = self.escape(value)
        return text


def _listed(m: _Remembered, key: tuple, values: Iterable, as_shown: Callable[[Any], Any] | None = None) -> str:
    """The values a line lists, "a, b" (a place and its region; tags), each `as_shown(value)` if
    given, escaped and isolated (`m.isolate`): a right-to-left value otherwise takes the comma, the
    next value and the coordinates after it into its run, read in reverse order. Remembered in
    `m.more` under `key` (a tag, _WHERE or _TAGS, and the values): a few hundred lists over 100,000
    claims."""
    try:
        listed = m.more.get(key)
    except TypeError:  # (a hand edit's list among the values: laid out every time)
        key, listed = None, None
    if listed is None:
        if as_shown is not None:
            values = [as_shown(value) for value in values]
        listed = ", ".join([m.isolate(m[value] if type(value) is str else m.escape(value))
                            for value in values if value])
        if key is not None:
            m.more[key] = listed
    return listed


_WHERE, _TAGS = "where", "tags"  # the tags of `_listed`'s keys in `more`


def _tag_shown(tag: Any) -> Any:
    """A tag as a list of tags shows it: quoted if it holds a comma, as `history` quotes it
    ("kupiansk, kharkiv" is one tag: tags are separated by ";", see models.comma_tags), or begins
    or ends with a quotation mark ("'kupiansk" and "kharkiv'" beside each other read as one)."""
    return quoted(tag) if type(tag) is str and tag and ("," in tag or _quote_mark(tag[0]) or _quote_mark(tag[-1])) \
        else tag


def _quote_mark(char: str) -> bool:
    """Whether `char` is a quotation mark (a tag beginning or ending with one is quoted too:
    "'kupiansk", "kharkiv'" read as one tag): Unicode's initial and final quotation punctuation,
    and the marks that open and close alike or that Unicode files otherwise (corner brackets)."""
    return char in _QUOTES or unicodedata.category(char) in ("Pi", "Pf")


_QUOTES = "'\"‚„‟‛＂＇「」『』｢｣〝〞〟❛❜❝❞"


def _bdi(html: str) -> str:
    """HTML as a bidirectional isolate (see _listed)."""
    return f"<bdi>{html}</bdi>"


def _md_claim(claim: dict, registry: SourceRegistry, memo: "_Remembered | None" = None) -> list[str]:
    """A claim's part of the Markdown export, as lines: its head (the heading and the statement)
    and the rest, each of several lines (`_md_claim_halves`)."""
    return list(_md_claim_halves(claim, registry, memo))


def _md_claim_utf8(claim: dict, registry: SourceRegistry, memo: "_Remembered | None" = None) -> bytes:
    """`"\\n".join(_md_claim(...)).encode("utf-8")`, its halves encoded apart (see _html_claim_utf8)."""
    head, rest = _md_claim_halves(claim, registry, memo)
    return head.encode("utf-8") + b"\n" + rest.encode("utf-8")


def _md_claim_halves(claim: dict, registry: SourceRegistry, memo: "_Remembered | None") -> tuple[str, str]:
    m = _Remembered(md, _md_isolated) if memo is None else memo
    more = m.more
    claimant = claim["source"]
    outlet = claim.get("outlet")
    # the heading's claimant (and outlet), remembered: a few hundred over 100,000 claims
    who_key = (_WHO, claimant, outlet) if type(claimant) is str and (outlet is None or type(outlet) is str) else None
    who = more.get(who_key) if who_key is not None else None
    if who is None:
        who = _claimant(claim)
        who = m[who] if type(who) is str else md(who)
        if who_key is not None:
            more[who_key] = who
    head = f"### {_md_id(claim['id'])} · {_md_day(claim['claimed_on'])} · {who}\n\n{md(claim['text'])}"
    items = claim.get("evidence") or []
    live = []  # (stance, source) of the live evidence: what the rule's verdict depends on
    if items:
        rows = [*_MD_EVIDENCE_HEAD]
        for item in items:
            withdrawn_at = item.get("withdrawn_at")
            source, stance = item["source"], item["stance"]
            if withdrawn_at:
                middle = (f"{_md_graded(source, registry, m)} | {m[stance]} | "
                          f"withdrawn {_md_day(local_day(withdrawn_at))}")
            else:
                live.append((stance, source))
                # the source, stance and strength cells: the same few hundred strings over and over
                cell_key = (_MD_CELLS, source, stance, claimant)
                middle = more.get(cell_key)
                if middle is None:
                    weight = weigh(stance, source, claimant, registry)
                    middle = more[cell_key] = (f"{_md_graded(source, registry, m)} | {m[stance]} | "
                                               f"{weight.strength}: {m[weight.why]}")
            note, url, kind = item.get("note"), item.get("url"), item.get("kind")
            detail = "" if note is None else md(note)
            if url:
                shown = md_link(url)
                if shown:
                    detail = f"{detail} {shown}" if detail else shown
            if withdrawn_at and (item.get("withdrawn_by") or item.get("withdraw_reason")):  # (its day: the strength cell)
                detail = then(detail, withdrawn_line(item, md, day=False))
            on = item.get("on")  # (the ID and stance are text: `readable_claim`)
            rows.append(f"| {m[item['id']]} | {_md_day(on) if on else ''} | {middle} | "
                        f"{m[kind] if type(kind) is str else md(kind)} | {detail or '—'} |")
    else:
        rows = ["No evidence yet."]
    status = f"- **Status:** {claim['status']}"
    # `evaluate` depends on the claimant and the live evidence only (and whether there is any)
    key = (claimant, bool(items), tuple(live))
    reason = more.get(key)
    if reason is None:
        reason = more[key] = _reason_shown(claim, registry, live, md, _md_isolated)
    note = None
    if claim.get("assessment"):
        assessment = claim["assessment"]
        analyst = assessment.get("analyst")
        # (the day escaped in its parentheses: alone, md takes "2026-" for a list's start)
        day = m[f"({local_day(assessment.get('at') or '')})"]
        # (what the rule computed and why, as the HTML says it; the analyst's note on a line of its
        # own: after the dash it read as the reason for the computed status)
        status += (f" (analyst's assessment by {m[analyst] if type(analyst) is str else md(analyst)} {day}; "
                   f"computed: {claim['computed_status']} — {reason})")
        note = assessment.get("note")
    else:
        status += f" — {reason}"
    lines = ["", status]
    if note:
        lines.append(f"- **Assessment note:** {md(note)}")
    place, region = claim.get("place"), claim.get("region")
    where = _listed(m, (_WHERE, place, region), (place, region)) if place or region else ""
    if claim.get("lat") is not None:
        where += f" ({_md_coordinate(claim['lat'])}, {_md_coordinate(claim.get('lon'))})"
    if where:
        lines.append(f"- **Where:** {where.strip()}")
    if claim.get("event_on"):
        lines.append(f"- **Event on:** {_md_day(claim['event_on'])}")
    category = claim.get("category")
    category = f"- **Category:** {m[category] if type(category) is str else md(category)}"
    tags = claim.get("tags")
    if tags:
        category += " · **Tags:** " + _listed(m, (_TAGS, *tags), tags, _tag_shown)
    lines.append(category)
    if claim.get("ref"):
        lines.append(f"- **Ref:** {md(claim['ref'])}")
    if claim.get("note"):
        lines.append(f"- **Note:** {md(claim['note'])}")
    if claim.get("urls"):
        lines.append("- **Links:** " + " ".join(md_link(url) for url in claim["urls"]))
    lines.append("")
    lines += rows
    lines.append("")
    return head, "\n".join(lines)


def _md_coordinate(value: Any) -> str:
    """A latitude or longitude in Markdown: a number in decimals, anything else (a hand edit's
    text) as `md` escapes it."""
    return decimal_text(value) if type(value) is float or type(value) is int else md(value)


def _md_graded(source: Any, registry: SourceRegistry, m: "_Remembered") -> str:
    """`_graded` in Markdown: "Rumour Mill (E)", remembered in `m.more`."""
    if type(source) is not str:  # (a hand edit's)
        return md(source)
    key = (_GRADED, source)
    cell = m.more.get(key)
    if cell is None:
        grade = _grade_of(source, registry)
        cell = m.more[key] = m[source] + (f" ({md(grade)})" if grade else "")
    return cell


def _grade_of(source: str, registry: SourceRegistry) -> str | None:
    found = registry.find(source)
    return found.grade if found is not None else None


# `_md_claim`'s evidence table head, and the tag of its remembered cells in `more`
_MD_EVIDENCE_HEAD = tuple(_md_table(["Evidence", "On", "Source", "Stance", "Strength", "Kind", "Note / link"], []))
_MD_CELLS = "evidence cells"


def markdown_export(claims: list, registry: SourceRegistry, info: ExportInfo) -> str:
    """Summary, then every claim grouped by status, with its evidence."""
    return show_controls(_markdown_document(_markdown_export_lines(claims, registry, info, encode=False)))


def markdown_export_utf8(claims: list, registry: SourceRegistry, info: ExportInfo) -> bytes:
    """`markdown_export(...).encode("utf-8")`, the control characters checked on the bytes."""
    return b"".join(markdown_export_pieces(claims, registry, info))


def markdown_export_pieces(claims: list, registry: SourceRegistry, info: ExportInfo) -> Iterable[bytes]:
    """The bytes of `markdown_export_utf8` in pieces of about a megabyte (see html_export_pieces)."""
    kept: list = []
    lines = _markdown_export_lines(claims, registry, info, encode=True, keep=kept)
    # "\n".join(lines).rstrip() + "\n": the trailing lines that are only white space go, and the
    # end of the last other line; every line before it is written as it is.
    if lines and type(lines[-1]) is _Checked:  # its last part is the document's last line
        group = lines.pop().parts
        if len(group) > 1:
            lines.append(_Checked(group[:-1]))
        lines.append(group[-1])
    end = len(lines)
    while end and _blank(lines[end - 1]):
        end -= 1
    if not end:
        return iter([b"\n"])
    last = lines[end - 1]
    last = (last if type(last) is str else str(last, "utf-8")).rstrip() + "\n"
    return _Pieces([*lines[:end - 1], last], keep=kept)


def _blank(line: "str | bytes | memoryview | _Checked") -> bool:
    if type(line) is _Checked:
        return False  # (claims' parts: never blank)
    return (line if type(line) is str else str(line, "utf-8")).strip() == ""


def _markdown_document(lines: list) -> str:
    return "\n".join(lines).rstrip() + "\n"


def _markdown_export_lines(claims: list, registry: SourceRegistry, info: ExportInfo, *, encode: bool,
                           keep: list | None = None) -> list:
    """The export's lines before the control characters are shown: "\n".join them, strip the end
    and add a newline. With `encode`, each claim's lines are one item, as UTF-8 bytes. The report
    read goes in `keep` (see _Pieces)."""
    # As in the HTML export: the report keeps each claim's status and its Markdown lines.
    memo = _Remembered(md, _md_isolated)

    def lay_out(claim: dict) -> tuple:
        return (_md_claim_utf8(claim, registry, memo) if encode else _md_claim(claim, registry, memo),)

    report, checked = _laid_out_report(claims, registry, info.today, lay_out, width=1,
                                       share=_MARKDOWN_SHARE if encode else None)
    _days_read(report)  # (what the HTML export's timeline refuses)
    lines = ["# Claims export", "",
             f"Exported {info.exported_at} by {_md_isolated(md(info.desk))} · {counted(report.total, 'claim')} "
             f"({md(info.scope)}); {_export_days_zone_said(report)}.", ""]
    lines += _md_summary(report, info)
    lines += _md_legend(grades=True)
    lines += _md_track(report, info)
    groups = _page_parts_by_status(report.claims)
    for status in STATUSES:
        group = groups[status]
        lines += [f"## {status.capitalize()} ({len(group)})", ""]
        if not group:
            lines += ["None.", ""]
        elif checked:
            lines.append(_Checked(group))
        elif encode:
            lines += group
        else:
            lines += chain.from_iterable(group)
    if keep is not None:
        keep.append(report)
    return lines


def _ages_measured(report: Report) -> str:
    """What a reader elsewhere needs to count as the report did: the day its ages are measured to
    (its time of making is in UTC) and the time zone of its days."""
    return f"ages measured to {report.as_of.isoformat()}, {_days_zone_said(report)}"


def _days_zone_said(report: Report) -> str:
    """The time zone of a report's days (its period and ages: this machine's), as a reader
    elsewhere, who reads its UTC times, needs it."""
    return f"days in the time zone {days_zone_of(report)}"


def _export_days_zone_said(report: Report) -> str:
    """The time zone of an export's days (its assessment and withdrawal days, whenever they fell:
    this machine's). Not a report's span from the first claim's day: a Kyiv desk's export with a
    claim of 1990 said "UTC+04:00 and UTC+03:00 and UTC+02:00, as this machine's clock changed 72
    times in the period", of days it never converts (review)."""
    return f"days in the time zone {machine_zone(report.as_of)}"


def markdown_report(report: Report, registry: SourceRegistry, generated_at: str) -> str:
    _days_read(report)  # (what the HTML report's timeline refuses)
    lines = [f"# Claims report: {period_title(report)}", "",
             f"Generated {generated_at}; {_ages_measured(report)}.", ""]
    lines += _md_summary(report, heading="Claims made in the period",
                         under=f"{counted(report.total, 'claim')} made in the period, by status now.")
    lines += _md_legend(grades=False)  # (a report names no grade)
    lines += [f"## {STATUS_CHANGES}", ""]
    lines += _md_table(["Status", "At start", "At end", "Change"], (
        [status, str(report.ledger_start[status]), str(report.ledger_end[status]),
         signed(report.ledger_end[status] - report.ledger_start[status])] for status in STATUSES), align="lrrr")
    lines.append("")
    if report.recorded_after:
        lines += [recorded_after_note(report), ""]
    if report.transitions:
        lines += _md_table(["From", "To", "Changes"],
                           ([before, after, str(n)] for before, after, n in report.transitions), align="llr")
    else:
        lines.append("No status changes in the period.")
    lines.append("")
    lines += _md_track(report, in_period=True)
    lines += _md_contested(report, registry)
    lines += ["## Unverified backlog by age", ""]
    if backlog_note(report):
        lines += [backlog_note(report), ""]
    lines += _md_table(["Age", "Claims", "Oldest"], (
        [bucket.label, str(len(bucket.claims)),
         (_md_id(bucket.claims[0]["id"]) + " " + _md_day(bucket.claims[0]["claimed_on"])) if bucket.claims else "—"]
        for bucket in report.backlog), align="lrl")
    return show_controls("\n".join(lines).rstrip() + "\n")


# ---------------------------------------------------------------------------------- HTML

def _escape(text: str) -> str:
    """`html.escape(text, quote=True)`, here: the `html` module's import (its entity tables) costs
    3 ms, a fortieth of a small export's whole time (issue 6)."""
    # Most values have nothing to escape: five `in` searches (memchr) take a third of the time
    # of five replace calls, and half of one regex search (a statement: 0.5 µs, against 0.8 and 1.3)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
                .replace("'", "&#x27;"))
    return text


def esc(value: object) -> str:
    if value is None:
        return ""
    text = close_direction_controls(show_controls(value if type(value) is str else str(value)))
    return _escape(text)  # (most values have nothing to escape: see _escape)


# Language of parts (WCAG 3.1.2): the page is lang="en"; a statement's or note's Russian or
# Ukrainian words were read in the English voice. `_lang_marked` marks each run of Cyrillic words
# (with the spaces, digits and punctuation between them, an escaped quotation mark or apostrophe
# too: "Мар&#x27;їнка") with the language its letters tell, else its field's; never a guess.
_LETTER = "\u0400-\u052f"  # (a Cyrillic letter)
_MARK = "\u0300-\u036f\u0483-\u0489"  # (an accent on the letter before it: a stress mark, a grave; a run's, never its start)
_BETWEEN = " \t\n\r\f\v\u00a0\u2009\u202f0123456789.,;:!?()[]«»„“”‘’ʼ-‐‑–—…/№%+*"  # (what a run holds between words)
_CYRILLIC = re.compile(f"[{_LETTER}]")
_ENTITIES_AS_BETWEEN = (("&#x27;", "------"), ("&quot;", "------"), ("&amp;", "-----"), ("&lt;", "----"), ("&gt;", "----"))
# A run as found on the text with its entities read as dashes (`_lang_marked`): a letter, and
# letters and what a run holds between words up to its last letter (one class each: the nested
# alternation of letters, spaces and entities it replaced took four times as long)
_CYRILLIC_SPAN = re.compile(f"[{_LETTER}](?:[{_LETTER}{_MARK}{re.escape(_BETWEEN)}]*[{_LETTER}{_MARK}])?")


def _told_language(text: str) -> str | None:
    """"uk" or "ru" if `text` holds letters of that language only (і ї є ґ; ы э ъ ё), "both" if
    it holds both, else None. (Each letter an `in`, a C scan: a generator over them, or a regex's
    class, took several times as long.)"""
    ukrainian = "і" in text or "ї" in text or "є" in text or "ґ" in text or "І" in text or "Ї" in text \
        or "Є" in text or "Ґ" in text
    russian = "ы" in text or "э" in text or "ъ" in text or "ё" in text or "Ы" in text or "Э" in text \
        or "Ъ" in text or "Ё" in text
    return ("both" if russian else "uk") if ukrainian else ("ru" if russian else None)


def _lang_marked(html: str) -> str:
    """A field's escaped text (a statement, a note) with each run of Cyrillic words in a
    <span lang="uk"> or <span lang="ru">, as the run's letters tell, else the whole field's; a
    run neither tells stays as it is. Marked on the escaped text, so nothing the user wrote is
    read as markup: a run begins and ends with a letter, and takes an entity only whole (found
    on the text with each entity read as as many dashes, which a run holds). Text without
    Cyrillic (most of it: an ASCII test, then one search) is returned as it is."""
    if html.isascii():
        return html
    found = _CYRILLIC.search(html)
    if found is None:
        return html
    field = _told_language(html)
    if field is None:  # (no run tells a language either)
        return html
    plain = html
    if "&" in plain:
        for entity, between in _ENTITIES_AS_BETWEEN:
            plain = plain.replace(entity, between)
    pieces, done = [], 0
    for run in _CYRILLIC_SPAN.finditer(plain, found.start()):
        start, end = run.span()
        language = field if field != "both" else _told_language(html[start:end])
        if language is not None and language != "both":
            pieces += (html[done:start], f'<span lang="{language}">', html[start:end], "</span>")
            done = end
    return "".join(pieces) + html[done:] if pieces else html


def link(url: object, label: object | None = None) -> str:
    """An <a> for an http(s) URL; any other URL (javascript:, data:...) as plain escaped text."""
    target = safe_link(url)
    shown = esc(label if label is not None else url)
    if target is None:
        return shown
    return f'<a href="{esc(target)}" rel="noopener noreferrer nofollow">{shown}</a>'


def _e(value: object) -> str:
    """`esc` without `show_controls`, for the parts of an HTML page: `_html_page_pieces` shows the
    control characters of the whole page at once (the same result: `\\xNN` has nothing to
    escape, and no escaped value is directly followed by a newline that would keep a CR)."""
    if value is None:
        return ""
    return _escape(value if type(value) is str else str(value))


def _link(url: object) -> str:
    """`link(url)` for the parts of an HTML page (escaped with `_e`)."""
    if type(url) is str and _PLAIN_LINK.fullmatch(url):  # safe_link keeps it as it is
        shown = _escape(url)
        return f'<a href="{shown}" rel="noopener noreferrer nofollow">{shown}</a>'
    target = safe_link(url)
    shown = _e(close_direction_controls(url) if type(url) is str else url)  # (its target as it is: see _values_closed)
    if target is None:
        return shown
    return f'<a href="{_e(target)}" rel="noopener noreferrer nofollow">{shown}</a>'


def badge(status: str) -> str:
    return f'<span class="badge {esc(status)}">{esc(status)}</span>'


def _badge(status: str) -> str:
    return f'<span class="badge {_e(status)}">{_e(status)}</span>'


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1d2327; background: #f4f5f7; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e3e6ea; }
h3 { font-size: 15px; margin: 0; }
p.meta { color: #5f6b73; margin: 0 0 16px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { flex: 1 1 150px; border: 1px solid #e3e6ea; border-radius: 6px; padding: 10px 14px;
        border-top: 4px solid var(--c); }
.card .n { font-size: 26px; font-weight: 700; }
.card .l { color: #5f6b73; text-transform: capitalize; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e8eaed; vertical-align: top; }
th { background: #f7f8fa; font-weight: 600; }  /* (a long heading wraps, as the track record's median days) */
tbody th, tfoot th { background: none; font-weight: inherit; }  /* (a row's first cell, its header for a screen reader: it looks as the cells beside it) */
caption.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }  /* (a table's name for a screen reader: on screen the heading above says it) */
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id, .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
         color: #fff; white-space: nowrap; }
.badge.confirmed { background: #2e7d32; } .badge.contested { background: #8a6d00; }
.badge.refuted { background: #c62828; } .badge.unverified { background: #546e7a; }  /* (white text on each: 4.5:1 at least, WCAG AA) */
.weak { color: #6b757c; } .strong { font-weight: 600; }
.muted { color: #6b757c; }
article.claim { border: 1px solid #e3e6ea; border-left: 4px solid var(--c); border-radius: 4px;
                padding: 10px 14px; margin: 10px 0; }
article.claim p.text { margin: 6px 0; font-size: 15px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
dt { color: #5f6b73; } dd { margin: 0; }
td.text, dd, p.text { white-space: pre-line; overflow-wrap: anywhere; }  /* (a value's own lines; a long link) */
td.text { min-width: 14em; }  /* (some words wide: beside cells that keep their words, it took the squeeze) */
h3, .outlet, .long { overflow-wrap: anywhere; }  /* (a long outlet link or source name in a heading; an outlet link in a cell, or a source name of one long word (`_long`), made its column as wide: off the printed page) */
td, th { overflow-wrap: break-word; }  /* (words whole: a table wider than the screen scrolls, below) */
.scroll { overflow-x: auto; }  /* (around each table: one wider than a phone scrolls, not the page) */
.grid2 > * { min-width: 0; }  /* (else a column is as wide as its table, and the page scrolls) */
tr.withdrawn th, tr.withdrawn td { color: #6b757c; text-decoration: line-through; }  /* (the item's own cells: struck through, still 4.5:1 on white) */
tr.withdrawn .withdrawal { display: inline-block; text-decoration: none; color: #5f6b73; }  /* (a cell's line-through reaches no inline-block) */
svg { display: block; max-width: 100%; height: auto; }
@media screen and (max-width: 760px) {  /* (a phone: a chart scaled to its width had 4 px labels; it keeps a readable width, and its box scrolls, as a wide table's does) */
  .chart.wide svg { min-width: 720px; }
  .chart.narrow svg { min-width: 400px; }
}
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; fill: #1d2327; }
svg text.small { font-size: 11px; fill: #5f6b73; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 4px 0 8px; color: #3c464d; }
.legend svg.swatch { display: inline-block; margin-right: 5px; vertical-align: -1px; }
svg.fills { position: absolute; }  /* (the charts' hatchings: drawn nowhere; display: none would lose them) */
details.numbers { margin: 4px 0 8px; } details.numbers summary { color: #3c464d; cursor: pointer; }
details.numbers table { width: auto; min-width: 24em; }  /* (a date and two counts: across the page, they read apart) */
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
@media (max-width: 800px) { .grid2 { grid-template-columns: 1fr; } }
footer { margin-top: 36px; color: #6b757c; font-size: 12px; }
@media print {  /* (paper does not scroll: a box that scrolls on screen cut its table at the page edge) */
  body { font-size: 11px; background: #fff; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  table { width: 100%; }
  tfoot { display: table-row-group; }  /* (Chromium repeats a foot on every page its table spans: "In all" read as the table's end on each) */
  th, td { padding: 3px 5px; }
  td.text { min-width: 0; }
  .grid2 { grid-template-columns: 1fr; }
  h2, h3, .legend { break-after: avoid; page-break-after: avoid; }
  details.numbers::details-content { content-visibility: visible; }  /* (closed, it printed its summary alone) */
  details.numbers summary { list-style: none; }  /* (its ▶ said there was more to open) */
  /* (a claim's card too: a page began with its Status line; one longer than a page still breaks) */
  svg, tr, .card, article.claim { break-inside: avoid; page-break-inside: avoid; }
  /* (their meaning is their background, which a browser prints only if told: with "background graphics" off, a legend's squares were blank, a badge's white text grey on white) */
  .badge, .legend .swatch { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


class _Hatching(NamedTuple):
    """A chart's fill: a 6 px tile of `ground` (at `opacity`, a tint of it) with a stripe of `stripes`,
    `width` px of it, turned `angle` degrees; `colour` is what it reads as (a swatch's outline)."""
    colour: str
    ground: str
    stripes: str | None = None
    width: float = 0
    angle: int = 0
    opacity: float = 1


# Each status's fill on the charts: its colour, and a hatching of its own as dark as the terminal
# report's shade of it (report_layout.STATUS_BARS: █ confirmed, ▓ contested, ▒ refuted, ░ unverified).
# In grey, or to a reader who does not tell green from red, the colours alone read alike (confirmed
# and refuted 1.10:1, contested and unverified 1.48:1; review).
_FILLS = {
    "confirmed": _Hatching(STATUS_COLOURS["confirmed"], STATUS_COLOURS["confirmed"]),
    "contested": _Hatching(STATUS_COLOURS["contested"], STATUS_COLOURS["contested"], "#ffffff", 1.5, 45),
    "refuted": _Hatching(STATUS_COLOURS["refuted"], "#ffffff", STATUS_COLOURS["refuted"], 3, -45),
    "unverified": _Hatching(STATUS_COLOURS["unverified"], STATUS_COLOURS["unverified"], STATUS_COLOURS["unverified"],
                            1.5, 90, opacity=0.2),
    # (the timeline's: one striped across, which a bar a pixel wide still shows; they were 1.05:1 in grey)
    "claims-made": _Hatching(CLAIM_COLOUR, CLAIM_COLOUR, "#ffffff", 2, 90),
    "first-support": _Hatching(SUPPORT_COLOUR, SUPPORT_COLOUR),
}


_HATCH = 6  # the hatchings' period, px (`_fill_pattern`)


def _fill_pattern(name: str) -> str:
    fill = _FILLS[name]
    tint = f' fill-opacity="{fill.opacity}"' if fill.opacity != 1 else ""
    turned = f' patternTransform="rotate({fill.angle})"' if fill.angle else ""
    return (f'<pattern id="fill-{name}" width="{_HATCH}" height="{_HATCH}" patternUnits="userSpaceOnUse"{turned}>'
            f'<rect width="{_HATCH}" height="{_HATCH}" fill="{fill.ground}"{tint}/>'
            + (f'<rect width="{fill.width}" height="{_HATCH}" fill="{fill.stripes}"/>' if fill.stripes else "")
            + "</pattern>")


def _chart_fills() -> str:
    """The page's hatchings, once: the charts and their legends' swatches fill with `url(#fill-NAME)`."""
    return ('<svg class="fills" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
            + "".join(_fill_pattern(name) for name in _FILLS) + "</defs></svg>")


def _fill(name: str, size: float = _HATCH) -> str:
    """A chart's fill of `name`: its hatching, or, for a bar or segment `size` px across that is
    narrower than the hatching's period, a solid shade of its colour (`_SOLIDS`): a 2 px bar of
    the timeline was all its stripes' white (review); filled with its series' colour, a 1-claim
    bar of claims made and one of first strong support read alike in grey (1.07:1), as did a sliver
    of confirmed and one of refuted (print review)."""
    return f"url(#fill-{name})" if size >= _HATCH else _SOLIDS[name]


def _linear(colour: str) -> list[float]:
    """A #rrggbb colour's channels in linear light (WCAG's relative luminance weighs these)."""
    channels = [int(colour[at:at + 2], 16) / 255 for at in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _shaded(colour: str, contrast: float) -> str:
    """`colour` darkened (mixed with black) or lightened (with white) in linear light, its hue kept,
    to `contrast`:1 on white."""
    channels = _linear(colour)
    luminance = sum(weight * c for weight, c in zip((0.2126, 0.7152, 0.0722), channels))
    wanted = 1.05 / contrast - 0.05
    if wanted <= luminance:
        mixed = [c * wanted / luminance for c in channels]
    else:
        mixed = [c + (wanted - luminance) / (1 - luminance) * (1 - c) for c in channels]
    encoded = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in mixed]
    return "#" + "".join(f"{round(c * 255):02x}" for c in encoded)


# A bar too thin for its hatching (`_fill`): a shade of its colour, by its contrast on white. What
# its hatching averages to was as light in grey as the hatching, but pale on the white page, under
# the 3:1 of WCAG 1.4.11 (unverified 1.40:1, refuted 1.70:1), and slivers side by side read alike
# (refuted and unverified 1.22:1; review). Each is 3:1 or more, in the hatchings' order (█ ▓ ▒ ░)
# and 1.5:1 from the next in grey, claims made from first strong support (its colour, as its
# hatching) too; the legend shows each beside its hatching (`_legend`).
_SOLID_CONTRASTS = {"confirmed": 11.5, "contested": 7.5, "refuted": 4.9, "unverified": 3.2,
                    "claims-made": 3.2, "first-support": 5.13}
_SOLIDS = {name: _shaded(_FILLS[name].colour, contrast) for name, contrast in _SOLID_CONTRASTS.items()}

_SOLIDS_SAID = "Beside each swatch, the solid fill of a bar too thin for its hatching."


def _legend(items: Iterable[tuple[str, str]]) -> str:
    """Each (label, fill's name): a swatch of the fill, outlined in its colour (refuted's ground is
    white), with a strip of its solid (`_SOLIDS`) beside it, and the label; then what the strip is."""
    return '<div class="legend">' + "".join(
        f'<span><svg class="swatch" width="16" height="11" aria-hidden="true" focusable="false">'
        f'<rect x="0.5" y="0.5" width="10" height="10" fill="{_fill(name)}" stroke="{_FILLS[name].colour}"/>'
        f'<rect x="13" width="3" height="11" fill="{_SOLIDS[name]}"/></svg>'
        f'{esc(label)}</span>' for label, name in items) + f'<span class="muted">{_SOLIDS_SAID}</span></div>'


def _status_legend() -> str:
    return _legend((status, status) for status in STATUSES)


def svg_by_source(report: Report, width: int = 1040, *, in_period: bool = False) -> str:
    """Horizontal stacked bars: one per claimant source, segments by status."""
    tracks = report.sources
    if not tracks:
        return f'<p class="muted">{no_claims_made(in_period)}</p>'
    label_w, right_w, bar_h, gap = 190, 44, 20, 8
    scale_w = width - label_w - right_w
    biggest = max(t.made for t in tracks)
    height = len(tracks) * (bar_h + gap) + gap
    labels = _source_labels([track.source for track in tracks])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img"><title>Claims by source and status</title>'
             "<desc>Each source's claims made, a bar of its statuses now; the track record table below gives "
             "each source's claims and each status's share of them.</desc>"]
    for row, track in enumerate(tracks):
        y = gap + row * (bar_h + gap)
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{esc(labels[row])}</text>')
        x, last_w = float(label_w), 0.0
        for status in STATUSES:
            count = track.counts.get(status, 0)
            if not count:
                continue
            w = scale_w * count / biggest
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{_fill(status, w)}"><title>{esc(track.source)}: {count} {status}</title></rect>')
            if x > label_w and min(w, last_w) >= _HATCH:  # (a thin white line where one status's segment
                # meets the last's; not beside a thin one, which it would paint over)
                parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + bar_h}" stroke="#fff"/>')
            x, last_w = x + w, w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 14}" class="small">{track.made}</text>')
    parts.append("</svg>")
    return "".join(parts)


_SOURCE_LABEL_PX = 182  # what the chart's 190 px of labels hold: they end 8 px before the bars


def _source_labels(names: list) -> list[str]:
    """Each source's label, cut at its end, or when two cuts would read the same (names that share
    their start), around the middle, its end kept; each as long as its letters fit (_label_px)."""
    cut = [_fitted(shortened, name) for name in names]
    cut = [_fitted(shortened_in_the_middle, name) if label in _read_twice(cut) else label
           for name, label in zip(names, cut)]
    # (still alike: names that share their end too, "Ukrainian Gro…ault Brigade" twice: where they differ)
    alike = _read_twice(cut)
    return [_fitted(lambda text, limit, at=min(_first_difference(name, other) for other, its in zip(names, cut)
                                              if its == label and other != name): shortened_from(text, at, limit),
                    name)
            if label in alike else label for name, label in zip(names, cut)]


def _fitted(shorten: Callable[[str, int], str], name: str) -> str:
    """`shorten(name, limit)` at the most characters whose label fits the chart's labels (a count
    of characters held 26 narrow Latin ones: "Министерство обороны Росс…" lost its М past the edge)."""
    for limit in range(min(len(name), _SOURCE_LABEL_PX // round(12 * _NARROW_EM)), 2, -1):
        label = shorten(name, limit)
        if _label_px(label) <= _SOURCE_LABEL_PX:
            return label
    return shorten(name, 2)


# A letter's width in em, a little over what DejaVu Sans (one of the widest fonts the page names)
# gives it: narrow ones, wide ones (and East Asian), capitals, other Cyrillic, other ASCII, the rest.
_NARROW_EM, _WIDE_EM, _CAPITAL_EM, _CYRILLIC_EM, _ASCII_EM, _OTHER_EM = 0.4, 1.1, 0.8, 0.69, 0.64, 0.75
_NARROW = frozenset(" .,:;'!|()[]/-iljtfrIJіїì")
_WIDE = frozenset("mwMWжшщюыфЖШЩЮЫФ—…&%@")


def _label_px(label: str) -> float:
    """About how wide `label` is in the chart's 12 px type (at most, as the fonts the page names draw it)."""
    em = 0.0
    for letter in label:
        if letter in _NARROW:
            em += _NARROW_EM
        elif letter in _WIDE or unicodedata.east_asian_width(letter) in "WF":
            em += _WIDE_EM
        elif letter.isupper():
            em += _CAPITAL_EM
        elif "\u0400" <= letter <= "\u04ff":
            em += _CYRILLIC_EM
        elif not unicodedata.category(letter).startswith("M") and letter not in "\u200d\ufe0e\ufe0f":
            em += _ASCII_EM if letter.isascii() else _OTHER_EM
    return 12 * em


def _read_twice(labels: list[str]) -> set[str]:
    seen: set[str] = set()
    return {label for label in labels if label in seen or seen.add(label)}


def _first_difference(one: str, other: str) -> int:
    return next((at for at, (mine, theirs) in enumerate(zip(one, other)) if mine != theirs), min(len(one), len(other)))


# The most bars a timeline draws in one unit before it takes the next, coarser one (a day's bars
# up to 13 weeks, then weeks up to 3 years, months up to 13 years, then years).
_TIMELINE_BARS = {"day": 91, "week": 160, "month": 160}


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return date(day.year, 1, 1) if unit == "year" else day


def _next_bin(start: date, unit: str) -> date | None:
    """The start of the bin after the one starting on `start` (None after the last date there is)."""
    try:
        if unit == "month":
            return start.replace(year=start.year + 1, month=1) if start.month == 12 else \
                start.replace(month=start.month + 1)
        if unit == "year":
            return start.replace(year=start.year + 1)
        return start + timedelta(days=7 if unit == "week" else 1)
    except (OverflowError, ValueError):
        return None


def _timeline_unit(first: date, last: date) -> str:
    if (last - first).days < _TIMELINE_BARS["day"]:
        return "day"
    if (_bin_start(last, "week") - _bin_start(first, "week")).days // 7 < _TIMELINE_BARS["week"]:
        return "week"
    if (last.year - first.year) * 12 + last.month - first.month < _TIMELINE_BARS["month"]:
        return "month"
    return "year"


def _timeline_bins(timeline: list, since: date | None = None, until: date | None = None) -> tuple[list, str]:
    """Bins from the first to the last day, or from `since` to `until` (a period's first and last
    days) when they are further out: per day, or per week, month or year when the span is long (see
    _TIMELINE_BARS); the first from `since` when it starts before it ("week of 2025-05-26" counted
    a report from 1 June's claims of 1 June)."""
    if not timeline:
        return [], "day"
    first = date.fromisoformat(timeline[0][0])
    last = date.fromisoformat(timeline[-1][0])
    # (a January-June report's axis ran over the six days with activity, as if that were its period)
    first = min(first, since) if since is not None else first
    last = max(last, until) if until is not None else last
    unit = _timeline_unit(first, last)
    counts: dict[date, list[int]] = {}
    for day, made, strong in timeline:
        slot = counts.setdefault(_bin_start(date.fromisoformat(day), unit), [0, 0])
        slot[0] += made
        slot[1] += strong
    bins = []
    cursor: date | None = _bin_start(first, unit)
    while cursor is not None and cursor <= last:
        made, strong = counts.get(cursor, [0, 0])
        bins.append((cursor, made, strong))
        cursor = _next_bin(cursor, unit)
    if since is not None and bins[0][0] < since:
        bins[0] = (since, *bins[0][1:])
    return bins, unit


def _report_bins(report: Report) -> tuple[list, str, date | None]:
    """The timeline's bins and their unit (`_timeline_bins`), and the period's last day (`_bin_name`'s `until`)."""
    _days_read(report)
    period = getattr(report, "period", None)  # (a bare timeline's: none)
    end = None  # (a bounded period's last day, or today if that is earlier: its days to come are not counted yet)
    if period is not None and period.bounded:
        end = min(period.until, report.as_of) if period.until else report.as_of
    bins, unit = _timeline_bins(report.timeline, period.since if period else None, end)
    return bins, unit, period.until if period else None


def svg_timeline(report: Report, width: int = 1040, height: int = 210, *, in_period: bool = False) -> str:
    """Claims made per day (or week) and first strong supports per day, as paired bars; its numbers
    are `timeline_numbers`'s table."""
    bins, unit, until = _report_bins(report)
    if not bins:
        return f'<p class="muted">{no_claims_made(in_period)}</p>'
    as_of = getattr(report, "as_of", None)  # (a bare timeline's: none)
    bounded = _timeline_bounded(report)
    step, ceiling = _axis_steps(max(max(made, strong) for _, made, strong in bins) or 1)
    # (room for the top tick's label: "10000" ran past the chart's left edge)
    left, right, top, bottom = max(36, 12 + round(_LABEL_LETTER * len(str(ceiling)))), 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(bins)
    bar = max(1.0, min(40.0, slot * 0.35))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img"><title>{_timeline_name(unit, bounded)}</title>'
             f"<desc>{esc(_timeline_said(bins, unit, until, as_of, bounded=bounded))}</desc>"]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e6ea"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="small">{tick}</text>')
    labels = _axis_labels(bins, unit, left, slot, width)
    for index, (day, made, strong) in enumerate(bins):
        x = left + index * slot + slot / 2
        for offset, count, fill, said in ((-bar, made, "claims-made", f"{counted(made, 'claim')} made"),
                                          (0.0, strong, "first-support", _supports_said(strong, bounded, claims=True))):
            if count:
                h = plot_h * count / ceiling
                parts.append(f'<rect x="{x + offset:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                             f'height="{h:.1f}" fill="{_fill(fill, h)}"><title>{_bin_name(day, unit, until)}: {said}'
                             f'</title></rect>')
        if index in labels:
            label, at, anchor = labels[index]
            parts.append(f'<text x="{at:.1f}" y="{height - bottom + 16}" text-anchor="{anchor}" class="small">'
                         f'{label}</text>')
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#9aa3a9"/>')
    first_year, last_year = bins[0][0].year, bins[-1][0].year
    years = str(first_year) if first_year == last_year else f"{first_year}–{last_year}"
    parts.append(f'<text x="{left}" y="{height - 6}" class="small">{years}, per {unit}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _timeline_bounded(report: Report) -> bool:
    """Whether the timeline is a bounded period's: its first strong supports are then those of the
    claims made in the period alone (the series pairs them with how soon each was supported; an older
    claim confirmed in the period counts in its status changes), and it says so (review: a December
    report read "1 first strongly supported" on a day ISW strongly supported two claims, one of
    November). An all-time report's, or an export's, are of every claim it counts."""
    period = getattr(report, "period", None)  # (a bare timeline's: none)
    return period is not None and period.bounded


_OF_A_PERIODS_CLAIM = " of a claim made in the period"  # (a bounded timeline's first strong support)


def _timeline_name(unit: str, bounded: bool) -> str:
    """The timeline's name, its chart's <title> and its table's caption."""
    return f"Claims made{' in the period and their' if bounded else ' and'} first strong supports per {unit}"


def _supports_said(strong: int, bounded: bool, *, claims: bool = False) -> str:
    """A count of the timeline's first strong supports (see _timeline_bounded); all time, `claims`
    says "N claims first strongly supported" (a bar's tooltip), else "N first strongly supported"."""
    if bounded:
        return (f"{strong} first strong support{_OF_A_PERIODS_CLAIM}" if strong == 1
                else f"{strong} first strong supports of claims made in the period")
    return f"{counted(strong, 'claim') if claims else strong} first strongly supported"


def _timeline_said(bins: list, unit: str, until: date | None, as_of: date | None = None, *,
                   bounded: bool = False) -> str:
    """The timeline in words, its <desc> (a screen reader reaches no bar's tooltip under role="img"),
    to the period's last day, or `as_of` (today) if that comes first and the last bin holds it (a
    period still open, or a week not yet over, said "to 2026-12-13" on the 7th; review)."""
    made, strong = sum(made for _, made, _ in bins), sum(strong for _, _, strong in bins)
    # (its first and last days: a bin's name, "2025-09-29 to 2025-09-30", read as a span of its own)
    after = _next_bin(_bin_start(bins[-1][0], unit), unit)
    last = after - timedelta(days=1) if after else date.max
    last = min(last, until) if until is not None else last
    if as_of is not None and bins[-1][0] <= as_of < last:  # (its days to come: a claim dated ahead aside)
        last = as_of
    span = (f"On {last.isoformat()}" if last == bins[0][0]  # ("2025-12-02 to 2025-12-02" read as two days)
            else f"From {bins[0][0].isoformat()} to {last.isoformat()}, per {unit}")
    said = f"{span}: {counted(made, 'claim')} made, {_supports_said(strong, bounded)}"
    peak = max(count for _, count, _ in bins)
    if peak and len(bins) > 1:
        at = [day for day, count, _ in bins if count == peak]
        others = f", and {counted(len(at) - 1, 'other ' + unit)}" if len(at) > 1 else ""
        said += f"; the most made in one {unit}: {peak} ({_bin_name(at[0], unit, until)}{others})"
    return said + ". The table below the chart gives the numbers."


def _table_head(caption: str, *columns: str, quote: str = '"') -> str:
    """A table's opening to its <tbody>: in a scrolling box, named by a caption a screen reader
    hears (the heading above says it on screen), each column's header cell scope="col"; a column
    written "NAME|num" is a number's. `quote=""` writes the attributes unquoted (a claim's evidence
    table, 100,000 of them in an export)."""
    q = quote
    cells = "".join(f"<th scope={q}col{q}" + (f" class={q}num{q}>" if numeric else ">") + f"{name}</th>"
                    for name, _, numeric in (column.partition("|") for column in columns))
    return (f"<div class={q}scroll{q}><table><caption class={q}visually-hidden{q}>{caption}</caption>"
            f"<thead><tr>{cells}</tr></thead><tbody>")


def timeline_numbers(report: Report) -> str:
    """The timeline's numbers, a table for a screen reader and a printout (each bar's are in its
    tooltip alone): each bin with any, then their sums; in <details>, which the CSS opens on paper."""
    bins, unit, until = _report_bins(report)
    if not bins:
        return ""
    rows = "".join(f'<tr><th scope="row">{esc(_bin_name(day, unit, until))}</th><td class="num">{made}</td>'
                   f'<td class="num">{strong}</td></tr>' for day, made, strong in bins if made or strong)
    return (f'<details class="numbers"><summary>The numbers, per {unit} ({unit}s with nothing to count are not listed)</summary>'
            + _table_head(_timeline_name(unit, _timeline_bounded(report)), unit.capitalize(), "Claims made|num",
                          "First strong support|num")
            + f'{rows}</tbody>'
            f'<tfoot><tr><th scope="row">In all</th><td class="num">{sum(made for _, made, _ in bins)}</td>'
            f'<td class="num">{sum(strong for _, _, strong in bins)}</td></tr></tfoot></table></div></details>')


def _axis_steps(tallest: int) -> tuple[int, int]:
    """(step, top) of a count axis: the smallest step of 1, 2, 2.5 (from 25) or 5 times a power of
    ten that reaches `tallest` in at most five steps, and the first of its ticks at or above it
    (four steps of 1, 2 or 5 drew 41 to 60, 101 to 150: a third of the chart empty; review)."""
    power = 1
    while True:
        for step in (power, 2 * power, *((power * 5 // 2,) if power >= 10 else ()), 5 * power):
            if tallest <= 5 * step:
                return step, -(-tallest // step) * step
        power *= 10


_LABEL_LETTER = 6.5  # px: the widest a letter of the small class's 11 px type is, about
_LABEL_GAP = 4  # px at least between two labels


def _axis_labels(bins: list, unit: str, left: float, slot: float, width: int) -> dict:
    """index -> (label, x, text-anchor) of the bins the axis names: about eight, evenly, and the
    last one's, which ends at the chart's edge if centred it would run past it; a regular label
    it would touch gives way ("Oct 2026" and "Nov 2026" were drawn over each other). A day's or
    week's label says the year where the axis begins and where a new one begins."""
    every = max(1, round(len(bins) / 8))
    last = len(bins) - 1
    chosen = list(range(0, len(bins), every))
    if chosen[-1] != last:
        chosen.append(last)
    labels = _placed_labels(bins, unit, chosen, left, slot, width)
    if len(chosen) > 1:
        before, (label, at, anchor) = chosen[-2], labels[last]
        starts = at - _LABEL_LETTER * len(label) * (1 if anchor == "end" else 0.5)
        previous, x, _ = labels[before]
        if x + _LABEL_LETTER * len(previous) / 2 + _LABEL_GAP > starts and before != 0:
            del chosen[-2]  # (the last may then be the first of its year: its label says it)
            labels = _placed_labels(bins, unit, chosen, left, slot, width)
    return labels


def _placed_labels(bins: list, unit: str, chosen: list, left: float, slot: float, width: int) -> dict:
    labels = {}
    year = None
    for index in chosen:
        day = bins[index][0]
        label = _bin_label(day, unit)
        if unit in ("day", "week") and day.year != year:
            label = f"{label} {day.year}"
        year = day.year
        x = left + index * slot + slot / 2
        half = _LABEL_LETTER * len(label) / 2
        labels[index] = (label, width - 2, "end") if x + half > width - 2 else (label, x, "middle")
    return labels


def _bin_name(day: date, unit: str, until: date | None = None) -> str:
    """A bar's day, week, month or year, as its tooltip names it (a period's first, from its first
    day, and its last, to its last day, `until`: their days)."""
    start = _bin_start(day, unit)
    after = _next_bin(start, unit)
    last = after - timedelta(days=1) if after else date.max
    if start != day or (until is not None and day <= until < last):
        last = min(last, until) if until is not None else last
        return day.isoformat() if last == day else f"{day.isoformat()} to {last.isoformat()}"
    if unit == "week":
        return f"week of {day.isoformat()}"
    return day.isoformat() if unit == "day" else _bin_label(day, unit)


def _bin_label(day: date, unit: str) -> str:
    if unit == "year":
        return str(day.year)
    return f"{MONTH_NAMES[day.month - 1]} {day.year}" if unit == "month" else f"{day.day:02d} {MONTH_NAMES[day.month - 1]}"


def svg_backlog(report: Report, width: int = 500) -> str:
    """The unverified backlog: one bar per age bucket."""
    label_w, right_w, bar_h, gap = 110, 40, 20, 8
    biggest = max((len(b.claims) for b in report.backlog), default=0) or 1
    height = len(report.backlog) * (bar_h + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img"><title>Unverified claims by age</title>'
             "<desc>The unverified claims, a bar for each age; the table next to the chart gives the numbers "
             "and the claims' IDs.</desc>"]
    for row, bucket in enumerate(report.backlog):
        y = gap + row * (bar_h + gap)
        w = (width - label_w - right_w) * len(bucket.claims) / biggest
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{esc(bucket.label)}</text>')
        if bucket.claims:
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{STATUS_COLOURS["unverified"]}"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 14}" class="small">{len(bucket.claims)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _html_cards(report: Report) -> str:
    noun = counted(report.total, "claim").partition(" ")[2]  # ("1 Claims" read on the card)
    cards = [f'<div class="card" style="--c:#1d2327"><div class="n">{report.total}</div>'
             f'<div class="l">{noun}</div></div>']
    shares = shares_shown({status: report.status_counts[status] for status in STATUSES})
    for status in STATUSES:
        count = report.status_counts[status]
        share = f" · {esc(shares[status])}" if report.total else ""  # ('<1%')
        cards.append(f'<div class="card" style="--c:{STATUS_COLOURS[status]}"><div class="n">{count}</div>'
                     f'<div class="l">{status}{share}</div></div>')
    return '<div class="cards">' + "".join(cards) + "</div>"


def _html_contested(report: Report, registry: SourceRegistry, none: str) -> str | bytes:
    """The report's contested table: as UTF-8 when `report_for_document` laid out its rows (30,000
    at 100,000 claims: they are not decoded to be encoded again), else as text; `none` if it has none."""
    if not report.contested:
        return f'<p class="muted">{_code_spans(none)}</p>'
    rows = _laid_out_row_parts(report)
    if rows is not None:
        return b"".join([_CONTESTED_HEAD.encode("utf-8"), *rows, _contested_tail(report).encode("utf-8")])
    spans: dict = {}  # (source, stance, claimant) -> its strong or weak span (`weigh`, remembered)

    def row(claim: dict) -> str:
        return _closed_if_open(lambda kept: _contested_row(kept, registry, report.as_of, False, spans), claim)

    return _CONTESTED_HEAD + "".join([row(claim) for claim in report.contested]) + _contested_tail(report)


def _code_spans(text: str) -> str:
    """Plain text with `command` spans (as the terminal and Markdown show them), as HTML."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _contested_table(rows: list, report: Report) -> str:
    return _CONTESTED_HEAD + "".join(rows) + _contested_tail(report)


_CONTESTED_HEAD = _table_head("Contested claims", "ID", "Statement", "Claimant", "Claimed on", "Supports", "Disputes",
                              "Age|num")


def _contested_tail(report: Report) -> str:
    """The report's contested table's end: its legend, with the day its ages count to and what the
    rule gives each assessed claim (`assessed_legend`), as the terminal's says."""
    legend = assessed_legend(report.contested, REPORT_MORE_AT)
    said = "*: analyst's assessment." if legend is None else esc(legend)
    return (f'</tbody></table></div><p class="muted">Bold: strong evidence; ~: weak; '
            f'{age_legend(report.as_of)}; {said}</p>')
_ASSESSED_MARK = '<span class="muted" title="analyst\'s assessment">*</span>'


def _contested_row(claim: dict, registry: SourceRegistry, as_of: date, anchors: bool, spans: dict) -> str:
    """A contested claim's row of the table; `spans` remembers the evidence names laid out."""
    claimant = claim["source"]
    by_stance: dict = {"supports": [], "disputes": []}
    seen: set = set()
    for item in claim.get("evidence") or ():  # supporters and disputers, in one pass
        if item.get("withdrawn_at"):
            continue
        stance, source = item["stance"], item["source"]
        names = by_stance.get(stance)
        if names is None or (stance, source) in seen:
            continue
        seen.add((stance, source))
        key = (source, stance, claimant)
        span = spans.get(key)
        if span is None:
            weight = weigh(stance, source, claimant, registry)
            # (isolates: two right-to-left names read in swapped order across the comma between them)
            long = " long" if _long(source) else ""
            span = spans[key] = (f'<bdi class="strong{long}">{_e(_closing(source))}</bdi>' if weight.strength == "strong"
                                 else f'<bdi class="weak{long}">~{_e(_closing(source))}'
                                      f'{claimant_itself(weight)}</bdi>')
        names.append(span)
    outlet = claim.get("outlet")
    age = _age(claim, as_of)
    return (f'<tr><th scope="row" class="id">{_anchor(claim["id"]) if anchors else _e(claim["id"])}'
            f'{_ASSESSED_MARK if claim.get("assessment") else ""}</th>'
            f'<td class=text>{_lang_marked(_e(claim["text"]))}</td><td>{_wrapping(claimant, _e(_closing(claimant)))}'
            f'{f" (<span class=outlet>{_e(_closing(outlet))}</span>)" if outlet else ""}</td>'
            f'<td class="id">{_e(claim["claimed_on"])}</td>'
            f'<td>{", ".join(by_stance["supports"]) or _NONE_SPAN}</td>'
            f'<td>{", ".join(by_stance["disputes"]) or _NONE_SPAN}</td><td class="num">{age}</td></tr>')


_NONE_SPAN = '<span class="muted">—</span>'


def _long(name: Any) -> bool:
    """Whether a source name holds a word longer than a narrow column (names may have 80 letters,
    one word: "Src" and 75 Y's ran the contested table off the printed page). Only such a name
    wraps anywhere (the CSS's `.long`): a cell of ordinary names keeps their words whole, as a
    squeezed table broke "independ/ent" where every cell wrapped anywhere (review)."""
    return type(name) is str and len(name) > _LONG_WORD and max(map(len, name.split()), default=0) > _LONG_WORD


_LONG_WORD = 20  # letters: "DeepStateMap.Live", "Міністерство" keep their words


def _wrapping(name: Any, html: str) -> str:
    """A name's HTML in a cell, in <span class=long> if it is `_long`."""
    return f"<span class=long>{html}</span>" if _long(name) else html


def _anchor(claim_id: str) -> str:
    return f'<a href="#{esc(claim_id)}">{esc(claim_id)}</a>'


def _html_track(report: Report, *, in_period: bool = False) -> str:
    if not report.sources:
        return f'<p class="muted">{no_claims_made(in_period)}</p>'
    rows = "".join(
        f'<tr><th scope="row">{_wrapping(t.source, esc(t.source))}</th><td>{esc(t.side)}</td><td class="num">{t.made}</td>'
        + "".join(f'<td class="num">{esc(share)}</td>' for share in t.shares_shown().values())
        + f'<td class="num">{median_days_text(t)}</td></tr>' for t in report.sources)
    return (_table_head("Track record by source", "Source", "Side", "Claims|num",
                        *(f"{status.capitalize()}|num" for status in STATUSES), "Median days to strong support|num")
            + f'{rows}</tbody></table></div>')


# What a claim's part reads, taken in one call when the claim has every key (as the store writes
# it); a hand-edited claim without some is read key by key (`_claim_fields`).
_CLAIM_KEYS = ("id", "text", "source", "outlet", "claimed_on", "event_on", "place", "region", "lat", "lon",
               "category", "tags", "urls", "ref", "note", "status", "assessment", "evidence")
_CLAIM_FIELDS = itemgetter(*_CLAIM_KEYS)
_REQUIRED = frozenset(("id", "text", "source", "claimed_on", "status"))  # read with claim[key]
_ITEM_KEYS = ("id", "source", "stance", "on", "kind", "url", "note", "withdrawn_at")
_ITEM_FIELDS = itemgetter(*_ITEM_KEYS)


def _claim_fields(claim: dict) -> tuple:
    try:
        return _CLAIM_FIELDS(claim)
    except KeyError:
        return tuple(claim[key] if key in _REQUIRED else claim.get(key) for key in _CLAIM_KEYS)


def _item_fields(item: dict) -> tuple:
    try:
        return _ITEM_FIELDS(item)
    except KeyError:
        return tuple(item[key] if key in ("id", "source", "stance") else item.get(key) for key in _ITEM_KEYS)


def _html_claim(claim: dict, registry: SourceRegistry, memo: "_Remembered | None" = None) -> str:
    head, rest = _html_claim_halves(claim, registry, memo)
    return head + rest


def _html_claim_utf8(claim: dict, registry: SourceRegistry, memo: "_Remembered | None" = None) -> bytes:
    """`_html_claim(...).encode("utf-8")`, its two halves encoded apart: an ASCII text encodes as
    a copy, any other at about 1 ns a character, and the head (its "·" and the statement) is
    seldom ASCII where the rest (the fields and evidence) mostly is (a claim's part 2.3 µs -> 1.3)."""
    head, rest = _html_claim_halves(claim, registry, memo)
    return head.encode("utf-8") + rest.encode("utf-8")


def _html_claim_halves(claim: dict, registry: SourceRegistry, memo: "_Remembered | None") -> tuple[str, str]:
    """A claim's part of the HTML page, as its head (the heading and the statement) and the rest."""
    m = _Remembered(_e, _bdi) if memo is None else memo
    more = m.more
    if _EVIDENCE_CELLS.get(None) is not registry:  # the cells below are remembered per registry
        _EVIDENCE_CELLS.clear()
        _EVIDENCE_CELLS[None] = registry
    (claim_id, text, claimant, outlet, claimed_on, event_on, place, region, lat, lon, category, tags, urls, ref,
     note, status, assessment, items) = _claim_fields(claim)
    claim_id = _escape(claim_id) if type(claim_id) is str else _e(claim_id)  # (the heading's, the evidence's caption)
    live = []  # (stance, source) of the live evidence: what the rule's verdict depends on
    if items:
        rows = []
        cells = _EVIDENCE_CELLS
        for item in items:
            item_id, source, stance, on, kind, url, item_note, withdrawn_at = _item_fields(item)
            if withdrawn_at:
                middle = (f"<td>{_graded(source, registry)}</td><td>{_e(stance)}</td>"
                          f'<td><span class="withdrawal">withdrawn</span></td>')
            else:
                live.append((stance, source))
                # source, stance and strength cells: the same few hundred strings over and over
                key = (source, stance, claimant)
                middle = cells.get(key)
                if middle is None:
                    weight = weigh(stance, source, claimant, registry)
                    strength = f'<span class="{_e(weight.strength)}">{_e(weight.strength)}</span>: {_e(weight.why)}'
                    middle = cells[key] = f"<td>{_graded(source, registry)}</td><td>{_e(stance)}</td><td>{strength}</td>"
            detail = "" if item_note is None else _lang_marked(_escape(item_note)) if type(item_note) is str \
                else _e(item_note)
            if url:
                detail += (" " if detail else "") + _link(url)
            if withdrawn_at:  # (its own line, not struck through as the item is: the part a reader needs)
                detail += (" " if detail else "") + f'<span class="withdrawal">{withdrawn_line(item, _e)}</span>'
            rows.append(f'<tr{" class=withdrawn" if withdrawn_at else ""}><th scope=row class=id>'
                        f'{m[item_id] if type(item_id) is str else _e(item_id)}</th>'
                        f'<td class=id>{m[on] if type(on) is str else _e(on)}</td>{middle}'
                        f'<td>{m[kind] if type(kind) is str else _e(kind)}</td><td class=text>{detail}</td></tr>')
        evidence = _EVIDENCE_HEAD + claim_id + _EVIDENCE_COLUMNS + "".join(rows) + "</tbody></table></div>"
    else:
        evidence = '<p class="muted">No evidence yet.</p>'
    # the rule's words, remembered (with the cells above, per registry) per claimant and live
    # evidence (and whether any): `evaluate` depends on nothing else
    key = (claimant, bool(items), tuple(live))
    why = _EVIDENCE_CELLS.get(key)
    if why is None:
        why = _EVIDENCE_CELLS[key] = _reason_shown(claim, registry, live, _e, _bdi)
    if assessment:  # (what the rule computed, and why: the analyst's note after the dash read as its reason)
        why = (f"analyst's assessment by {_e(assessment.get('analyst'))} ({_e(local_day(assessment.get('at') or ''))})"
               f"; computed: {_e(claim['computed_status'])} — {why}")
    badge = more.get(status) if type(status) is str else None
    if badge is None:
        badge = _badge(status)
        if type(status) is str:
            more[status] = badge
    dl = f"<dl><dt>Status</dt><dd>{badge} {why}</dd>"
    if assessment and assessment.get("note"):
        dl += f"<dt>Assessment note</dt><dd>{_lang_marked(_e(assessment['note']))}</dd>"
    where = _listed(m, (_WHERE, place, region), (place, region)) if place or region else ""
    if lat is not None:
        if type(lat) is float and type(lon) is float:  # (str(float) has nothing to escape)
            where += f' <span class="muted">({decimal_text(lat)}, {decimal_text(lon)})</span>'
        else:
            where += f' <span class="muted">({_e(lat)}, {_e(claim["lon"])})</span>'
    if where:
        dl += f"<dt>Where</dt><dd>{where}</dd>"
    if event_on:
        dl += f"<dt>Event on</dt><dd>{m[event_on] if type(event_on) is str else _e(event_on)}</dd>"
    dl += f"<dt>Category</dt><dd>{m[category] if type(category) is str else _e(category)}</dd>"
    if tags:
        dl += f"<dt>Tags</dt><dd>{_listed(m, (_TAGS, *tags), tags, _tag_shown)}</dd>"
    if ref:
        dl += f"<dt>Ref</dt><dd>{_escape(ref) if type(ref) is str else _e(ref)}</dd>"
    if note:
        dl += f"<dt>Note</dt><dd>{_lang_marked(_escape(note)) if type(note) is str else _e(note)}</dd>"
    if urls:
        dl += f"<dt>Links</dt><dd>{'<br>'.join([_link(url) for url in urls])}</dd>"
    # the heading's claimant (and outlet), remembered: a few hundred over 100,000 claims
    who_key = (_WHO, claimant, outlet) if type(claimant) is str and (outlet is None or type(outlet) is str) else None
    who = more.get(who_key) if who_key is not None else None
    if who is None:
        who = m[_claimant(claim)]
        if who_key is not None:
            more[who_key] = who
    return (f'<article class="claim" id="{claim_id}" style="--c:{STATUS_COLOURS.get(status, "#999")}">'
            f'<h3><span class="id">{claim_id}</span> · {m[claimed_on] if type(claimed_on) is str else _e(claimed_on)}'
            f' · {who}</h3><p class="text">{_lang_marked(_escape(text)) if type(text) is str else _e(text)}</p>',
            f'{dl}</dl>{evidence}</article>')


_WHO = "who"  # the tag of the heading's claimant in `_Remembered.more`
# A claim's evidence table's opening, in two: its caption names the claim, "Evidence on C-0009", between
# them (print review: a screen reader's list of tables read "Evidence" hundreds of times). Attributes
# unquoted, as HTML allows a word: 100,000 claims' tables, a few MB less
_EVIDENCE_HEAD, _EVIDENCE_COLUMNS = _table_head("Evidence on \0", "Evidence", "On", "Source", "Stance", "Strength", "Kind",
                                                "Note / link", quote="").split("\0")


def _closed_if_open(lay_out: Callable[[dict], Any], claim: dict) -> Any:
    """`lay_out(claim)` (a part, or a tuple of parts), laid out again from `_values_closed(claim)`
    when a part holds a direction control and a value of the claim leaves one open (balanced ones,
    a messenger's, need nothing)."""
    laid = lay_out(claim)
    for part in laid if type(laid) is tuple else (laid,):  # (a loop, not any(): 100,000 claims)
        if holds_direction_controls(part):
            closed = _values_closed(claim)
            return laid if closed is claim else lay_out(closed)
    return laid


def _values_closed(value: Any) -> Any:
    """A claim with the direction controls each of its texts leaves open closed where it ends
    (`close_direction_controls`), laid out again when its part holds any: an override left open
    in a place reversed the region and coordinates after it on the page, a tag the next tags, an
    evidence note its link. The claim itself when no text leaves one open (a messenger's balanced
    isolates: looked at without a copy). Links stay as they are (their target: `_link` closes the
    text shown), and so do source names, which find their source (`_closing` closes them where
    they are shown), and the history, which a page does not show."""
    return _closed_copy(value) if _leaves_open(value) else value


def _leaves_open(value: Any) -> bool:
    """Whether a text in `value` leaves a direction control open (a loop over its values, calling
    itself only for a list or dict: 100,000 claims, each with balanced ones, are looked at in a
    fraction of a second)."""
    if type(value) is dict:
        items: Any = [item for key, item in value.items() if key not in _KEPT_AS_THEY_ARE]
    elif type(value) is list:
        items = value
    else:
        items = (value,)
    for item in items:
        kind = type(item)
        if kind is str:
            if not (item.isascii() or item.isprintable()) and close_direction_controls(item) is not item:
                return True
        elif (kind is dict or kind is list) and _leaves_open(item):
            return True
    return False


def _closed_copy(value: Any) -> Any:
    if type(value) is str:
        return close_direction_controls(value)
    if type(value) is dict:
        return {key: item if key in _KEPT_AS_THEY_ARE else _closed_copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_closed_copy(item) for item in value]
    return value


_KEPT_AS_THEY_ARE = frozenset(("url", "urls", "source", "history"))  # see _values_closed


def _graded(source: Any, registry: SourceRegistry) -> str:
    """An evidence item's source as its cell shows it, with its grade: "Rumour Mill (E)", as
    `show` gives it (the rule reads sides, not grades: the reader weighs them). Remembered with
    the cells below."""
    if type(source) is not str:  # (a hand edit's)
        return _e(source)
    key = (_GRADED, source)
    cell = _EVIDENCE_CELLS.get(key)
    if cell is None:
        grade = _grade_of(source, registry)
        cell = _EVIDENCE_CELLS[key] = (_wrapping(source, _e(_closing(source)))
                                       + (f' <span class="muted">({_e(grade)})</span>' if grade else ""))
    return cell


_GRADED = "graded source"  # the tag of `_graded`'s cells among _EVIDENCE_CELLS


# (source, stance, claimant) -> HTML cells; (claimant, live evidence) -> the rule's reason, escaped;
# None -> their registry
_EVIDENCE_CELLS: dict = {}


def _html_page_pieces(title: str, subtitle: str, body: list, keep: Any = None) -> Iterable[bytes]:
    """`inert_utf8(_html_page_text(...))` in pieces of about a megabyte, each part encoded on its
    own (or given as UTF-8): the page is never one bytes object."""
    head, tail = _html_page_head(title, subtitle).encode("utf-8"), _HTML_PAGE_TAIL.encode("utf-8")
    if not body:
        return iter([inert_utf8(head + tail)])
    # head and tail end and start with the newline the join puts between parts
    return _Pieces([head[:-1], *body, tail[1:]], keep=keep)


PIECE_SIZE = 1 << 20  # bytes: a document is written in pieces of about this size


class _Pieces:
    """A document's parts, iterated as `_inert_pieces` (the parts stay as long as this does: a
    command keeps it, so that 100,000 parts are not freed one by one before the process ends;
    so does `keep`, the report they were laid out with: 0.08 s to free at 100,000 claims)."""

    def __init__(self, parts: list, keep: Any = None):
        self.parts = parts
        self.keep = keep

    def __iter__(self) -> Iterator[bytes]:
        return _inert_pieces(self.parts)


class _Checked:
    """Parts of a document (UTF-8) known to hold no control character (`controls_free`): written
    as they are, in runs of CHECKED_RUN joined by newlines, not checked again (issue 6: the
    100,000 claims of an export, checked as they were laid out)."""

    def __init__(self, parts: list):
        self.parts = parts


CHECKED_RUN = 512  # parts of a `_Checked` group joined into one piece (about 0.8 MB of HTML claims)


def _inert_pieces(parts: list) -> Iterator[bytes]:
    """`inert_utf8(b"\\n".join(parts))` (parts as text or UTF-8, or a `_Checked` group of parts
    standing for its parts) in pieces of about PIECE_SIZE.

    Every piece but the last ends with the newline between two parts, so checking the control
    characters piece by piece gives the same bytes as checking the whole: a CR is shown unless a
    newline follows it, and that newline is always in the same piece. A checked group has
    neither a CR nor any other control character, so it needs no check where it stands."""
    batch: list = []
    size = 0
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if type(part) is _Checked:
            if batch:
                batch.append(b"")  # the newline before the group
                yield inert_utf8(b"\n".join(batch))
                batch = []
                size = 0
            group = part.parts
            for at in range(0, len(group), CHECKED_RUN):
                run = group[at:at + CHECKED_RUN]
                if index != last or at + CHECKED_RUN < len(group):
                    run.append(b"")  # the newline after the run
                yield b"\n".join(run)
            continue
        if type(part) is str:  # (else UTF-8: bytes, or a worker's memoryview)
            part = part.encode("utf-8")
        batch.append(part)
        size += len(part)
        if size >= PIECE_SIZE or index == last:
            if index != last:
                batch.append(b"")  # the newline after this part
            yield inert_utf8(b"\n".join(batch))
            batch = []
            size = 0


def _html_page_text(title: str, subtitle: str, body: list[str]) -> str:
    """The page before its control characters are shown (`show_controls` or `inert_utf8`)."""
    return _html_page_head(title, subtitle) + "\n".join(body) + _HTML_PAGE_TAIL


def _html_page_head(title: str, subtitle: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="referrer" content="no-referrer">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{_CSS}</style></head>\n<body><main>"
            f"<h1>{esc(title)}</h1><p class=\"meta\">{subtitle}</p>\n")


_HTML_PAGE_TAIL = '\n<footer>Made with claims. Self-contained: no scripts, no network.</footer></main></body></html>\n'


def _html_charts(report: Report, whose: str = "", *, in_period: bool = False) -> list[str]:
    """The two charts, their headings ending with `whose` (_of_exported)."""
    return [
        _chart_fills(),
        f"<h2>Status by source{whose}</h2>", _status_legend(), _chart(svg_by_source(report, in_period=in_period)),
        f"<h2>Timeline of claims and their first strong support{whose}</h2>",
        _legend((("claims made (by claim date)", "claims-made"),
                 (f"first strong support{_OF_A_PERIODS_CLAIM if _timeline_bounded(report) else ''} "
                  "(by evidence date, not before its claim)", "first-support"))),
        _chart(svg_timeline(report, in_period=in_period)), timeline_numbers(report),
    ]


def _chart(svg: str, width: str = "wide") -> str:
    """A chart in the box that scrolls on a phone (the CSS's `.chart`: `wide` 1040 px, `narrow` 500)."""
    return f'<div class="scroll chart {width}">{svg}</div>'


def html_export(claims: list, registry: SourceRegistry, info: ExportInfo) -> str:
    """Summary, charts, the contested table and every claim with its evidence, in one file."""
    return show_controls(_html_export_text(claims, registry, info))


def html_export_utf8(claims: list, registry: SourceRegistry, info: ExportInfo) -> bytes:
    """`html_export(...).encode("utf-8")`, the control characters checked on the bytes."""
    return b"".join(html_export_pieces(claims, registry, info))


def html_export_pieces(claims: list, registry: SourceRegistry, info: ExportInfo) -> Iterable[bytes]:
    """The bytes of `html_export_utf8` in pieces of about a megabyte (100,000 claims make some
    160 MB: the page is never held whole). The claims are read and laid out before this returns;
    only the joining is left to the pieces."""
    return _html_export_parts(claims, registry, info, encode=True)


def _page_parts_by_status(kept: list) -> dict:
    """The page part (`parts[0]`) of each kept claim, grouped by its status, for each of STATUSES
    in order (other statuses are left out), in one pass: each dict is read once (at 100,000
    claims, passes in C that read each twice took longer: the reads are cache misses)."""
    groups: dict = {status: [] for status in STATUSES}
    for claim in kept:
        group = groups.get(claim["status"])
        if group is not None:
            group.append(claim["parts"][0])
    return groups


def _html_export_text(claims: list, registry: SourceRegistry, info: ExportInfo) -> str:
    return _html_export_parts(claims, registry, info, encode=False)


def _html_export_parts(claims: list, registry: SourceRegistry, info: ExportInfo, *, encode: bool):
    """The export page before its control characters are shown: text, or (`encode`) its UTF-8
    bytes with the control characters shown, in pieces."""
    # Every claim is laid out as the report reads it (while its dict is in the cache): its part of
    # the page and, if contested, its row of the contested table. The report keeps those (as
    # UTF-8: half the size) rather than the claim, 100,000 at a time.
    memo = _Remembered(_e, _bdi)
    spans: dict = {}  # see _contested_row
    as_of = info.today
    encoded = (lambda text: text.encode("utf-8")) if encode else (lambda text: text)

    html_claim = _html_claim_utf8 if encode else _html_claim

    def laid_out(claim: dict) -> tuple:
        html_part = html_claim(claim, registry, memo)
        if claim["status"] == _CONTESTED:
            return html_part, encoded(_contested_row(claim, registry, as_of, True, spans))
        return html_part, None

    def lay_out(claim: dict) -> tuple:
        return _closed_if_open(laid_out, claim)

    report, checked = _laid_out_report(claims, registry, info.today, lay_out, width=2, keep=_status_and_rule,
                                       share=_HTML_SHARE if encode else None)
    if report.contested:
        # (a report of a file that repeats an ID may list a claim whose own status is not
        # contested: its row is laid out from the summary kept then)
        rows = [kept["parts"][1] or encoded(_contested_row(kept, registry, as_of, True, spans))
                for kept in report.contested]
        contested = (b"".join([_CONTESTED_HEAD.encode("utf-8"), *rows, _contested_tail(report).encode("utf-8")])
                     if encode else _contested_table(rows, report))
    else:
        contested = ('<p class="muted">None among the exported claims; <code>claims contested</code> lists the '
                     "desk&#x27;s.</p>") if info.filtered else '<p class="muted">No contested claims.</p>'
    body = [f"<h2>Summary{_of_exported(info)}</h2>", _html_cards(report), _html_legend(grades=True)]
    body += _html_charts(report, _of_exported(info))
    body += [f"<h2>Contested claims ({len(report.contested)}){_of_exported(info)}</h2>",
             contested]
    body += [f"<h2>Track record by source{_of_exported(info)}</h2>",
             _html_track(report)]
    if report.sources:  # (else "No claims.")
        body.append(f'<p class="muted">{_track_note(in_period=False)}</p>')
    groups = _page_parts_by_status(report.claims)  # each claim's HTML under its status
    for status in STATUSES:
        group = groups[status]
        body.append(f"<h2>{status.capitalize()} ({len(group)})</h2>")
        if not group:
            body.append('<p class="muted">None.</p>')
        elif checked:
            body.append(_Checked(group))
        else:
            body += group
    subtitle = (f"Exported {esc(info.exported_at)} by {_bdi(esc(info.desk))} · {counted(report.total, 'claim')} "
                f"({esc(info.scope)}) · {esc(_export_days_zone_said(report))}")
    if encode:
        return _html_page_pieces("Claims export", subtitle, body, keep=report)
    return _html_page_text("Claims export", subtitle, body)


_CONTESTED = "contested"


def _status(claim: dict) -> dict:
    return {"status": claim["status"]}


def _status_and_rule(claim: dict) -> dict:
    """A claim's status, and of a contested claim an analyst assessed, its ID and what the rule
    gives: the export's contested table's legend says it (`_contested_tail`)."""
    kept = {"status": claim["status"]}
    if claim.get("assessment") and claim["status"] == _CONTESTED:
        kept["id"] = claim["id"]
        kept["assessment"] = True
        kept["computed_status"] = claim.get("computed_status")
    return kept


def _laid_out_report(claims, registry: SourceRegistry, today: date, lay_out: Callable[[dict], tuple], *,
                     width: int, share: float | None, keep: Callable[[dict], dict] = _status) -> tuple[Report, bool]:
    """An export's report: `build_report` over all time, keeping of each claim only `keep(claim)` (its status) and
    `parts`, its `lay_out(claim)` (a tuple of `width` laid-out parts): not its summary, so 100,000 claims' texts
    and evidence are not all held at once (see reports.slim_report). And whether every part is
    known to hold no control character (`controls_free`): the document need not check them again.

    With a `share` (a fraction), a worker process lays out that share of the claims, the last
    ones, while this one builds the report (workers.share_out): their parts are filled in when
    the report is done. Without one, or when no worker can be started, every claim is laid out
    here, as the report reads it (while its dict is in the cache), and nothing is checked.

    The status changes are not counted: the export pages do not show them."""
    worker = share_out(claims, lay_out, width=width, share=share, check=controls_free) \
        if share else None
    if worker is None:
        def slim(claim: dict) -> dict:
            kept = keep(claim)
            kept["parts"] = lay_out(claim)
            return kept

        return slim_report(claims, registry, today=today, slim=slim, transitions=False), False
    with paused():  # (the worker's 100,000 parts: no collection walks the heap while they are read)
        return _with_worker(worker, claims, registry, today, lay_out, keep)


def _with_worker(worker, claims, registry: SourceRegistry, today: date, lay_out,
                 keep: Callable[[dict], dict]) -> tuple[Report, bool]:
    start = worker.start
    numbered = _Numbered(claims)
    waiting: list = [None] * (len(claims) - start)  # the worker's claims' dicts, by position
    mine: list = []  # parts laid out here and not checked yet
    checked = True  # every part laid out here and checked so far is `controls_free`

    def check_mine() -> None:  # (a few thousand claims' parts at once: as quick as one scan of all)
        nonlocal checked
        checked = checked and controls_free(b"".join(filter(None, chain.from_iterable(mine))))
        mine.clear()

    def slim(claim: dict) -> dict:
        at = numbered.at
        kept = keep(claim)
        if at < start:
            parts = kept["parts"] = lay_out(claim)
            mine.append(parts)
            if len(mine) == _CHECK_EVERY:
                check_mine()
            return kept
        kept["at"] = at  # its parts come later
        waiting[at - start] = kept
        return kept

    try:
        report = slim_report(numbered, registry, today=today, slim=slim, transitions=False)
        check_mine()
        parts = worker.parts()
    finally:
        worker.close()
    if numbered.passes == 1:
        for kept, part in zip(waiting, parts):
            if kept is not None:  # (None: a deleted claim, which the report leaves out)
                kept["parts"] = part
    else:  # a hand-edited file that repeats an ID, read twice: the report keeps copies of
        for kept in chain(report.claims, report.contested):  # `slim`'s dicts, completed here
            if "parts" not in kept:
                kept["parts"] = parts[kept["at"] - start]
    return report, checked and worker.checked


_CHECK_EVERY = 2048  # claims laid out here whose parts are checked at once (while the worker works)


# The share of an export's claims a worker lays out (workers.share_out): the worker parses and lays
# out its claims while this process parses every claim, builds the report and lays out the rest;
# at 100,000 claims these shares end the two at about the same time (bench/; on the Xeon, with the
# cheaper parts of issue 6's later work, 0.66 and 0.68 left the worker 7-10% more CPU than this one).
_HTML_SHARE = 0.64
_MARKDOWN_SHARE = 0.65


class _Numbered:
    """Iterates `claims`; `at` is the position of the claim last given (a report may read the
    claims twice: each pass counts from 0)."""

    def __init__(self, claims) -> None:
        self.claims = claims
        self.at = -1
        self.passes = 0

    def __iter__(self) -> Iterator[dict]:
        self.passes += 1
        for self.at, claim in enumerate(self.claims):
            yield claim


def report_for_document(claims: Sequence, registry: SourceRegistry, today: date, fmt: str) -> Report:
    """`slim_report(claims, ..., slim=shown_part)` for `html_report` or `markdown_report` (`fmt`):
    every claim, deleted ones included (they count in the status changes), is read once, and the
    row of each contested claim is laid out for the document as it is read (30,000 rows cost 0.4 s
    at 100,000 claims, issue 6): a worker process reads the last half of the claims
    (workers.gather_in_two) while this one reads the first."""
    if fmt == "html":
        spans: dict = {}

        def row(claim: dict) -> str:
            return _contested_row(claim, registry, today, False, spans)
    else:
        names_of: dict = {}

        def row(claim: dict) -> str:
            return _md_contested_row(claim, registry, today, names_of)

    def lay_out(claim: dict) -> tuple:
        if claim["status"] == _CONTESTED and not claim.get("deleted_at"):
            def laid_out(kept: dict) -> bytes:  # (what the report reads: None for a missing field)
                return row(summary(kept)).encode("utf-8")

            # (Markdown's md closes each value itself)
            return (_closed_if_open(laid_out, claim) if fmt == "html" else laid_out(claim),)
        return (None,)

    def kept(claim: dict) -> dict:
        shown = _shown(claim)
        shown["parts"] = lay_out(claim)
        return shown

    return slim_report(claims, registry, today=today, slim=kept, in_parts=partial(gather_in_two, claims))


def _shown(claim: dict) -> dict:
    """What a report document reads of a claim besides its contested row (see shown_part), and of
    a contested claim an analyst assessed, what the rule gives (its table's legend says it)."""
    kept = _status_and_rule(claim)
    kept["id"], kept["claimed_on"] = claim["id"], claim["claimed_on"]
    return kept


def html_report(report: Report, registry: SourceRegistry, generated_at: str) -> str:
    """The `claims report` document: the terminal report's tables, with charts."""
    return b"".join(html_report_pieces(report, registry, generated_at)).decode("utf-8")


def html_report_pieces(report: Report, registry: SourceRegistry, generated_at: str) -> Iterable[bytes]:
    """The UTF-8 bytes of `html_report`, in pieces (see _html_page_pieces)."""
    transitions = "".join(
        f'<tr><th scope="row">{esc(before)}</th><th scope="row">{esc(after)}</th><td class="num">{n}</td></tr>'
        for before, after, n in report.transitions) or '<tr><td colspan="3" class="muted">None.</td></tr>'
    changes = "".join(
        f'<tr><th scope="row">{badge(status)}</th><td class="num">{report.ledger_start[status]}</td>'
        f'<td class="num">{report.ledger_end[status]}</td>'
        f'<td class="num">{signed(report.ledger_end[status] - report.ledger_start[status])}</td></tr>'
        for status in STATUSES)
    backlog_rows = "".join(
        f'<tr><th scope="row">{esc(b.label)}</th><td class="num">{len(b.claims)}</td><td>'
        + (", ".join(f'<span class="id">{esc(c["id"])}</span>' for c in b.claims[:_BACKLOG_IDS])
           # (how many: a bare "…" left the reader to count the column beside it)
           + (f" … and {len(b.claims) - _BACKLOG_IDS} more" if len(b.claims) > _BACKLOG_IDS else ""))
        + "</td></tr>" for b in report.backlog)
    body = [
        "<h2>Claims made in the period</h2>",
        '<p class="muted">By their status now.</p>',
        _html_cards(report), _html_legend(grades=False),  # (a report names no grade)
        f'<h2>{STATUS_CHANGES}</h2><div class="grid2"><div>'
        + _table_head("Claims by status at the start and end of the period", "Status", "At start|num", "At end|num",
                      "Change|num")
        + f'{changes}</tbody></table></div></div><div>'
        + _table_head("Changes from one status to another", "From", "To", "Changes|num")
        + f"{transitions}</tbody></table></div></div></div>",
    ]
    if report.recorded_after:
        body.append(f'<p class="muted">{esc(recorded_after_note(report))}</p>')
    body += _html_charts(report, in_period=True)
    body += ["<h2>Track record by source</h2>", _html_track(report, in_period=True)]
    if report.sources:  # (under "No claims made in the period.", nothing to say of)
        body.append(f'<p class="muted">{_track_note(in_period=True)}</p>')
    body += [f"<h2>{esc(contested_heading(report))}</h2>", _html_contested(report, registry, no_contested(report))]
    body.append("<h2>Unverified backlog by age</h2>")
    if backlog_note(report):
        body.append(f'<p class="muted">{_code_spans(backlog_note(report))}</p>')
    body += ['<div class="grid2"><div>', _chart(svg_backlog(report), "narrow"),
             '</div><div>' + _table_head("Unverified claims by age", "Age", "Claims|num", "IDs")
             + f"{backlog_rows}</tbody></table></div></div></div>"]
    subtitle = (f"Generated {esc(generated_at)} · {_ages_measured(report)} · "
                f"{counted(report.total, 'claim')} made in the period")
    return _html_page_pieces(f"Claims report: {period_title(report)}", subtitle, body, keep=report)


_BACKLOG_IDS = 12  # the IDs a row of the report's backlog table lists


__all__ = ["markdown_export", "markdown_report", "html_export", "html_report", "html_report_pieces", "md", "esc", "link",
           "AGE_BUCKETS", "Period"]
