"""The desk's report: the arithmetic behind `claims report` and the summary parts of exports.

Pure functions of claim dicts, the source registry and a period; no I/O, no Typer, Rich or TinyDB.
Renderers (Rich in `render_report.py`, Markdown and HTML in `documents.py`) only lay out what
`build_report` computes, so the numbers are tested once, here.

What the report counts (the README's "Reports" section says the same):

* **Claims made in the period**: live claims whose `claimed_on` falls in [since, until], by
  their status in force now (what the desk knows today, however late the evidence came).
* **Status changes recorded in the period**: over the whole ledger, read from the claims'
  history: how many claims were in each status at the start and at the end of the period, and
  each before -> after transition whose history entry is timestamped inside the period (a new
  claim counts as "new -> status", a deletion as "status -> deleted", a restore as "deleted ->
  status").
* **Track record per source**: for each claimant, the claims it made in the period, the share
  of them confirmed, refuted, contested and still unverified (percentages of claims made), and
  the median number of days from the claim date to the date of its first *strong* support
  (`verification.weigh`; withdrawn evidence does not count), over the claims that have some;
  evidence dated before the claim counts as 0 days.
* **Contested claims** made in the period, and the **unverified backlog by age** (days from the
  claim date to today).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter

from .filters import id_order
from .models import SourceRegistry, Stance, Status, live_evidence
from .verification import STRONG, weigh

# Display order: the outcomes first, the backlog last.
STATUSES = (Status.CONFIRMED.value, Status.CONTESTED.value, Status.REFUTED.value,
            Status.UNVERIFIED.value)

# (label, youngest age in days, oldest age in days or None)
AGE_BUCKETS = (
    ("0–7 days", 0, 7),
    ("8–30 days", 8, 30),
    ("31–90 days", 31, 90),
    ("over 90 days", 91, None),
)

NEW = "new"
DELETED = "deleted"


@dataclass(frozen=True)
class Period:
    """[since, until], both inclusive days; None means open-ended (all time, up to now)."""

    since: date | None = None
    until: date | None = None

    def start_stamp(self) -> str | None:
        """The last instant before the period, as an ISO UTC stamp (None: before everything)."""
        if self.since is None:
            return None
        return f"{(self.since - timedelta(days=1)).isoformat()}T23:59:59Z"

    def end_stamp(self) -> str | None:
        return f"{self.until.isoformat()}T23:59:59Z" if self.until else None

    def holds_day(self, iso_day: str) -> bool:
        if self.since and iso_day < self.since.isoformat():
            return False
        if self.until and iso_day > self.until.isoformat():
            return False
        return True

    def holds_stamp(self, stamp: str) -> bool:
        start, end = self.start_stamp(), self.end_stamp()
        if start is not None and stamp[:20] <= start:
            return False
        if end is not None and stamp[:20] > end:
            return False
        return True

    def describe(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"since {self.since.isoformat()}"
        if self.until:
            return f"up to {self.until.isoformat()}"
        return "all time"


@dataclass
class SourceTrack:
    """One claimant's track record over the claims it made in the period."""

    source: str
    side: str
    made: int = 0
    counts: dict = field(default_factory=lambda: {status: 0 for status in STATUSES})
    days_to_strong: list = field(default_factory=list)

    def share(self, status: str) -> float:
        """Percentage of the claims made that have this status (0.0 when none were made)."""
        return 100.0 * self.counts.get(status, 0) / self.made if self.made else 0.0

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_strong) if self.days_to_strong else None


@dataclass
class AgeBucket:
    label: str
    low: int
    high: int | None
    claims: list = field(default_factory=list)


@dataclass
class Report:
    period: Period
    as_of: date  # the day ages are measured to (today)
    claims: list  # live claims made in the period, by claim date then ID
    status_of: dict  # claim ID -> status in force
    status_counts: dict  # of `claims`, by status
    ledger_start: dict  # whole ledger, status -> claims at the start of the period
    ledger_end: dict
    transitions: list  # [(before, after, count)], most frequent first
    sources: list  # [SourceTrack], most claims first
    contested: list
    backlog: list  # [AgeBucket]
    timeline: list  # [(day, claims made, first strong supports)], by day
    first_strong: dict  # claim ID -> ISO day of its first strong support

    @property
    def total(self) -> int:
        return len(self.claims)


def status_at(claim: dict, stamp: str | None) -> str | None:
    """The claim's status in force at `stamp` (inclusive), from its history; None if it did not
    exist then (not yet recorded, or deleted). `stamp` None means now."""
    history = claim.get("history") or []
    if not history:
        if claim.get("deleted_at"):
            return None
        created = claim.get("created_at") or ""
        return claim.get("status") if stamp is None or created[:20] <= stamp else None
    state: str | None = None
    for entry in sorted(history, key=lambda item: item.get("at") or ""):
        if stamp is not None and (entry.get("at") or "")[:20] > stamp:
            break
        if entry.get("action") == "deleted":
            state = None
        elif entry.get("status_after"):
            state = entry["status_after"]
    return state


def transitions_in(claims, period: Period) -> Counter:
    """(before, after) -> count of the status changes recorded inside the period."""
    found: Counter = Counter()
    start, end = period.start_stamp(), period.end_stamp()  # `period.holds_stamp`, computed once
    for claim in claims:
        for entry in claim.get("history") or ():
            get = entry.get
            if start is not None or end is not None:
                stamp = (get("at") or "")[:20]
                if (start is not None and stamp <= start) or (end is not None and stamp > end):
                    continue
            action = get("action")
            before = get("status_before") or NEW
            after = DELETED if action == "deleted" else (get("status_after") or before)
            if action == "restored":
                before = DELETED
            if before != after:
                found[(before, after)] += 1
    return found


def first_strong_support(claim: dict, registry: SourceRegistry, until: date | None = None) -> str | None:
    """The ISO day of the earliest live evidence that strongly supports the claim (or None)."""
    limit = until.isoformat() if until else None
    best: str | None = None
    claimant = claim["source"]
    for item in claim.get("evidence") or ():  # live_evidence, inline
        if item.get("withdrawn_at"):
            continue
        on = item.get("on")
        if item.get("stance") != _SUPPORTS or not on:
            continue
        if limit and on > limit:
            continue
        if weigh(_SUPPORTS, item["source"], claimant, registry).strength != STRONG:
            continue
        if best is None or on < best:
            best = on
    return best


_SUPPORTS = Stance.SUPPORTS.value
_DAYS: dict = {}  # ISO day -> date: a report parses the same few hundred days over and over


def _day(iso: str) -> date:
    try:
        return _DAYS[iso]
    except KeyError:
        day = _DAYS[iso] = date.fromisoformat(iso)
        return day


def days_between(first: str, second: str) -> int:
    return (_day(second[:10]) - _day(first[:10])).days


def age_bucket(age: int) -> int:
    for index, (_, low, high) in enumerate(AGE_BUCKETS):
        if age >= low and (high is None or age <= high):
            return index
    return 0  # a claim dated after `as_of` (future-dated): the youngest bucket


def build_report(claims, registry: SourceRegistry, *, period: Period | None = None,
                 today: date) -> Report:
    """Everything `claims report` shows. `claims` may include deleted ones (history needs them)."""
    period = period or Period()
    every = list(claims)
    end = period.end_stamp()
    as_of = today

    status_of: dict[str, str] = {}
    chosen: list[dict] = []
    ledger_start: Counter = Counter()
    ledger_end: Counter = Counter()
    start = period.start_stamp()
    open_days = period.since is None and period.until is None  # every day is in the period
    for claim in every:
        at_end = status_at(claim, end) if end is not None else None
        if end is None and not claim.get("deleted_at"):
            at_end = claim["status"]
        if at_end is not None:
            ledger_end[at_end] += 1
        if start is not None:
            before = status_at(claim, start)
            if before is not None:
                ledger_start[before] += 1
        if not claim.get("deleted_at") and (open_days or period.holds_day(claim["claimed_on"])):
            status_of[claim["id"]] = claim["status"]
            chosen.append(claim)
    chosen.sort(key=itemgetter("claimed_on", "id"))

    tracks: dict[str, SourceTrack] = {}
    first_strong: dict[str, str] = {}
    made_by_day: Counter = Counter()
    strong_by_day: Counter = Counter()
    backlog = [AgeBucket(label, low, high) for label, low, high in AGE_BUCKETS]
    contested: list[dict] = []
    contested_value, unverified_value = Status.CONTESTED.value, Status.UNVERIFIED.value
    today_iso = as_of.isoformat()
    for claim in chosen:
        status = status_of[claim["id"]]
        track = tracks.get(claim["source"])
        if track is None:
            track = tracks[claim["source"]] = SourceTrack(claim["source"], registry.side_of(claim["source"]).value)
        track.made += 1
        track.counts[status] = track.counts.get(status, 0) + 1
        made_by_day[claim["claimed_on"]] += 1
        day = first_strong_support(claim, registry)
        if day is not None:
            first_strong[claim["id"]] = day
            strong_by_day[day] += 1
            track.days_to_strong.append(max(0, days_between(claim["claimed_on"], day)))
        if status == contested_value:
            contested.append(claim)
        elif status == unverified_value:
            age = days_between(claim["claimed_on"], today_iso)
            backlog[age_bucket(age)].claims.append(claim)

    counts = Counter(status_of.values())
    timeline = [(day, made_by_day.get(day, 0), strong_by_day.get(day, 0))
                for day in sorted(set(made_by_day) | set(strong_by_day))]
    transitions = sorted(((before, after, n) for (before, after), n in transitions_in(every, period).items()),
                         key=lambda row: (-row[2], row[0], row[1]))
    return Report(
        period=period,
        as_of=as_of,
        claims=chosen,
        status_of=status_of,
        status_counts={status: counts.get(status, 0) for status in STATUSES},
        ledger_start={status: ledger_start.get(status, 0) for status in STATUSES},
        ledger_end={status: ledger_end.get(status, 0) for status in STATUSES},
        transitions=transitions,
        sources=sorted(tracks.values(), key=lambda t: (-t.made, t.source.casefold())),
        contested=sorted(contested, key=lambda c: (c.get("updated_at") or "", id_order(c)), reverse=True),
        backlog=backlog,
        timeline=timeline,
        first_strong=first_strong,
    )


def percent(value: float) -> str:
    """34.56 -> '35%'; shares are shown to the whole percent."""
    return f"{value:.0f}%"


def days_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def signed(change: int) -> str:
    """+3, -2, and 0 without a sign."""
    return f"{change:+d}" if change else "0"
