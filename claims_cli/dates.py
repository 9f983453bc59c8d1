"""One date parser for the whole tool: command-line options and importers alike.

Accepts ISO dates (the fast path: `date.fromisoformat` is ~200x faster than dateutil, which matters
for 100,000-row imports), the day first with dots (`07.12.2025`), written-out dates such as
`7 Dec 2025`, `December 7, 2025` or `7 грудня 2025` (Ukrainian and Russian month names are read as
the English ones), and the relative words `today`, `yesterday` (also in Ukrainian and Russian),
`N days ago` / `N weeks ago` / `N months ago` / `N years ago`. Refuses, with a message saying what to type instead: numeric forms
that are ambiguous between day-first and month-first (`03/04/2025`), dates missing a day, month or
year (dateutil would silently fill them in from today), text dateutil cannot read without guessing,
and dates in the future.

Imports python-dateutil lazily: most dates are ISO and never need it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from time import time_ns

from .errors import InvalidValue, shown
from .patterns import LazyPattern


# (most commands read only ISO dates, which never reach the patterns below: `_parse_iso` comes first)
_ISO_SHAPED = LazyPattern(r"^\d{4}([-/.])\d{1,2}\1\d{1,2}$")  # year first: no ambiguity, whatever the separator
# Day first with dots, as Ukrainian, Russian and most European desks and spreadsheets write a date
# (no one writes the month first with dots); and ISO's basic form, 20251207
_DAY_FIRST_DOTTED = LazyPattern(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_BASIC_ISO = LazyPattern(r"^(\d{4})(\d\d)(\d\d)$")
_MONTH_ONLY = LazyPattern(r"^(?:\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4})$")  # 2025-12, 12/2025: no day
_RELATIVE = LazyPattern(r"^(?:(\d+)\s+(day|week|month|year)s?|a\s+(day|week|month|year))\s+ago$")  # (not "a days")
_HAS_LETTER = LazyPattern(r"[^\W\d_]")
# A weekday's name (as dateutil reads one: whole or its three letters) and the comma after or before it
_WEEKDAY_NAME = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)"
_WEEKDAY_BESIDE = LazyPattern(rf"^{_WEEKDAY_NAME}\.?,?\s*|,?\s*\b{_WEEKDAY_NAME}\.?$", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Two defaults that differ in every field: if parsing with each gives different answers, some part
# of the date was not in the text and dateutil filled it in. Their days are two weeks apart: a
# weekday named without a day moves the default's day on to it, by up to six days ("Sunday,
# December 2025": the 1st and the 2nd both became the 7th, and the date read as given)
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 15)


def today() -> date:
    return date.today()


def day_start(day: date) -> datetime:
    """The first moment of `day` on this machine's clock (aware, in its offset there): its midnight,
    the first of two where the clock goes back to it, or 01:00 where the clock goes forward at
    midnight."""
    moment = datetime.combine(day, time()).astimezone()
    if moment.date() < day:  # (a midnight the clock skips: fold 0 reads it as the day before's 23:00)
        moment = datetime.combine(day, time(fold=1)).astimezone()
    return moment


def days_zone(days: "list[date] | None" = None, *, span: bool = False) -> str:
    """The time zone this machine's days (today, a claim's date, --since) are in, as a report
    sent to another desk says it: `UTC`, `UTC+02:00`, `UTC-03:30`; for `days` whose offsets
    differ (a summer period reported in winter), each with its days: `UTC+03:00 on 2025-07-01 and
    2025-07-31, UTC+02:00 on 2025-12-05`. With `span`, the first two days are a period's ends, and
    each run of its days with one offset is said: `UTC+02:00 on 2025-03-01 to 2025-03-29, ...`."""
    days = list(days or [today()])
    if span and len(days) >= 2 and days[0] <= days[1]:
        runs = _offset_runs(days[0], days[1])
        rest = [day for day in days[2:] if not days[0] <= day <= days[1]]
        # (a day's offset is its noon's: a clock that changed on the period's first or last day,
        # before or after noon, moved where the period begins or ends, said apart)
        start, end = _period_ends(days[0], days[1])
        if len(runs) > 3:  # (years of summer times: the offsets, and how often the clock changed)
            offsets = list(dict.fromkeys(offset for offset in (start, *(offset for offset, _, _ in runs), end) if offset))
            changes = len(runs) - 1 + bool(start) + bool(end)
            return f"{' and '.join(offsets)}, as this machine's clock changed {changes} times in the period"
        if len(runs) > 1 or start or end or any(_offset_on(day) != runs[0][0] for day in rest):
            said = [f"{offset} on {first.isoformat()}" + (f" to {last.isoformat()}" if last != first else "")
                    for offset, first, last in runs]
            for day in rest:  # (a day beyond the period, in the last one's offset: with it)
                offset = _offset_on(day)
                if offset == runs[-1][0] and not end and said[-1].startswith(offset):
                    said[-1] += f" and {day.isoformat()}"
                else:
                    said.append(f"{offset} on {day.isoformat()}")
            if start:
                said[0] = f"{start} at the start of {days[0].isoformat()}, then {said[0]}"
            if end:
                said.insert(len(runs), f"{end} at the end of {days[1].isoformat()}")
            return ", ".join(said)
        return runs[0][0]
    by_offset: dict[str, list[str]] = {}
    for day in days:
        by_offset.setdefault(_offset_on(day), []).append(day.isoformat())
    if len(by_offset) == 1:
        return next(iter(by_offset))
    return ", ".join(f"{offset} on {' and '.join(dict.fromkeys(named))}" for offset, named in by_offset.items())


def machine_zone(day: "date | None" = None) -> str:
    """This machine's time zone as a document whose days fell at any time says it: its offset on
    `day` (today), and where its clock changes, its names too: `UTC-11:00`; `EET/EEST (UTC+02:00 on
    2026-12-06)`, a summer's day being in the other offset."""
    import time as clock

    day = day or today()
    offset = _offset_on(day)
    names = [name for name in dict.fromkeys(clock.tzname) if name]
    if not clock.daylight or len(names) < 2:
        return offset
    return f"{'/'.join(names)} ({offset} on {day.isoformat()})"


def days_offsets(days: "list[date]", *, span: bool = False) -> list[str]:
    """The distinct UTC offsets of `days` (`UTC`, `UTC+02:00`), in the order met, as `days_zone`
    reads them (with `span`, every day of the period its first two days end): for a script."""
    offsets = []
    if span and len(days) >= 2 and days[0] <= days[1]:
        start, end = _period_ends(days[0], days[1])
        offsets = [start, *(offset for offset, _, _ in _offset_runs(days[0], days[1])), end]
        offsets = [offset for offset in offsets if offset]
        days = [day for day in days[2:] if not days[0] <= day <= days[1]]
    # (each as UTC±HH:MM, no offset too: one form for a script, where the documents say "UTC"; an
    # unknown one is none)
    return [offset if offset != "UTC" else "UTC+00:00" for offset in dict.fromkeys([*offsets, *map(_offset_on, days)])
            if offset != _UNKNOWN_OFFSET]


def _offset_runs(first: date, last: date) -> list[tuple[str, date, date]]:
    """(offset, first day, last day) of each run of days from `first` to `last` with one offset.
    Read a week at a time (a clock changes at most twice a year), and day by day back from a week
    that changed, to its first day: a century is 5,000 reads, not 36,500."""
    runs: list[list] = [[_offset_on(first), first, first]]
    day = first
    while day < last:
        step = last if (last - day).days <= 7 else day + timedelta(days=7)  # (9999-12-31 has no week after it)
        offset = _offset_on(step)
        if offset != runs[-1][0]:
            start = step
            while start - timedelta(days=1) > day and _offset_on(start - timedelta(days=1)) == offset:
                start -= timedelta(days=1)
            runs[-1][2] = start - timedelta(days=1)
            runs.append([offset, start, step])
        else:
            runs[-1][2] = step
        day = step
    return [(offset, start, end) for offset, start, end in runs]


def _period_ends(first: date, last: date) -> tuple[str | None, str | None]:
    """The offsets at the first moment of `first` and past the last of `last`, each None when it is
    the offset of that day's noon (as `_offset_on` reads a day)."""
    start = _offset_at_start(first)
    try:  # (the next midnight, read with fold 0: one the clock skips is read in `last`'s last offset)
        end = _offset_on(last + timedelta(days=1), hour=0)
    except OverflowError:  # (9999-12-31 has no day after it)
        end = _offset_on(last)
    return (start if start != _offset_on(first) else None), (end if end != _offset_on(last) else None)


def _offset_on(day: date, hour: int = 12) -> str:
    try:
        offset = datetime.combine(day, time(hour)).astimezone().utcoffset()
    except (OverflowError, ValueError, OSError):
        offset = None
    return _offset_named(offset)


def _offset_at_start(day: date) -> str:
    """The offset of `day`'s first moment (`day_start`): 01:00's where the clock goes forward at midnight."""
    try:
        offset = day_start(day).utcoffset()
    except (OverflowError, ValueError, OSError):
        offset = None
    return _offset_named(offset)


# A day's offset Python cannot read (0001-01-01: the day before it, which it reads too, is past the
# calendar): said so, not as UTC
_UNKNOWN_OFFSET = "unknown"


def _offset_named(offset: timedelta | None) -> str:
    if offset is None:
        return _UNKNOWN_OFFSET
    minutes = round(offset.total_seconds() / 60)
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


# A desk east of this machine may already be on the next day (Kyiv after midnight, against a server
# on UTC): a date up to tomorrow is not yet "in the future", wherever a date is checked.
FUTURE_GRACE = timedelta(days=1)
# The first day a claim or evidence item may be dated: an earlier one is a slip of the year (0205 for
# 2025) that would skew every track record and backlog age. A filter's date may be any day.
EARLIEST_DAY = date(1900, 1, 1)
# The world's easternmost time zone (Kiribati's Line Islands): no desk's day is later than its.
_EASTERNMOST = timedelta(hours=14)


def latest_day(reference: date | None = None) -> date:
    """The last day a claim or evidence may be dated: tomorrow where the day is furthest on (UTC+14),
    the same on every machine whatever its time zone, so a date one desk may give every desk,
    doctor and import accept, now and later. Seen from `reference` (a day), its tomorrow."""
    if reference is not None:
        return reference + FUTURE_GRACE
    furthest = (datetime.now(timezone.utc) + _EASTERNMOST).date()
    return max(furthest, today()) + FUTURE_GRACE


# An event may be dated ahead of its claim (a summit announced, an offensive expected): up to
# five years past the last day a claim may have; later, most likely a year slipped.
EVENT_AHEAD_YEARS = 5
EVENT_FIELDS = ("event_on", "--event-on")


def latest_event_day(reference: date | None = None) -> date:
    """The last day an event (a claim's event_on) may be dated: five calendar years past
    `latest_day` (29 February, to the 28th)."""
    last = latest_day(reference)
    try:
        return last.replace(year=last.year + EVENT_AHEAD_YEARS)
    except ValueError:
        return last.replace(year=last.year + EVENT_AHEAD_YEARS, day=28)


def local_day(stamp: str) -> str:
    """The day a record time (stamped in UTC) falls on here, as claim dates and every day the tool
    shows are this machine's; a time it cannot read, its first ten characters."""
    try:
        moment = datetime.fromisoformat(stamp[:-1] + "+00:00" if stamp.endswith("Z") else stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone().date().isoformat()
    except (ValueError, OverflowError, OSError, TypeError, AttributeError):
        return str(stamp)[:10]


_last_now: tuple[int, str] = (-1, "")  # (a second since the epoch, its utc_now stamp)


def utc_now() -> str:
    """The current time as an ISO-8601 UTC string with a Z, e.g. 2025-12-07T09:30:00Z.

    Each second's stamp is formatted once: a rename stamps each of 38,000 claims with the time of
    its change, and strftime for each was a third of what stamping one cost (issue 6). The clock is
    datetime.now's (the system clock, whole seconds taken by flooring, as it does): the same stamp."""
    global _last_now
    second = time_ns() // 1_000_000_000
    if second != _last_now[0]:
        _last_now = (second, datetime.fromtimestamp(second, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return _last_now[1]


def latest_stamp(now: str) -> str:
    """The latest record time taken from another desk's file, a day after `now` (a utc_now
    stamp): its clock may run a little ahead, but a time later than that is in the future."""
    return stamp_after(now, timedelta(days=1))


def stamp_after(stamp: str, delta: timedelta) -> str:
    """The utc_now-style stamp `delta` after `stamp` (one such stamp)."""
    # (fromisoformat, not strptime: its first call imports _strptime and calendar, 1.5 ms of an import)
    return (datetime.fromisoformat(stamp[:19]) + delta).strftime("%Y-%m-%dT%H:%M:%SZ")


def _none_would_match(latest: date) -> str:
    """The hint of a --since after the last day a claim may be dated (a day's or a month's)."""
    return f"No claim is dated after {latest.isoformat()}, so none would match; check the year."


def parse_bound(text: str, *, field: str, last: bool = False, reference: date | None = None) -> date:
    """A period's end as typed (--since, --until): a day, as `parse_date` reads it, or a month
    ("December 2025", "2025-12", "грудень 2025") or a year ("2025"), which a claim's date may not be
    but a period's end may: its first day, or with `last` its last. A --since in the future is
    refused as `parse_date` refuses it; an --until may be."""
    try:
        return parse_date(text, field=field, allow_future=last, reference=reference)
    except InvalidValue as err:
        month = _month_bounded(_bare(text), field) if err.message.endswith(("lacks a day", "lacks a day and month")) \
            else None
        if month is None:
            if err.hint in (_FULL_DATE, _READABLE_FORMS):  # (a day's "give a full date", where a month would do)
                err.hint = _BOUND_HINT
            raise
    year, number = month
    if number is None:
        day = date(year, 12, 31) if last else date(year, 1, 1)
    else:
        import calendar

        day = date(year, number, calendar.monthrange(year, number)[1] if last else 1)
    latest = latest_day(reference)
    if not last and day > latest:  # (as `parse_date` says it of a day)
        raise InvalidValue(f"{field} {shown(text)} is in the future ({day.isoformat()})",
                           hint=_none_would_match(latest))
    return day


_BOUND_HINT = "Give a day (7 Dec 2025, 2025-12-07, yesterday), a month (December 2025, 2025-12) or a year (2025)."

# A month by its numbers (2025-12, 12/2025, 12.2025), a month's name and its year ("Dec. 2025",
# "грудень 2025": one word, no weekday beside it), a year alone
_MONTH_YEAR = LazyPattern(r"^(?:(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4}))$")
_NAMED_MONTH_YEAR = LazyPattern(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")


def _month_bounded(text: str, field: str) -> tuple[int, int | None] | None:
    """(year, month) of a period's end written as a month, (year, None) as a year; None if it is
    neither (a weekday and a month, "Sunday December 2025", still lacks its day)."""
    if _FOUR_DIGITS.fullmatch(text):
        return (int(text), None) if int(text) >= 1 else None  # (0000: no year, as a day's is refused)
    numbers = _MONTH_YEAR.match(text)
    if numbers is not None:
        year, month = (numbers[1], numbers[2]) if numbers[1] else (numbers[4], numbers[3])
        if not 1 <= int(month) <= 12:  # (a month typed, but none: not "lacks a day")
            raise InvalidValue(f"{field} {shown(text)} has no month {int(month)}", hint=_BOUND_HINT)
        return (int(year), int(month)) if int(year) >= 1 else None
    named = _NAMED_MONTH_YEAR.match(text)
    if named is None:
        return None
    try:  # (the month's name as a date names it: its first day, read as a claim's date is)
        first = parse_date(f"1 {named[1]} {named[2]}", field=field, allow_future=True)
    except InvalidValue:
        return None
    return first.year, first.month


def parse_date(text: str, *, field: str = "date", allow_future: bool = False,
               reference: date | None = None, latest: date | None = None, earliest: date | None = None) -> date:
    """Parse what a user typed into a `date`, or raise InvalidValue with a helpful message.
    `reference` is the today of relative dates ("yesterday"); `latest` the last day allowed
    (default: `latest_day(reference)`); `earliest` the first (EARLIEST_DAY for a record's date)."""
    ref = reference or today()
    raw = text
    # A bare ISO day, as nearly every date is written, has nothing for `_bare` to take off
    parsed = _parse_iso(text) if type(text) is str and len(text) == 10 and text.isascii() else None
    if parsed is None:
        text = _bare(text)
        if not text:
            raise InvalidValue(f"{field} is empty", hint="Use a date such as 2025-12-07.")
        if len(text) > 10:  # (a time, and its zone: not on the fast path of a bare ISO day)
            text = _hours_spaced(_zone_unbracketed(text))
            _refuse_impossible_offset(text, raw, field)
        parsed = _parse_iso(text)
    if parsed is None:
        # The day alone: a time after it (a sheet's "07.12.2025 14:30", "3/4/2025 2:30 PM") and the
        # year's abbreviation ("2025 р.") say nothing of the day, and would take a numeric date
        # past the checks below to dateutil, which reads it month first
        day = _day_part(text)
        clock = _CLOCK.search(day)  # (one left: not a time of day, or followed by other words)
        if clock is not None and (int(clock[1]) > 23 or int(clock[2]) > 59 or int(clock[3] or 0) > 59):
            raise InvalidValue(f"{field} {shown(raw)}: {clock[0]} is not a time of day",
                               hint="Leave the time out (a claim's date is a day), or give one from 00:00 to 23:59.")
        try:
            parsed = _parse_numeric(day, raw, field)
            if parsed is None:
                parsed = _parse_relative(day.lower(), ref)
            if parsed is None:
                parsed = _parse_written(day, raw, field)
        except InvalidValue as err:
            if err.message.endswith("is not a date I can read"):
                _refuse_zone_without_time(text, raw, field)
            raise
    event = field in EVENT_FIELDS
    if latest is None:
        latest = latest_event_day(reference) if event else latest_day(reference)
    if not allow_future and parsed > latest:
        given = "" if text == parsed.isoformat() else f" ({parsed.isoformat()})"
        if event:
            raise InvalidValue(f"{field} {shown(raw)} is more than five years ahead{given}",
                               hint="An event may be dated ahead (one announced or expected), up to five years; "
                                    "check the year.")
        raise InvalidValue(
            f"{field} {shown(raw)} is in the future{given}",
            hint=_none_would_match(latest)
            if field == "--since" else "Evidence is dated when it was seen or published; check the year."
            if field == "evidence date" else "Claims are recorded after they are made; check the year.",
        )
    if earliest is not None and parsed < earliest:
        raise InvalidValue(f"{field} {shown(raw)} is before {earliest.year}",
                           hint="Check the year: a claim and its evidence are dated when they were made.")
    return parsed


def _refuse_zone_without_time(text: str, raw: str, field: str) -> None:
    """Refuse a day followed by a zone's name and no time ("07.12.2025 (МСК)", "7 Dec 2025 UTC") as
    that, as "7 Dec 2025 -0500" is, if the day before it reads; else return."""
    zone = _ZONE_AFTER_DAY.search(text)
    if zone is None or ":" in text[:zone.start()]:
        return
    try:
        parse_date(text[:zone.start()], field=field, allow_future=True)
    except InvalidValue:
        return
    raise InvalidValue(f"{field} {shown(raw)}: the zone {zone[1]} after the day is no part of a date",
                       hint=_ZONE_LEFT_OUT)


_ZONE_LEFT_OUT = "Leave it out: a claim's date is a day (a zone is read after a time, 14:30 -05:00, and not kept)."


# A time's zone: an abbreviation in capitals, not a weekday, or one of the zones a desk on this war
# writes, in any case (eet, msk, Russian МСК), or the words for Kyiv's and Moscow's time ("за Києвом",
# "по Москве", "по мск", "Kyiv time"); UTC+2; an offset (+02:00, -0500, -6:00, +2)
_NAMED_ZONE = (r"(?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d\d)?)?|(?:eest|eet|msk|мск|cest|cet|bst|west|wet|[ecmp][sd]t)\b"
               r"|за\s+(?:києвом|київським\s+часом)|по\s+(?:києву|киеву|москве|московскому\s+времени|мск\b)"
               r"|(?:kyiv|kiev|moscow)\s+time\b")
_ZONE = (rf"z|{_NAMED_ZONE}"
         r"|(?!(?:mon|tue|wed|thu|fri|sat|sun)\b)(?-i:[A-Z]{3,4})|[+-]\d{2}:?\d{2}|[+-]\d:\d{2}|[+-]\d{1,2}")
# A zone named after a day with no time ("07.12.2025 МСК", "7 Dec 2025 UTC"): refused as such
_ZONE_AFTER_DAY = LazyPattern(rf"\s+({_NAMED_ZONE})$", re.IGNORECASE)
# A time after a day: 14:30, 14:30:05, 2:30 PM, 10:00 UTC, 14:30 +02:00 (after a space, a T, a comma,
# "at" or its Ukrainian and Russian words), its zone as `_ZONE`; or two, its hours: "10:00 - 11:00" (a
# dash with a space after it: "10:00 -11:00" is a time and its offset), "10:00 to 11:00", and with a
# word for "from" before them, "from 10:00 to 11:00", "з 22:00 до 6:00", "с 22:00 до 6:00" (one time
# after it is none: "з 22:00", from then on, is no day's hours). Sought from the start of the blanks
# and commas before it only: from each of a long run's, each read on through the run (a 4,000-character
# cell of ", " took 5 s).
_CLOCK_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
_HOURS_JOINED = r"(?:\s*-\s+|\s+(?:to|до|по)\s+)"
_TIME = LazyPattern(rf"(?<![\sT,])[\sT,]+(?:(?:(?:at|о|в)\s+)?{_CLOCK_TIME}(?:{_HOURS_JOINED}{_CLOCK_TIME})?"
                    rf"|(?:from|з|від|с)\s+{_CLOCK_TIME}{_HOURS_JOINED}{_CLOCK_TIME})"
                    rf"\s*(?:{_ZONE})?\s*$", re.IGNORECASE)
# A zone in brackets at the end ("09:00 (МСК)", "09:00 (UTC)", as posts write it): read as without them
_BRACKETED_ZONE = LazyPattern(rf"\(\s*({_ZONE})\s*\)$", re.IGNORECASE)
_OFFSET = LazyPattern(r"(?:(?:utc|gmt)\s*)?([+-])(\d{1,2})(?::?(\d\d))?\s*$", re.IGNORECASE)  # a time's zone, as offset
_CLOCK = LazyPattern(r"(?<![\d:])(\d{1,2}):(\d\d)(?::(\d\d))?(?![\d:])")  # a time, in range or not
# The year's abbreviation after a date, as Ukrainian and Russian write it: 2025 р., 2025г., 2025 року
_YEAR_WORD = LazyPattern(r"(?<=\d)\s*(?:р\.?|г\.?|року|года|рік|год)\s*$", re.IGNORECASE)
# A bare number after a written date's year ("7 Dec 2025 12"): an hour without its minutes, or a slip
# (a day before the year, so that the number is no day: "December 2025 7" stays 7 December); or two,
# joined as `_DASHED` joins a span's days ("7 Dec 2025, 10 to 11"): hours, the day being given already,
# and so their zone after them ("10-11 UTC": else read as a span of days, "7 Dec 2025 10 UTC" its first).
# (One number and a zone is a time, as dateutil reads it: "0930 UTC", "12 EET".)
# (Each blank has one part to take it: "\s*,?\s+" and "[+-]?\s*" could each take any share of a run of
# them, "07.12.2025" and 4,000 blanks and "x" tried for minutes.)
_NUMBER_AFTER_YEAR = LazyPattern(r"\d\D+\d{4}(?:\s*,\s+|\s+)((?:[+-]\s*)?\d{1,4}"  # (signed: a zone with no time, -0500)
                                 r"(?:(?:\s*[-–—/&,]\s*|\s+(?:and|to|та|і|и|на|до|по)\s+)\d{1,4}"
                                 rf"(?:\s*(?:{_ZONE}))?)?)$", re.IGNORECASE)
_DOTTED_SHORT_YEAR = LazyPattern(r"^\d{1,2}\.\d{1,2}\.\d{2}$")  # 7.12.25
_DAY_NUMBER = LazyPattern(r"^[2-7]\d{4}(?:\.\d+)?$")  # Excel's days since 1900 (46000: 9 Dec 2025), 1954-2173


# Two times joined by a dash with no space, after a day not written as ISO 8601 writes one
# ("07.12.2025 09:00-18:00", "7 Dec 2025 10:00–15:00", "7 грудня 2025 10:00-15:00"): a day's hours, as
# "09:00 - 18:00" is, where the second time is later than the first (a day's hours run forward) or
# can be no offset (west of -12:00, or minutes no zone has: 00, 30 and 45 are); else ("23:00-05:00")
# a time and its offset, as ISO's "2025-12-07T10:00-05:00" and "2025-12-07 10:00-05:00" always are.
# (Desks write a day's hours so; an offset glued to a time is ISO 8601's way, kept in its form.) A
# second time with one digit of hours ("22:00-6:00", a night's) is hours in either form: ISO 8601
# writes no offset so (-06:00), and the night's end is earlier than its start. Either reading keeps the day as written, since no offset moves a claim's
# day (`_parse_iso` takes the date of the time as written, `_day_part` sets the time aside; neither
# turns it into UTC's): the reading decides only whether the text is refused as an offset no clock has.
_HOUR_OF_DAY = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"  # (24-hour: "1:00-2:00 PM" is left as it was)
_UNSPACED_HOURS = LazyPattern(rf"(?<![\d:])({_HOUR_OF_DAY})-({_HOUR_OF_DAY})(?=\s*(?:{_ZONE})?\s*$)", re.IGNORECASE)


def _zone_unbracketed(text: str) -> str:
    """`text` (`_bare`'s) with a zone in brackets at its end written without them ("09:00 (МСК)":
    "09:00 МСК"), so that it is set aside after a time, and refused without one, as it is unbracketed."""
    zone = _BRACKETED_ZONE.search(text) if text.endswith(")") else None
    return text if zone is None else f"{text[:zone.start()].rstrip()} {zone[1]}"


def _hours_spaced(text: str) -> str:
    """`text` (`_bare`'s, its dashes "-") with a day's hours written without spaces ("09:00-18:00")
    spaced as `_TIME` reads them ("09:00 - 18:00"), by the rule above `_UNSPACED_HOURS`."""
    iso = len(text) > 10 and text[4] == "-" and text[7] == "-" and text[10] in "T "
    if "-" not in (text[11:] if iso else text):  # (ISO's date has its own)
        return text
    hours = _UNSPACED_HOURS.search(text)
    if hours is None:
        return text
    first, second = ([int(part) for part in clock.split(":")] for clock in hours.groups())
    hour, minute = second[:2]
    written_as_no_offset = hours[2].index(":") == 1  # ("6:00": an offset is written -06:00)
    if written_as_no_offset or not iso and (
            second > first or hour * 60 + minute > 12 * 60 or minute not in (0, 30, 45) or len(second) > 2):
        return f"{text[:hours.start()]}{hours[1]} - {hours[2]}{text[hours.end():]}"
    return text


def _refuse_impossible_offset(text: str, raw: str, field: str) -> None:
    """Refuse a time's zone whose offset no clock has (+25:00, UTC+99, -23:59): `_TIME` sets any
    aside, and real ones lie from -12:00 to +14:00."""
    written = _TIME.search(text)
    offset = _OFFSET.search(written[0]) if written is not None else None
    if offset is None:
        return
    sign, hours, minutes = offset[1], int(offset[2]), int(offset[3] or 0)
    if minutes > 59 or hours * 60 + minutes > (14 * 60 if sign == "+" else 12 * 60):
        # (glued to a time, in ISO form: an offset there, by the rule above `_UNSPACED_HOURS`, but
        # most likely hours typed, "2025-12-07 09:00-18:00")
        glued = _UNSPACED_HOURS.search(text)
        hours_instead = (f"; a day's hours are written with spaces: {glued[1]} - {glued[2]}"
                         if glued is not None and offset[0].strip() == f"-{glued[2]}" else "")
        raise InvalidValue(f"{field} {shown(raw)}: {offset[0].strip()} is no time zone's offset",
                           hint=f"Leave the zone out (a claim's date is a day), or give one from -12:00 to +14:00"
                                f"{hours_instead}.")


def _parse_numeric(day: str, raw: str, field: str) -> date | None:
    """A day written in digits whose reading is sure: year first (any separator), day first with
    dots, ISO's basic form; None if it is not one of those."""
    if _ISO_SHAPED.match(day):
        return _parse_iso_shaped(day, raw, field)
    dotted = _DAY_FIRST_DOTTED.match(day)
    if dotted is not None:
        return _dotted_day(*dotted.groups(), raw, field)
    numbers = _BASIC_ISO.match(day)
    if numbers is not None:
        year, month, number = numbers.groups()
        return _day_of(int(year), int(month), int(number), raw, field)
    if _DAY_NUMBER.match(day):
        raise InvalidValue(f"{field} {shown(raw)} looks like a spreadsheet's day number, not a date",
                           hint="In the sheet, format the column as a date (YYYY-MM-DD) and save it again.")
    if _DOTTED_SHORT_YEAR.match(day):
        raise InvalidValue(f"{field} {shown(raw)} has no four-digit year", hint="Write the year in full, e.g. 07.12.2025.")
    return None


def parse_iso_date(value: str) -> date | None:
    """Strict ISO `YYYY-MM-DD` (or an ISO timestamp): a date, or None if not in that form."""
    return _parse_iso(value.strip())


def _parse_iso(text: str) -> date | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if len(text) > 10 and text[4] == "-" and text[10] in "T ":
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None
    return None


def _parse_iso_shaped(text: str, raw: str, field: str) -> date:
    """YYYY-M-D: unambiguous, so a non-padded form is fine, but 2025-13-01 is no day at all."""
    year, month, day = (int(part) for part in re.split(r"[-/.]", text))
    return _day_of(year, month, day, raw, field)


def _day_of(year: int, month: int, day: int, raw: str, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise InvalidValue(f"{field} {shown(raw)} is not a valid date ({err})",
                           hint="Check the month and day: YYYY-MM-DD, e.g. 2025-12-07.") from None


# Two numbers before a four-digit year, apart (spaces, words, an ordinal's letters): a day and a
# month with no name to tell which is which, unless the text names a month ("7 of 12 Dec 2025"...)
_SPACED_BEFORE_YEAR = LazyPattern(r"(?<!\d)(\d{1,2})(?!\d)\D+?(?<!\d)(\d{1,2})(?!\d)\D+?(?<!\d)(\d{4})(?!\d)")
_LATIN_WORD = LazyPattern(r"[a-z]+", re.IGNORECASE)

# (a full stop, hyphen or slash may touch it: "on 07.12.2025." ends a sentence)
_NUMERIC_AMONG_WORDS = LazyPattern(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")


def _numeric_among_words(text: str, numbers: re.Match, raw: str, field: str) -> date:
    """The day `numbers` writes in `text`, whose other words may only name its weekday: dotted,
    it is read day first, as alone; with slashes or hyphens, the weekday must tell its reading."""
    rest = (text[:numbers.start()] + " " + text[numbers.end():]).lower()
    named = {next((index for index, name in enumerate(_WEEKDAYS) if len(word) >= 2 and name.startswith(word)), None)
             for word in re.findall(r"[^\W\d_]+", rest)}  # (each word's weekday; None: no weekday)
    if re.search(r"\d", rest) or None in named or len(named) > 1:
        raise InvalidValue(f"{field} {shown(raw)} is not a date I can read",
                           hint=_READABLE_FORMS)
    first, separator, second, year = numbers.groups()
    readings = [_dotted_day(first, second, year, raw, field)] if separator == "." else _readings(first, second, year)
    if named:
        weekday = named.pop()
        matching = [reading for reading in readings if reading.weekday() == weekday]
        if len(matching) == 1:
            return matching[0]
        if matching:  # (both readings that weekday: 07/01/2025 and 01/07/2025 are Tuesdays)
            raise InvalidValue(f"{field} {shown(raw)} is ambiguous: {' and '.join(day.isoformat() for day in matching)} "
                               f"are both a {_WEEKDAYS[weekday].title()}",
                               hint="Write numeric dates as YYYY-MM-DD (ISO), e.g. 2025-12-07, or spell the month.")
        if len(readings) == 1:
            raise InvalidValue(f"{field} {shown(raw)}: {readings[0].isoformat()} is a "
                               f"{_WEEKDAYS[readings[0].weekday()].title()}",
                               hint="Check the day of the week or leave it out.")
        days = [day.isoformat() for day in readings]
        which = f"neither {days[0]} nor {days[1]}" if len(days) == 2 else f"none of {', '.join(days)}"
        raise InvalidValue(f"{field} {shown(raw)}: {which} is a {_WEEKDAYS[weekday].title()}",
                           hint="Check the day of the week, or write YYYY-MM-DD.")
    if separator == ".":
        return readings[0]
    raise _ambiguous(raw, field, readings)


def _dotted_day(number: str, month: str, year: str, raw: str, field: str) -> date:
    """DD.MM.YYYY, read day first (12.31.2025, written month first, is refused)."""
    if int(month) > 12 >= int(number):
        raise InvalidValue(f"{field} {shown(raw)} is not a valid date: dotted dates are read day first",
                           hint="Write it as DD.MM.YYYY (31.12.2025) or YYYY-MM-DD (2025-12-31).")
    return _day_of(int(year), int(month), int(number), raw, field)


def _readings(first: str, second: str, year: str) -> list[date]:
    """The days a numeric date not written year first may be, day first or month first."""
    return sorted({reading for reading in (_day_or_none(year, second, first), _day_or_none(year, first, second))
                   if reading is not None})


def _ambiguous(raw: str, field: str, readings: list[date]) -> InvalidValue:
    """03/04/2025 is 3 April to some desks and 4 March to others. One that can only be read one way
    (12/25/2025) is refused too, its reading in the hint: the same desk's 12/07/2025 would be misread."""
    if len(readings) == 1:  # (its form is ambiguous, not the date: "31/12/2025 is ambiguous" puzzled)
        day = readings[0]
        return InvalidValue(f"{field} {shown(raw)} is in an ambiguous form: day or month first",
                            hint=f"If it is {day.isoformat()}, write that, or {day:%d.%m.%Y} (day first, with dots): "
                                 "the same form's 03/04/2025 could be either.")
    return InvalidValue(f"{field} {shown(raw)} is ambiguous",
                        hint="Write numeric dates as YYYY-MM-DD (ISO), e.g. 2025-12-07, day first with dots "
                             "(07.12.2025), or spell the month: 7 Dec 2025.")


def _day_or_none(year: str, month: str, day: str) -> date | None:
    """The day so written, if there is one (a two-digit year is no reading: its century is a guess)."""
    try:
        return date(int(year), int(month), int(day)) if len(year) == 4 else None
    except ValueError:
        return None


# A middle dot or bullet between a post's time and its day ("2:30 PM · Dec 7, 2025", as X stamps a
# post): read as a comma
_DOT_BETWEEN = LazyPattern(r"\s*[\u00b7\u2022\u22c5\u2027]\s*")


def _bare(text: str | None) -> str:
    """A date as typed, without blanks around it, the quotes it was pasted with, the apostrophe a
    sheet's user types before it to keep it as typed ('2025-12-07), or the end of its sentence
    ("07.12.2025."); with any dash written "-" (2025–12–07, as a word processor writes it; as filters
    read one), a middle dot as a comma (`_DOT_BETWEEN`), and without the invisible characters a copy carries at its ends (a zero-width space, a
    byte-order mark: as text fields are cleaned)."""
    text = (text or "").strip()
    invisible = ""  # (str.strip("") strips nothing)
    if not text.isascii():  # (most dates are ASCII: the models module is imported for the others)
        from .models import INVISIBLE, unify_dashes

        invisible = INVISIBLE + _BLANKS
        text = _DOT_BETWEEN.sub(", ", unify_dashes(text.strip(invisible).strip()))
    if len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:  # (the invisible ones inside them too)
        text = text[1:-1].strip(invisible).strip()
    elif len(text) > 1 and text[0] in "'\u2018\u2019":  # (a typographic one too: autocorrect's)
        text = text[1:].strip(invisible).strip()
    if len(text) > 10:  # (not an ISO day's: most cells)
        # A run of blanks is one: the patterns after a time have blanks that several of their parts
        # could each take, so a long run before a word no pattern reads ("09:00", 4,000 blanks, "x")
        # was tried for minutes
        text = _BLANK_RUN.sub(" ", text)
    return text.rstrip(".,;").strip(invisible).rstrip() or text


_BLANK_RUN = LazyPattern(r"\s{2,}")


def is_relative(text: str) -> bool:
    """Whether a date as typed is read from the day it is read ('yesterday', '3 days ago',
    'yesterday 14:30')."""
    text = _hours_spaced(_zone_unbracketed(_bare(text)))
    return _parse_relative(text.lower(), _RELATIVE_PROBE) is not None or (
        ":" in text and _parse_relative(_day_part(text).lower(), _RELATIVE_PROBE) is not None)


def _day_part(text: str) -> str:
    """A date as typed (`_bare`) without a time after it or the year's abbreviation, as `parse_date`
    reads the day."""
    return _YEAR_WORD.sub("", _TIME.sub("", text)).strip() or text


_RELATIVE_PROBE = date(2000, 1, 1)  # (any day: is_relative asks only whether a reading is relative)


def _parse_relative(lowered: str, ref: date) -> date | None:
    if lowered in ("today", "сьогодні", "сегодня"):
        return ref
    if lowered in ("yesterday", "вчора", "вчера"):
        return ref - timedelta(days=1)
    match = _RELATIVE.match(lowered)
    if match:
        try:
            count = 1 if match.group(1) is None else int(match.group(1))
            unit = match.group(2) or match.group(3)
            if unit in ("month", "year"):
                return _months_before(ref, count * 12 if unit == "year" else count)
            return ref - timedelta(days=count * 7 if unit == "week" else count)
        except (OverflowError, ValueError):  # (before the calendar's first day, or more digits than Python
            return date.min                   # reads: as far back as a filter may go)
    return None


def _months_before(ref: date, months: int) -> date:
    """The same day `months` calendar months before `ref`, or that month's last day where it is
    shorter (31 March less a month is 28 or 29 February): "6 months ago" as a desk counts a period.
    ValueError before the calendar's first year."""
    index = ref.year * 12 + ref.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        raise ValueError("before the calendar")
    month += 1
    last = 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(ref.day, last))  # (not calendar.monthrange: importing it is 3 ms of every command)


_QUOTES = "'\"‘’“”„‟«»"
_BLANKS = " \t\r\n\u00a0\u2007\u202f\u3000"  # (the spaces between a date and an invisible character beside it)
_READABLE_FORMS = "Use YYYY-MM-DD, '7 Dec 2025', 'today', 'yesterday' or '3 days ago'."
_FULL_DATE = "Give a full date, e.g. 7 Dec 2025 or 2025-12-07."
# Three numbers, none of them the year first: 03/04/2025, 3-4-25 (a day and month either way round)
_NUMERIC_DATE = LazyPattern(r"^(\d{1,2})([-/. ])(\d{1,2})\2(\d{4}|\d{2})$")
_FOUR_DIGITS = LazyPattern(r"(?<!\d)\d{4}(?!\d)")  # a year written in full


# Ukrainian and Russian month names as a date is written with them (7 грудня, грудень; 7 декабря,
# декабрь; short: груд., дек.), and the year's abbreviation after it (2025 р., 2025 г.), read as the
# English dateutil knows
_CYRILLIC_MONTHS = {
    word: english
    for english, words in (
        ("Jan", "січня січень січ января январь янв"), ("Feb", "лютого лютий лют февраля февраль фев февр"),
        ("Mar", "березня березень бер марта март мар"), ("Apr", "квітня квітень квіт кві апреля апрель апр"),
        ("May", "травня травень трав тра мая май"), ("Jun", "червня червень черв чер июня июнь июн"),
        ("Jul", "липня липень лип июля июль июл"), ("Aug", "серпня серпень серп сер августа август авг"),
        ("Sep", "вересня вересень вер сентября сентябрь сен сент"),
        ("Oct", "жовтня жовтень жовт жов октября октябрь окт"), ("Nov", "листопада листопад лист листоп лис ноября ноябрь ноя нояб"),
        ("Dec", "грудня грудень груд гру декабря декабрь дек"))
    for word in words.split()
}
_CYRILLIC_WORD = LazyPattern(r"[а-яёіїєґʼ'’]+\.?", re.IGNORECASE)
# A word of Cyrillic or Latin letters, or both: a Latin lookalike typed in a Cyrillic month (квiтня)
_CYRILLIC_OR_LATIN_WORD = LazyPattern(r"[a-zа-яёіїєґʼ'’]+\.?", re.IGNORECASE)
# The English month and weekday names dateutil reads (its parserinfo's: dateutil is imported only
# for the dates that need it), in full and short (`_english`: typed with a Cyrillic lookalike among
# their letters, read as Latin)
_MONTH_WORDS = frozenset((
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december"))
_ENGLISH_NAMES = _MONTH_WORDS | frozenset((
    "mon", "monday", "tue", "tuesday", "wed", "wednesday", "thu", "thursday", "fri", "friday", "sat", "saturday",
    "sun", "sunday"))
_YEAR_WORDS = frozenset(("г.", "г", "р.", "р", "року", "года", "год", "рік"))
# Weekday names, as Excel's long date in Ukrainian or Russian begins ("неділя, 7 грудня 2025 р."):
# read as the English ones, whose check against the day then applies
_CYRILLIC_WEEKDAYS = {
    word: english
    for english, words in (("Monday", "понеділок понедельник пн"), ("Tuesday", "вівторок вторник вт"),
                           ("Wednesday", "середа среда ср"), ("Thursday", "четвер четверг чт"),
                           ("Friday", "пʼятниця п'ятниця п’ятниця пятница пт"), ("Saturday", "субота суббота сб"),
                           ("Sunday", "неділя воскресенье нд вс"))
    for word in words.split()
}


def _in_english(text: str) -> str:
    """A date written with Ukrainian or Russian month names, as dateutil reads dates, a Latin
    lookalike typed among a name's letters too (квiтня, with a Latin i); any other Cyrillic word is
    left as it is (and makes the date one dateutil cannot read)."""
    def english(match: re.Match) -> str:
        word = match.group().lower()
        if word.isascii():  # (an English word: dateutil's)
            return match.group()
        if word in _YEAR_WORDS:
            return ""
        word = word.rstrip(".")
        named = _CYRILLIC_MONTHS.get(word) or _CYRILLIC_WEEKDAYS.get(word)
        if named is None and re.search("[a-z]", word):
            from .models import as_cyrillic_word

            # (the word as written: K, H, M, T and B look Cyrillic in capitals alone, ДЕKАБРЯ)
            word = (as_cyrillic_word(match.group().rstrip(".")) or word).lower()
            named = _CYRILLIC_MONTHS.get(word) or _CYRILLIC_WEEKDAYS.get(word)
        if named is None:  # (an English name with a Cyrillic lookalike typed in it: "Осt", "Dеc")
            from .models import as_latin_letters

            latin = as_latin_letters(match.group())
            if latin.isascii() and latin.rstrip(".").lower() in _ENGLISH_NAMES:
                return latin
        return named or match.group()

    return _CYRILLIC_OR_LATIN_WORD.sub(english, text).strip()


MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # (not the locale's)


# Two days of the month joined by a dash (a slash, a comma, "and", "to") beside a month's name ("7-8
# Dec 2025", "Dec 7–8, 2025", "7, 8 Dec 2025", "7 та 8 грудня 2025", the General Staff's night "з 7 на
# 8 грудня"): not hours ("10:00–12:00", "1-2pm") nor a zone ("10:00 -03"), see `_day_span`
_DASHED = LazyPattern(r"(?<![\d:./-])(\d{1,2}(?:st|nd|rd|th)?)(?:\s*([-–—/&,])\s*|\s+(?:and|to|та|і|и|на|до|по)\s+)\d{1,2}"
                      r"(?:st|nd|rd|th)?(?![\d:./-])", re.IGNORECASE)  # (each day with its ordinal)
# (an ordinal, a comma, brackets or "of" may come between; the year between a month and its days)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"  # (English: Cyrillic is read as it first)
_MONTH_AFTER = LazyPattern(rf"(?:st|nd|rd|th)?[\s,.()]*(?:of\s+)?{_MONTH}\b", re.IGNORECASE)
_MONTH_BEFORE = LazyPattern(rf"\b{_MONTH}\.?,?(?:\s+\d{{4}})?[\s,(]*$", re.IGNORECASE)


_HOURS = LazyPattern(r"\s*[ap]\.?m\b", re.IGNORECASE)


def _day_span(text: str) -> re.Match | None:
    """The first two days joined by a dash with a month's name right after or before them."""
    for match in _DASHED.finditer(text):
        if _HOURS.match(text, match.end()):
            continue  # ("1-2pm": hours)
        if _MONTH_AFTER.match(text, match.end()) or (
                match[2] != "," and _MONTH_BEFORE.search(text, 0, match.start())):  # ("Dec 7, 25": a year)
            return match
    return None


# A word that is no month's or weekday's name ("night of", "between"): no part of a date dateutil reads
_NO_DATE_WORD = LazyPattern(rf"\b(?!{_MONTH}\b|{_WEEKDAY_NAME}\b)[^\W\d_]+\b\s*", re.IGNORECASE)


def _first_day_of(text: str, span: re.Match, field: str) -> str | None:
    """The first day of a span of days (`_day_span`) written so that it reads, as a hint gives it:
    the span's first day in its place ("Dec 7, 2025"), and where that does not read ("night of 7
    Dec 2025"), without the words no date has; across a month's end ("30-1 Dec"), the day of the
    month before the second day's, as "30 Nov 2025"; None if none reads."""
    days = [int(day) for day in re.findall(r"\d+", span[0])]  # (the first and the second)
    if days[0] >= 24 and days[-1] <= 7:  # ("з 31 на 1 січня 2026": the night began in the month before the second day's)
        return _first_day_across(text, days, field)
    return _day_of_span(text, span, span[1], field)


# The night into a day, as the General Staff and the Russian MoD write it ("у ніч на 8 грудня", "в ночь
# на 8 декабря", Ukrainian "у ніч проти 8 грудня", the night before it; the day in digits too, "у ніч
# на 8.12.2025"): the night of the day before to that day, up to the day (its month read as English)
_NIGHT_INTO = LazyPattern(r"^(?:[ув]\s+(?:ніч|ночь)|[ув]ночі|ночью)\s+(?:на|проти)\s+(?=\d)", re.IGNORECASE)


def _night_as_span(day: str, field: str) -> str:
    """The night into `day` ("8 Dec 2025", after `_NIGHT_INTO`) as the span of days it is: "7 на 8
    Dec 2025", and across a month's end, "31 на 1 Jan 2026" (`_first_day_of` finds its month)."""
    second = int(re.match(r"\d+", day)[0])
    try:
        first = (_parse_written(day, day, field) - timedelta(days=1)).day
    except (InvalidValue, OverflowError):  # (no year, so no month's last day: none is offered, as "з 31 на 1 січня")
        first = second - 1 or 31
    return f"{first} на {day}"


_WEEKDAY_WORD = LazyPattern(rf"\b(?:{_WEEKDAY_NAME}|tues|weds|thur|thurs)\b\.?,?", re.IGNORECASE)  # (and the shortenings)


def _first_day_across(text: str, days: list[int], field: str) -> str | None:
    """The first day of a span across a month's end (`_first_day_of`), in the month before its
    second day's, with the weekday the text gives it ("Wednesday night, 31-1 Jan 2026": Wednesday,
    31 Dec 2025); None where that month has no such day or the weekday is another."""
    weekday = _WEEKDAY_WORD.search(text)
    bare = _WEEKDAY_WORD.sub("", text).strip(" ,") if weekday else text  # (the weekday is the first day's)
    span = _day_span(bare)
    second = _day_of_span(bare, span, str(days[-1]), field) if span is not None else None
    if second is None:
        return None
    try:
        before = _parse_written(second, second, field).replace(day=1) - timedelta(days=1)
        day = before.replace(day=days[0])
    except (ValueError, OverflowError):  # (a day the month before has not: 31 November; or no month before 0001)
        return None
    written = f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if weekday is None:
        return written
    named = _WEEKDAYS[day.weekday()]
    return f"{named.title()}, {written}" if weekday[0].lower().startswith(named[:3]) else None


def _day_of_span(text: str, span: re.Match, day: str, field: str) -> str | None:
    """The span's text with `day` in the span's place, written so that it reads: as written, else
    without the words no date has; None if neither reads."""
    first = f"{text[:span.start()]}{day}{text[span.end():]}"
    for candidate in dict.fromkeys((first, _without_no_date_words(first))):
        try:
            # (only whether it reads: a span left in it is refused without its own first day sought,
            # which sought the next span's, two ways each: "7-8 Dec " x 15 took 97 s)
            _parse_written(candidate, candidate, field, offer_first=False)
            return candidate
        except InvalidValue:
            continue
    return None


def _without_no_date_words(text: str) -> str:
    """`text` without the words no date has ("Sunday night, 7 Dec 2025": "Sunday, 7 Dec 2025")."""
    return re.sub(r"\s+(?=[,.])", "", _NO_DATE_WORD.sub("", text)).strip(" ,")


def _a_span(raw: str, field: str, first: str | None, *, spanned: bool = True) -> InvalidValue:
    """The refusal of a span of days (not `spanned`: of two days, "7 Dec 2025, updated 8 Dec 2025", "7 and 8 Dec 2025"),
    offering its `first` day as written where one reads."""
    said = "is a span of days" if spanned else "holds two days"
    return InvalidValue(f"{field} {shown(raw)} {said}; a claim's date is one",
                        hint=f"Give one day, e.g. the first: {first}." if first is not None else
                             "Give one day, e.g. the first, as YYYY-MM-DD or 7 Dec 2025.")


# A span's second day written in digits, day first with dots ("з 7 на 8.12.2025", "7-8.12.2025")
_DOTTED_END = LazyPattern(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def _span_written_out(text: str) -> tuple[str, re.Match | None]:
    """A span of days (`_day_span`) whose second day is written in digits ("з 7 на 8.12.2025"),
    as the span with that day written out ("з 7 на 8 Dec 2025"), and the span; else `text`, None."""
    dotted = _DOTTED_END.search(text)
    if dotted is None or _day_or_none(dotted[3], dotted[2], dotted[1]) is None:
        return text, None
    written = f"{text[:dotted.start()]}{int(dotted[1])} {MONTH_NAMES[int(dotted[2]) - 1]} {dotted[3]}"
    span = _day_span(written)
    if span is None or span.end() != dotted.start() + len(str(int(dotted[1]))):  # (the span's second day is not it)
        return text, None
    return written, span


# What joins two dates into a span ("7 Dec 2025 - 8 Dec 2025", "з 7 грудня 2025 по 8 грудня 2025")
_DATES_JOINED = LazyPattern(r"\s*[-–—/&,]\s*|\s+(?:and|to|until|till|та|і|и|на|до|по)\s+", re.IGNORECASE)
# Which of those make the two a span ("and", "&" or a comma only list two days: "7 Dec 2025, updated 8
# Dec 2025" is a post's two dates, "7 and 8 Dec 2025" two days), and the word before them that makes
# any join a span ("between 7 and 8 Dec 2025", "між 7 і 8 грудня")
_SPAN_JOINS = frozenset(("-", "–", "—", "/", "to", "until", "till", "на", "до", "по"))
_BETWEEN = LazyPattern(r"\b(?:between|між|между)\b", re.IGNORECASE)


def _joins_a_span(text: str, span: re.Match) -> bool:
    """Whether the two days of `span` (`_day_span`'s, in `text`) are joined as a span ("7-8", "з 7 на
    8", "between 7 and 8"), not listed as two days ("7 and 8", "7, 8"), as `_first_of_two_days` tells."""
    return _spanned(re.sub(r"\d+(?:st|nd|rd|th)?", "", span[0], flags=re.IGNORECASE), text, span.start())


def _spanned(joint: str, text: str, start: int) -> bool:
    """Whether two days joined by `joint` at `start` in `text` are a span: joined by a `_SPAN_JOINS`,
    or after "between" ("between 7 and 8"); not listed ("7 and 8", "7, 8")."""
    return joint.strip().lower() in _SPAN_JOINS or _BETWEEN.search(text, 0, start) is not None


# The longest two dates joined: "Wednesday, 31 December 2025, 23:30 EET - Thursday, 1 January 2026, 01:30
# EET" is 75 characters. (Each join between the years is tried by reading both sides: a longer text,
# a hostile import's cell of 4,000 dashes, took 19 s.)
_TWO_DATES_LONGEST = 120


def _first_of_two_days(text: str, field: str) -> tuple[str, bool] | None:
    """The first of two full dates joined as a span ("7 Dec 2025 - 8 Dec 2025", "07.12.2025-08.12.2025")
    as written, where each reads alone (without the words no date has: "з 7 Dec 2025") and they are
    two days, and whether they are a span: joined by a `_SPAN_JOINS` or after "between", no word
    between ("7 Dec 2025, updated 8 Dec 2025" is not); else None. Each has its year: the text is
    split only between its two."""
    if len(text) > _TWO_DATES_LONGEST:
        return None
    years = list(_FOUR_DIGITS.finditer(text))
    if len(years) != 2:
        return None
    for joint in _DATES_JOINED.finditer(text, years[0].end(), years[1].start()):
        days = []
        for part in (text[:joint.start()], text[joint.end():]):
            for candidate in dict.fromkeys((part, _without_no_date_words(part))):
                try:
                    days.append((candidate, parse_date(candidate, field=field, allow_future=True)))
                    break
                except InvalidValue:
                    continue
        if len(days) == 2 and days[0][1] != days[1][1]:
            spanned = _spanned(joint[0], text, joint.start()) and _NO_DATE_WORD.match(text, joint.end()) is None
            return days[0][0], spanned
    return None


def _parse_written(text: str, raw: str, field: str, *, offer_first: bool = True) -> date:
    """The day a date written with words reads as (`text`, `raw` as typed); without `offer_first`,
    a span of days is refused without the first day its hint offers (`_day_of_span`)."""
    if _CYRILLIC_WORD.search(text):
        text = _in_english(text)
    if _MONTH_ONLY.match(_WEEKDAY_BESIDE.sub("", text)):  # (a weekday names no day: "неділя, 12.2025")
        raise InvalidValue(f"{field} {shown(raw)} lacks a day", hint=_FULL_DATE)
    after_year = _NUMBER_AFTER_YEAR.search(text)
    if after_year is not None:  # (dateutil reads "7 Dec 2025 12" as noon, and "... 9" as nothing)
        raise InvalidValue(f"{field} {shown(raw)}: the {after_year[1]} after the year is no part of a date",
                           hint=_ZONE_LEFT_OUT if after_year[1][0] in "+-" else
                                "Leave it out: a claim's date is a day (a time of day is written with a colon, "
                                "12:00, and not kept).")
    if not _HAS_LETTER.search(text):
        numbers = _NUMERIC_DATE.match(text)
        if numbers is None:
            if _FOUR_DIGITS.fullmatch(text):
                raise InvalidValue(f"{field} {shown(raw)} lacks a day and month",
                                   hint=_FULL_DATE)
            written, span = _span_written_out(text)  # ("7-8.12.2025": its second day written out)
            if span is not None:
                raise _a_span(raw, field, _first_day_of(written, span, field) if offer_first else None,
                              spanned=_joins_a_span(written, span))
            two = _first_of_two_days(text, field)  # ("07.12.2025 - 08.12.2025")
            if two is not None:
                raise _a_span(raw, field, two[0], spanned=two[1])
            raise InvalidValue(f"{field} {shown(raw)} is not a date I can read",
                               hint=_READABLE_FORMS)
        first, _, second, year = numbers.groups()
        readings = _readings(first, second, year)
        if not readings and len(year) == 4:  # (13/13/2025: neither way round a day)
            raise InvalidValue(f"{field} {shown(raw)} is not a valid date",
                               hint="Check the month and day, and write it as YYYY-MM-DD, e.g. 2025-12-07.")
        raise _ambiguous(raw, field, readings)
    span = _day_span(text)
    night = _NIGHT_INTO.match(text) if span is None else None  # ("в ніч на 7-8 грудня": a span as written)
    if night is not None:  # ("у ніч на 8 грудня": the night of the 7th to the 8th, said as "з 7 на 8 грудня" is)
        day = text[night.end():]
        if not _HAS_LETTER.search(day):  # ("у ніч на 8.12.2025": the day read as alone, and written out)
            written = _parse_numeric(day, raw, field) or _parse_written(day, raw, field)
            day = f"{written.day} {MONTH_NAMES[written.month - 1]} {written.year:04d}"
        text = _night_as_span(day, field)
        span = _day_span(text)
    if span is None:  # ("з 7 на 8.12.2025": the second day in digits, read as written out)
        text, span = _span_written_out(text)
    if span is not None:  # ("7-8 Dec 2025": dateutil read "has no four-digit year", or nothing)
        raise _a_span(raw, field, _first_day_of(text, span, field) if offer_first else None,
                      spanned=_joins_a_span(text, span))
    two = _first_of_two_days(text, field)
    if two is not None:  # ("7 Dec 2025 - 8 Dec 2025": unreadable, or read by dateutil as the first)
        raise _a_span(raw, field, two[0], spanned=two[1])
    numbers = _NUMERIC_AMONG_WORDS.search(text)
    if numbers is not None:  # (dateutil would read it month first, dots too)
        return _numeric_among_words(text, numbers, raw, field)
    numbers = _SPACED_BEFORE_YEAR.search(text)
    if numbers is not None and _MONTH_WORDS.isdisjoint(word.lower() for word in _LATIN_WORD.findall(text)):
        # ("on 7 12 2025", "7th 12 2025": dateutil read them month first, 12 July, where "7 12 2025"
        # alone is refused as ambiguous)
        first, second, year = numbers.groups()
        readings = _readings(first, second, year)
        if not readings:
            raise InvalidValue(f"{field} {shown(raw)} is not a valid date",
                               hint="Check the month and day, and write it as YYYY-MM-DD, e.g. 2025-12-07.")
        raise _ambiguous(raw, field, readings)
    import warnings

    from dateutil import parser as dateutil_parser  # lazy: only non-ISO dates need it

    try:
        with warnings.catch_warnings():
            # A zone name dateutil cannot place ("10:00 XYZ") makes it warn on stderr; a claim
            # date is a day, and the zone is ignored either way.
            warnings.simplefilter("ignore", dateutil_parser.UnknownTimezoneWarning)
            first = dateutil_parser.parse(text, default=_DEFAULT_A)
            second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, ArithmeticError, TypeError) as err:  # (ArithmeticError: decimal's, on a long run of digits)
        if "day is out of range for month" in str(err):  # ("31 April 2025", as "31.04.2025" is said)
            if re.findall(r"\d+", text) == ["29"]:  # ("29 Feb": a day of some years, and no year given)
                raise InvalidValue(f"{field} {shown(raw)} lacks a year",
                                   hint=_FULL_DATE) from None
            raise InvalidValue(f"{field} {shown(raw)} is not a valid date (day is out of range for month)",
                               hint="Check the month and day: YYYY-MM-DD, e.g. 2025-12-07.") from None
        raise InvalidValue(
            f"{field} {shown(raw)} is not a date I can read",
            hint=_READABLE_FORMS,
        ) from None
    if first.date() != second.date():  # (each part the text does not give is a default's)
        lacking = [part for part in ("day", "month", "year") if getattr(first, part) != getattr(second, part)]
        from .plain import and_listed

        raise InvalidValue(
            f"{field} {shown(raw)} lacks a {and_listed(lacking)}",
            hint=_FULL_DATE,
        )
    # '1 Jan 0001': dateutil reads a year written with leading zeros as two digits (2001); only
    # such a year is taken as written ('7 Dec 25 1400' is a time, and still no four-digit year)
    zeroed = [year for year in _FOUR_DIGITS.findall(text) if year[0] == "0" and int(year) % 100 == first.year % 100]
    if len(zeroed) == 1 and str(first.year) not in text:
        try:
            first = first.replace(year=int(zeroed[0]))
        except ValueError:  # (year 0000, or 29 Feb of a year that has none)
            raise InvalidValue(f"{field} {shown(raw)} is not a date I can read",
                               hint=_READABLE_FORMS) from None
    if str(first.year) not in text and not zeroed:
        # '7 Dec 25': dateutil picks the century itself.
        raise InvalidValue(f"{field} {shown(raw)} has no four-digit year",
                           hint="Write the year in full, e.g. 7 Dec 2025.")
    lowered = text.lower()
    for index, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b{name[:3]}", lowered) and first.weekday() != index:
            raise InvalidValue(
                f"{field} {shown(raw)}: {first.date().isoformat()} is a {_WEEKDAYS[first.weekday()].title()}",
                hint="Check the day of the week or leave it out.",
            )
    return first.date()
