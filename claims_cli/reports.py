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
  of them confirmed, contested, refuted and still unverified (percentages of claims made), and
  the median number of days from the claim date to the date of its first *strong* support
  (`verification.weigh`; withdrawn evidence does not count), over the claims confirmed (in force)
  that have some; evidence dated before the claim counts as 0 days.
* **Contested claims** made in the period, and the **unverified backlog by age** (days from the
  claim date to today).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import date, timedelta, timezone
from itertools import chain, product
from operator import itemgetter
from typing import Callable, Iterable

from .errors import DamagedRecord
from .filters import id_order
from .models import (GRADES, SourceRegistry, Stance, Status, after_entry, alphabetical, claimed_day, in_day_form,
                     in_stamped_form, is_day, stamp_key, utc_stamp)
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
# What a history entry's status_before or status_after may be (`models.history_problem`): the
# report refuses another that it counts, as any damaged record (a hand edit's "bogus" was a change
# "new -> bogus", counted in silence). An unhashable one ([]) raises TypeError, which the CLI says
# as a damaged record too, doctor finding it.
_STATUS_OR_NONE = frozenset((*(status.value for status in Status), None))
_ACTIONS_READ: set = set()  # the actions found to be text, not blank (a few: each checked once)
DELETED = "deleted"


def median(values: list) -> float | int:
    """statistics.median (the same arithmetic; that module imports fractions and decimal, ~3 ms)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _day_end_stamp(day: date) -> str:
    """The last second of `day` on this machine's clock, as a UTC stamp: days (claim dates,
    --since, today) are local, history is stamped in UTC. A day ends where the next begins: where
    the clock goes back at midnight, its first 23:59:59 is an hour before its end."""
    from .dates import day_start

    try:
        end = day_start(day + timedelta(days=1)).astimezone(timezone.utc) - timedelta(seconds=1)
    except (OverflowError, ValueError, OSError):  # (the first or last day there is, off UTC)
        return f"{day.isoformat()}T23:59:59Z"
    return f"{end.date().isoformat()}T{end.strftime('%H:%M:%S')}Z"


@dataclass(frozen=True)
class Period:
    """[since, until], both inclusive days; None means open-ended (all time, up to now)."""

    since: date | None = None
    until: date | None = None

    def start_stamp(self) -> str | None:
        """The last instant before the period, as an ISO UTC stamp (None: before everything)."""
        if self.since is None:
            return None
        if self.since == date.min:  # (no date before it: its day before, as text, is before every stamp)
            return "0000-12-31T23:59:59Z"
        return _day_end_stamp(self.since - timedelta(days=1))

    def end_stamp(self) -> str | None:
        return _day_end_stamp(self.until) if self.until else None

    def holds_day(self, iso_day: str) -> bool:
        if self.since and iso_day < self.since.isoformat():
            return False
        if self.until and iso_day > self.until.isoformat():
            return False
        return True

    def holds_stamp(self, stamp: str) -> bool:
        start, end = self.start_stamp(), self.end_stamp()
        stamp = stamp_key(stamp)
        if start is not None and stamp <= start:
            return False
        if end is not None and stamp > end:
            return False
        return True

    @property
    def bounded(self) -> bool:
        return bool(self.since or self.until)

    def describe(self) -> str:
        if self.since and self.until:
            if self.since == self.until:  # (one day: "2025-12-07", not "2025-12-07 to 2025-12-07")
                return self.since.isoformat()
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"since {self.since.isoformat()}"
        if self.until:
            return f"up to {self.until.isoformat()}"
        return "all time"


_STANCE_NAMES = frozenset(stance.value for stance in Stance)


def source_activity(name: str, claims: Iterable[dict]) -> dict:
    """What one source (its registry name) has said in the ledger's live claims: the claims it made,
    by status in force, and the evidence it gave, in force by stance and withdrawn (`sources show`);
    and how many of the claims it made, and of its items, are on deleted claims (they still cite it:
    `sources remove` says so)."""
    made = {status: 0 for status in STATUSES}  # (in the order of every count by status)
    evidence = {"items": 0, "claims": 0, "supports": 0, "disputes": 0, "inconclusive": 0, "withdrawn": 0,
                "on_deleted_claims": 0}
    deleted = 0
    for claim in claims:
        if claim.get("deleted_at"):
            deleted += claim["source"] == name
            evidence["on_deleted_claims"] += sum(item.get("source") == name for item in claim.get("evidence") or ())
            continue
        if claim["source"] == name and claim["status"] in made:
            made[claim["status"]] += 1
        cited = False
        for item in claim.get("evidence") or ():
            if item.get("source") != name:
                continue
            if item.get("withdrawn_at"):
                evidence["withdrawn"] += 1
            elif item.get("stance") in _STANCE_NAMES:
                evidence[item["stance"]] += 1
                evidence["items"] += 1
                cited = True
        evidence["claims"] += cited
    return {"claims": sum(made.values()), "claims_by_status": made, "claims_deleted": deleted, "evidence": evidence}


@dataclass
class SourceTrack:
    """One claimant's track record over the claims it made in the period."""

    source: str
    side: str
    made: int = 0
    counts: dict = field(default_factory=lambda: {status: 0 for status in STATUSES})
    days_to_strong: list = field(default_factory=list)  # of its confirmed claims with strong support

    def share(self, status: str) -> float:
        """Percentage of the claims made that have this status (0.0 when none were made)."""
        return 100.0 * self.counts.get(status, 0) / self.made if self.made else 0.0

    def shares_shown(self) -> dict[str, str]:
        """`shares_shown` of the claims made, by status."""
        return shares_shown({status: self.counts.get(status, 0) for status in STATUSES})

    @property
    def median_days(self) -> float | None:
        return median(self.days_to_strong) if self.days_to_strong else None

    @property
    def median_over(self) -> int:
        """How many claims `median_days` is taken over (one claim is no source's typical speed)."""
        return len(self.days_to_strong)


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
    claims: list  # live claims made in the period, by claim date then ID (see build_report's `keep`)
    status_of: dict  # claim ID -> status in force
    status_counts: dict  # of `claims`, by status
    ledger_start: dict  # whole ledger, status -> claims at the start of the period
    ledger_end: dict
    transitions: list | None  # [(before, after, count)], most frequent first; None: not counted
    sources: list  # [SourceTrack], most claims first
    contested: list
    backlog: list  # [AgeBucket]
    timeline: list  # [(day, claims made, first strong supports)], by day
    first_strong: dict  # claim ID -> ISO day of its first strong support
    recorded_after: int = 0  # of `claims`, how many the ledger recorded after the period ended

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
        return claim.get("status") if stamp is None or stamp_key(claim.get("created_at")) <= stamp else None
    status: str | None = None
    gone = False
    for entry in sorted(history, key=lambda item: _in_order(item.get("at"))):
        if stamp is not None and stamp_key(entry.get("at")) > stamp:
            break
        status, gone = after_entry(entry, status, gone)
    return None if gone else status


def _first_counted(claim: dict) -> str:
    """When the ledger first counts a claim (see _statuses_at): its first history entry's time, else
    its created_at. A record imported with a created_at and no history is counted from its import."""
    history = claim.get("history")
    if history and type(history) is list:
        return min(stamp_key(entry.get("at")) if type(entry) is dict else "" for entry in history)
    return stamp_key(claim.get("created_at"))


def _in_order(stamp: object) -> str:
    """A history time as entries are put in order: as stored when in UTC (a fraction of a second
    kept), else in UTC (`stamp_key`: "2025-12-07 23:00:00Z", a space for the T, sorted as text before
    that day's stamps)."""
    return stamp if type(stamp) is str and in_stamped_form(stamp) else stamp_key(stamp)


def _readable_stamp(stamp: object) -> str:
    """`stamp_key` of a history time not as this tool stamps (in UTC, "Z"), read by a report of a
    period, which puts the entries in order: DamagedRecord if it is no time (a hand edit's null or
    "yesterday" was put first, or last, and its change counted in silence)."""
    key = utc_stamp(stamp) if type(stamp) is str else None
    if key is None:
        raise DamagedRecord()
    return key


def _read_action(action: object) -> object:
    """`action`, if it is text, not blank (as `models.history_problem` asks), else DamagedRecord.
    (A few actions, each checked once: a caller reading every entry looks it up first.)"""
    if action not in _ACTIONS_READ:
        if type(action) is not str or not action.strip():
            raise DamagedRecord()
        _ACTIONS_READ.add(action)
    return action


def _statuses_at(claim: dict, start: str | None, end: str | None,
                 found: Counter | None = None) -> tuple[str | None, str | None]:
    """(`status_at(claim, start)`, `status_at(claim, end)`) in one walk over the history; a None
    `start` gives None, a None `end` the status now of a live claim (None if deleted). `start`
    is before `end`. With `found`, the claim's status changes recorded after `start` and up to
    `end` are added to it (`_count_transitions`)."""
    history = claim.get("history")
    if not history:
        at_start = status_at(claim, start) if start is not None else None
        if end is None:
            return at_start, None if claim.get("deleted_at") else claim.get("status")
        return at_start, status_at(claim, end)
    stamps = [stamp if type(stamp := entry.get("at")) is str and stamp[-1:] == "Z" and stamp[10:11] == "T"
              and stamp[16:17] == ":" else _readable_stamp(stamp)
              for entry in history]  # (`_in_order`, inline: every entry of 100,000 claims)
    order = sorted(range(len(history)), key=stamps.__getitem__)  # stable: as `status_at` sorts
    # (most claims' history is all before a period, its times not compared again, or all after it:
    # not read again for changes)
    before = start is not None and stamps[order[-1]][:20] <= start
    if found is not None and not before and not (end is not None and stamps[order[0]][:20] > end):
        _count_transitions(found, history, start, end)
    status: str | None = None
    gone = False
    at_start: str | None = None
    started = start is None
    for index in order:
        if not before:
            stamp = stamps[index][:20]
            if not started and stamp > start:
                at_start, started = None if gone else status, True
            if end is not None and stamp > end:
                break
        entry = history[index]
        action = entry.get("action")  # (`_after`, written out: this runs for every entry of 100,000 claims)
        if action == "deleted":
            gone = True
        else:
            status = entry.get("status_after") or status
            if gone and action == "restored":
                gone = False
    if not started:
        at_start = None if gone else status
    if end is None:
        return at_start, None if claim.get("deleted_at") else claim.get("status")
    return at_start, None if gone else status


def transitions_in(claims, period: Period) -> Counter:
    """(before, after) -> count of the status changes recorded inside the period."""
    found: Counter = Counter()
    start, end = period.start_stamp(), period.end_stamp()  # `period.holds_stamp`, computed once
    for claim in claims:
        _count_transitions(found, claim.get("history"), start, end)
    return found


def _count_transitions(found: Counter, history, start: str | None, end: str | None) -> None:
    """Add one claim's status changes recorded after `start` and up to `end` to `found`."""
    gone = False  # (a deleted claim's re-evaluation, until it is restored, changes nothing a reader sees)
    for entry in history or ():
        get = entry.get
        action = get("action")
        restored = False  # (of a deleted claim: a restore no deletion came before is read as `status_at` reads it)
        if gone:
            if action != "restored":
                continue
            gone, restored = False, True
        elif action == "deleted":
            gone = True
        if start is not None or end is not None:
            stamp = get("at")  # (`stamp_key`, its usual case inline)
            stamp = stamp[:20] if type(stamp) is str and stamp[-1:] == "Z" and stamp[10:11] == "T" \
                and stamp[16:17] == ":" else stamp_key(stamp)
            if (start is not None and stamp <= start) or (end is not None and stamp > end):
                continue
        before, after = get("status_before"), get("status_after")
        if before not in _STATUS_OR_NONE or after not in _STATUS_OR_NONE:
            raise DamagedRecord()  # (a change is counted: its statuses, and action below, are checked)
        if action not in _ACTIONS_READ:
            _read_action(action)
        before = before or NEW
        after = DELETED if action == "deleted" else (after or before)
        if restored:
            before = DELETED
        if before != after:
            found[(before, after)] += 1


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
_CONTESTED = Status.CONTESTED.value
_DAYS: dict = {}  # ISO day -> date: a report parses the same few hundred days over and over


def _day(iso: str) -> date:
    try:
        return _DAYS[iso]
    except KeyError:
        if not in_day_form(iso):  # (a hand edit's '2025-W49-7': refused on every Python, as doctor says)
            raise ValueError(f"not a YYYY-MM-DD day: {iso!r}")
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
                 today: date, keep: Callable[[dict], dict] | None = None) -> Report:
    """Everything `claims report` shows. `claims` may include deleted ones (history needs them).

    `keep`: what `Report.claims` (and so `contested` and `backlog`) holds of each claim instead
    of the claim itself: its `summary` (what the report reads), e.g. with the claim's part of a
    document laid out. Then no history list is kept either, and the claims are read as a stream:
    100,000 of them are never held at once, whatever the period. Over all time, only claims that
    repeat an ID make the report read the kept values, so a caller may keep less when none does
    (see slim_report); a bounded period always reads them.
    """
    period = period or Period()
    if period.since is None and period.until is None:
        return _all_time_report(claims, registry, period, today, keep=keep)
    end = period.end_stamp()
    start = period.start_stamp()

    status_of: dict[str, str] = {}
    chosen: list[dict] = []
    ledger_start: Counter = Counter()
    ledger_end: Counter = Counter()
    transitions: Counter = Counter()
    recorded_after = 0
    first_day = period.since.isoformat() if period.since else None  # `period.holds_day`, inline
    last_day = period.until.isoformat() if period.until else None
    for claim in claims:
        before, at_end = _statuses_at(claim, start, end, transitions)
        if at_end is not None:
            ledger_end[at_end] += 1
        if before is not None:
            ledger_start[before] += 1
        if claim.get("deleted_at"):  # (read for its history alone: what else it holds may be a hand edit's)
            continue
        day = claimed_day(claim)
        if not (first_day and day < first_day) and not (last_day and day > last_day):
            status_of[claim["id"]] = claim["status"]
            chosen.append(claim if keep is None else keep(claim))
            if end is not None and _first_counted(claim) > end:
                recorded_after += 1
    # The statuses counted at either end, each checked once here, not at each entry nor each claim
    # (a claim's own status is `readable_claim`'s): one the rule does not know that an entry gave the
    # claim, a hand edit's, was counted in silence. (One an entry gave it in the period is counted
    # as a change, checked there; one before that a later entry replaced shows nowhere.)
    if not _STATUS_OR_NONE.issuperset(ledger_start) or not _STATUS_OR_NONE.issuperset(ledger_end):
        raise DamagedRecord()
    report = _report_of(period, today, registry, chosen, status_of, ledger_start, ledger_end, transitions)
    report.recorded_after = recorded_after
    return report


class _RepeatedId(Exception):
    """A claim ID seen twice (a hand-edited file): see slim_report."""


def slim_report(claims: Iterable[dict], registry: SourceRegistry, *, today: date,
                slim: Callable[[dict], dict], transitions: bool = True,
                in_parts: Callable[[Callable[[Iterable[dict]], tuple]], list] | None = None) -> Report:
    """`build_report` over all time, keeping of each claim only `slim(claim)`: what the caller
    shows of it (its status, a laid-out part, its ID and day...), not its summary, so that
    100,000 claims' texts and evidence are not all held at once.

    Without `transitions` the status changes are not counted (`Report.transitions` is None): a
    document that does not show them is spared reading every claim's history.

    With `in_parts`, the claims are read in parts, perhaps at once by two processes:
    `in_parts(read)` gives `read(part)` of consecutive parts of the claims, in order (see
    `digested`; workers.gather_in_two gives the last part by a worker). The report is the same.

    A report of claims that repeat an ID reads the summary of the kept claims (`_report_of`):
    for such a file (only a hand edit makes one) `claims` is read again (it must be iterable
    twice), keeping both."""
    try:
        if in_parts is not None:
            parts = in_parts(partial(digested, registry, slim, transitions))
            return _report_of_parts(parts, registry, Period(), today, slim=True)
        return _all_time_report(claims, registry, Period(), today, keep=slim, slim=True, transitions=transitions)
    except _RepeatedId:
        report = build_report(claims, registry, today=today, keep=lambda claim: {**summary(claim), **slim(claim)})
        return report if transitions else replace(report, transitions=None)


def shown_part(claim: dict) -> dict:
    """What an all-time report shows of a claim, on a terminal or as a document (`slim_report`):
    all of a contested one (a row of its contested table), the ID and day of any other (the
    backlog buckets list the oldest, or the first dozen)."""
    if claim.get("status") == _CONTESTED:
        return summary(claim)
    return {"id": claim["id"], "claimed_on": claim["claimed_on"]}


def _report_of(period: Period, as_of: date, registry: SourceRegistry, chosen: list, status_of: dict,
               ledger_start: Counter, ledger_end: Counter, transitions: Counter | None) -> Report:
    """The report of the chosen claims (any order), given the status of each ID."""
    chosen.sort(key=lambda claim: (claim["claimed_on"], id_order(claim)))
    statuses = [status_of[claim["id"]] for claim in chosen]
    bests = [first_strong_support(claim, registry) for claim in chosen]
    first_strong = {claim["id"]: best for claim, best in zip(chosen, bests) if best is not None}
    contested = sorted((claim for claim, status in zip(chosen, statuses) if status == Status.CONTESTED.value),
                       key=lambda c: (c.get("updated_at") or "", id_order(c)), reverse=True)
    return _report(period, as_of, registry, chosen, list(map(_CLAIMED_ON, chosen)), list(map(_SOURCE, chosen)),
                   statuses, bests, first_strong, contested, status_of, ledger_start, ledger_end, transitions)


# What a report reads of a claim: the counts, the backlog and the contested table (which may be
# any claim's, when a hand-edited file repeats an ID).
_SUMMARY_KEYS = ("id", "text", "source", "outlet", "claimed_on", "status", "assessment", "evidence", "updated_at",
                 "computed_status")  # (an assessed claim's table legend gives the rule's)


def summary(claim: dict) -> dict:
    """What a report reads of a claim (see build_report's `keep`)."""
    return {key: claim.get(key) for key in _SUMMARY_KEYS}


def _all_time_report(claims, registry: SourceRegistry, period: Period, as_of: date, *,
                     keep: Callable[[dict], dict] | None = None, slim: bool = False,
                     transitions: bool = True) -> Report:
    """`build_report` over all time, in one pass over the claims (`digested`). With `slim`,
    claims that repeat an ID (a hand-edited file) raise _RepeatedId: the report of such a file
    reads what was kept of each claim, and the caller keeps more (see slim_report)."""
    return _report_of_parts([digested(registry, keep, transitions, claims)], registry, period, as_of, slim=slim)


def digested(registry: SourceRegistry, keep: Callable[[dict], dict] | None, transitions: bool,
             claims: Iterable[dict]) -> tuple[tuple, dict | None]:
    """What the all-time report reads of some claims (in file order, deleted ones included), as
    (columns, changes): the columns of the live claims, (what was kept of each: `keep(claim)` or
    the claim itself; their IDs, claim days, claimants, statuses, days of first strong support or
    None; {position: key in the contested table} of the contested ones), and the status changes
    their histories record, {(before, after): count}, or None without `transitions`. Plain lists,
    tuples and dicts of the claims' own values, so that a worker process can hand them over
    (marshal: `slim_report`'s `in_parts`).

    100,000 claim dicts (and their strings) spread over a large heap cost a cache miss or more
    each time a pass touches one (issue 6): each claim gives everything the report needs at once,
    and its day, source, status and first strong support are kept as one shared string per
    value, so the later counting and sorting touch a few thousand objects, not 100,000."""
    chosen: list[dict] = []
    ids: list = []
    days: list = []
    sources: list = []
    statuses: list = []
    bests: list = []  # the day of each chosen claim's first strong support, or None
    contested_keys: dict = {}  # position in `chosen` -> (updated_at or "", ID order), contested claims only
    strong_of: dict = {}  # (evidence source, claimant) -> a strong support? (`weigh`, remembered)
    shared = {}.setdefault  # a string -> the one equal string kept
    contested_value = Status.CONTESTED.value
    tally = _TransitionTally() if transitions else None
    add_history = None if tally is None else tally.add
    append, add_id, add_day, add_source, add_status, add_best = (
        chosen.append, ids.append, days.append, sources.append, statuses.append, bests.append)
    for claim in claims:
        get = claim.get
        if add_history is not None:
            history = get("history")
            if history:
                add_history(history)
        if get("deleted_at"):
            continue
        claim_id = claim["id"]
        day = claim["claimed_on"]
        status = claim["status"]
        claimant = claim["source"]
        if status == contested_value:
            contested_keys[len(chosen)] = (get("updated_at") or "", len(claim_id), claim_id)  # ID order
        append(claim if keep is None else keep(claim))
        add_id(claim_id)
        add_day(shared(day, day))
        add_status(shared(status, status))
        add_source(shared(claimant, claimant))
        best = None  # `first_strong_support`, inline
        for item in get("evidence") or ():
            if item.get("stance") != _SUPPORTS or item.get("withdrawn_at"):  # (half the items dispute or are inconclusive)
                continue
            on = item.get("on")
            if not on or (best is not None and on >= best):
                continue
            key = (item["source"], claimant)
            strong = strong_of.get(key)
            if strong is None:
                strong = strong_of[key] = weigh(_SUPPORTS, key[0], claimant, registry).strength == STRONG
            if strong:
                best = on
        add_best(best if best is None else shared(best, best))
    columns = (chosen, ids, days, sources, statuses, bests, contested_keys)
    return columns, None if tally is None else dict(tally.transitions())


def _report_of_parts(parts: list, registry: SourceRegistry, period: Period, as_of: date, *, slim: bool) -> Report:
    """The all-time report of the claims whose consecutive parts `digested` read."""
    def counted() -> Counter | None:
        if any(changes is None for _, changes in parts):
            return None
        found: Counter = Counter()
        for _, changes in parts:
            found.update(changes)
        return found

    return _report_of_columns([columns for columns, _ in parts], registry, period, as_of, slim=slim,
                              transitions=counted)


def _report_of_columns(parts: list[tuple], registry: SourceRegistry, period: Period, as_of: date, *,
                       slim: bool, transitions: Callable[[], Counter | None]) -> Report:
    """The report of the claims whose columns (`digested`) are `parts`, one part after another."""
    if len(parts) == 1:
        chosen, ids, days, sources, statuses, bests, contested_keys = parts[0]
    else:
        chosen, ids, days, sources, statuses, bests, contested_keys = [], [], [], [], [], [], {}
        for part in parts:
            offset = len(chosen)
            for column, more in zip((chosen, ids, days, sources, statuses, bests), part):
                column.extend(more)
            contested_keys.update({offset + position: key for position, key in part[6].items()})
    # (each distinct day checked once, as a bounded period's are: a time compared as its day counted
    # "2025-12-07T00:00:00+02:00" in silence, and drew it so on the timeline)
    for day in set(days):
        if not is_day(day):
            claimed_day({"id": ids[days.index(day)], "claimed_on": day})
    first_strong = {claim_id: best for claim_id, best in zip(ids, bests) if best is not None}
    ledger_end = Counter(statuses)  # the status now of every live claim
    status_of = dict(zip(ids, statuses))
    if len(status_of) != len(chosen):  # a hand-edited file with a repeated ID: as for any period
        if slim:
            raise _RepeatedId  # (which reads the kept values: `slim_report` reads the claims again)
        return _report_of(period, as_of, registry, chosen, status_of, Counter(), ledger_end, transitions())
    # By claim date, then ID: two sorts of positions on one string each (cheaper than tuple keys;
    # the first is nearly free when the claims come in ID order). IDs are unique: no ties.
    order = sorted(range(len(chosen)), key=ids.__getitem__)
    order.sort(key=lambda position: len(ids[position]))  # numeric ID order: C-9999 before C-10000
    order.sort(key=days.__getitem__)
    contested_at = sorted(contested_keys, key=contested_keys.__getitem__, reverse=True)  # latest first
    return _report(period, as_of, registry, list(map(chosen.__getitem__, order)),
                   list(map(days.__getitem__, order)), list(map(sources.__getitem__, order)),
                   list(map(statuses.__getitem__, order)), list(map(bests.__getitem__, order)),
                   first_strong, list(map(chosen.__getitem__, contested_at)), status_of, Counter(), ledger_end,
                   transitions())


_ENTRY_KEYS = itemgetter("status_before", "status_after", "action")
_ACTION = itemgetter("action")
_DELETION = frozenset(("deleted", "restored"))


def _all_transitions(histories: list) -> Counter:
    """`transitions_in(claims, Period())` from the claims' history lists: the entries counted by
    (before, after, action) in C, then the few distinct kinds turned into transitions. A claim
    once deleted or restored is read one entry after another (what re-evaluates it while deleted is
    no change; a restore is a change from deleted only after a deletion)."""
    try:
        kinds = Counter(map(_ENTRY_KEYS, chain.from_iterable(histories)))
    except (KeyError, TypeError):  # an entry without one of the keys (hand-edited): one by one
        return transitions_in(({"history": history} for history in histories), Period())
    if _DELETION.isdisjoint(action for _, _, action in kinds):
        return _transitions_of_kinds(kinds)
    deleted = [history for history in histories if not _DELETION.isdisjoint(map(_ACTION, history))]
    kinds.subtract(map(_ENTRY_KEYS, chain.from_iterable(deleted)))
    found = _transitions_of_kinds(kinds)
    found.update(transitions_in(({"history": history} for history in deleted), Period()))
    return found


class _TransitionTally:
    """`_all_transitions` claim by claim, keeping no history list for long (a report may keep
    little of each claim): the histories of a few hundred claims are held, then counted at once, in C."""

    BATCH = 256  # (still in the cache: 8,192 claims' histories, counted when cold, took longer than one by one)

    def __init__(self):
        self.found: Counter = Counter()
        self.histories: list = []  # not counted yet

    def add(self, history: list) -> None:
        histories = self.histories
        histories.append(history)  # (all this does for most claims: 100,000 calls)
        if len(histories) > self.BATCH:
            self.found.update(_all_transitions(histories))
            histories.clear()

    def transitions(self) -> Counter:
        self.found.update(_all_transitions(self.histories))
        self.histories.clear()
        return self.found


def _transitions_of_kinds(kinds: Counter) -> Counter:
    found: Counter = Counter()
    for (status_before, status_after, action), n in kinds.items():
        if n <= 0:  # (kinds of once-deleted claims, taken out to be read in order)
            continue
        if status_before not in _STATUS_OR_NONE or status_after not in _STATUS_OR_NONE:
            raise DamagedRecord()  # (each kind checked once: a few dozen for 256 claims' entries)
        _read_action(action)
        before = status_before or NEW  # (no deletion nor restore: `_all_transitions` reads those in order)
        after = status_after or before
        if before != after:
            found[(before, after)] += n
    return found


def _report(period: Period, as_of: date, registry: SourceRegistry, chosen: list, days: list, sources: list,
            statuses: list, bests: list, first_strong: dict, contested: list, status_of: dict,
            ledger_start: Counter, ledger_end: Counter, transitions: Counter | None) -> Report:
    """The report of the chosen claims (by claim date, then ID), given for each of them, in that
    order, its claim day, source, status in force and first strong support (or None)."""
    # Per source: claims made and counts by status, in the order sources first appear.
    tracks: dict[str, SourceTrack] = {}
    for (source, status), n in Counter(zip(sources, statuses)).items():
        track = tracks.get(source)
        if track is None:
            track = tracks[source] = SourceTrack(source, registry.side_of(source).value)
        track.made += n
        track.counts[status] = track.counts.get(status, 0) + n
    # (a support dated before its claim is drawn on the claim's day: it counts after 0 days in the
    # track record, and on its own day the chart gave it to claims made then that no one supported)
    strong_by_day = Counter(best if type(day) is not str or best >= day else day
                            for day, best in zip(days, bests) if best is not None)
    if period.since or period.until:  # a period's timeline is of its days: a later support is not drawn
        strong_by_day = Counter({day: n for day, n in strong_by_day.items() if period.holds_day(day)})
    elapsed: dict = {}  # (claim day, support day) -> days between them, at least 0
    confirmed = Status.CONFIRMED.value  # (a claim assessed refuted, or contested, was not supported in the end)
    for day, source, status, best in zip(days, sources, statuses, bests):
        if best is not None and status == confirmed:
            key = (day, best)
            days_to = elapsed.get(key)
            if days_to is None:
                days_to = elapsed[key] = max(0, days_between(day, best))
            tracks[source].days_to_strong.append(days_to)

    unverified_value = Status.UNVERIFIED.value
    backlog = [AgeBucket(label, low, high) for label, low, high in AGE_BUCKETS]
    today_iso = as_of.isoformat()
    bucket_of: dict = {}  # claim day -> its backlog bucket's list
    for claim, day, status in zip(chosen, days, statuses):
        if status == unverified_value:
            claims_list = bucket_of.get(day)
            if claims_list is None:
                claims_list = bucket_of[day] = backlog[age_bucket(days_between(day, today_iso))].claims
            claims_list.append(claim)

    made_by_day = Counter(days)
    counts = Counter(status_of.values())
    timeline = [(day, made_by_day.get(day, 0), strong_by_day.get(day, 0))
                for day in sorted(set(made_by_day) | set(strong_by_day))]
    if transitions is not None:  # (None: not counted, see slim_report)
        transitions = sorted(((before, after, n) for (before, after), n in transitions.items()),
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
        sources=sorted(tracks.values(), key=lambda t: (-t.made, alphabetical(t.source))),
        contested=contested,
        backlog=backlog,
        timeline=timeline,
        first_strong=first_strong,
    )


_SOURCE, _CLAIMED_ON = itemgetter("source"), itemgetter("claimed_on")


def so_far(report: Report) -> date | None:
    """The day a period ending on a day to come (`--until` is let be one) is counted to, today; None
    when it has ended, or is open."""
    until = report.period.until
    return report.as_of if until is not None and until > report.as_of else None


def period_title(report: Report) -> str:
    """The period as a report's title says it: "2026-12-01 to 2030-01-01 (so far: 2026-12-06)" for
    one that has not ended (its "At end" is today)."""
    counted_to = so_far(report)
    return report.period.describe() + (f" (so far: {counted_to.isoformat()})" if counted_to else "")


def contested_heading(report: Report) -> str:
    """The contested section's heading: in a bounded report it lists the claims made in the period
    only (an empty one is no all-clear)."""
    made = " made in the period" if report.period.bounded else ""
    return f"Contested claims{made} ({len(report.contested)})"


def no_contested(report: Report, claims: str = "claims") -> str:
    """(`claims`: how the command it names calls claims, with the --db given on a terminal)"""
    if report.period.bounded:
        return f"No contested claims made in the period; `{claims} contested` lists every one."
    return "No contested claims."


def backlog_note(report: Report, claims: str = "claims") -> str | None:
    """What a bounded report's backlog is of (None: all time, the whole backlog; `claims`: as
    `no_contested`'s)."""
    if report.period.bounded:
        return f"Of the claims made in the period; `{claims} unverified` lists the whole backlog."
    return None


def recorded_after_note(report: Report) -> str | None:
    """Why a period's status changes may miss its own claims: the ledger recorded some after the
    period ended (a back-fill, an import), and it counts a claim's status from when it was recorded."""
    if not report.recorded_after:
        return None
    if report.total == 1:
        which = "The claim made in the period was"
    elif report.recorded_after == report.total:
        which = f"All {report.total} claims made in the period were"
    else:
        verb = "was" if report.recorded_after == 1 else "were"
        which = f"{report.recorded_after} of the {report.total} claims made in the period {verb}"
    return (f"{which} recorded after it ended (imported or entered later): the ledger counts a claim's status "
            "from when it was recorded.")


# Whose status changes every format counts: every claim of the ledger (from the history), not
# only the claims made in the period, shown above them
CHANGES_OF = "every claim, whenever made"
STATUS_CHANGES = f"Status changes in the period ({CHANGES_OF})"


# What a colleague who has only the document needs to read its statuses (the rule of
# verification.py and the README's "The verification rule", in short) and an export's grades:
# said under the summary of every Markdown and HTML document, in the same words.
STATUS_LEGEND = (
    "How a status is computed: each piece of evidence not withdrawn counts as strong or weak, by its source's "
    "side. Support is strong from an independent source or, for a claim by a party to the war, from the opposing "
    "party; a dispute is strong from an independent source or from the claimant's own side. Any other is weak, and "
    "so is all evidence from the claimant itself or from a source of unknown side; inconclusive evidence counts "
    "for nothing.",
    "Confirmed: strong support, no dispute. Contested: only weak disputes, whatever the support, or strong support "
    "and a strong dispute. Refuted: a strong dispute, no strong support. Unverified: no strong support and no "
    "dispute yet.",
    # (not the table's * mark: a document with no table of claims, the Markdown export, marks none;
    # a table that marks one says so under it)
    "An analyst's assessment overrides the computed status and is then the status in force; an export gives "
    "its computed status beside it.",
)
GRADE_LEGEND = ("The letter after a source's name is the desk's grade of that source's reliability, on the "
                "Admiralty scale: " + ", ".join(f"{letter} {words}" for letter, words in GRADES.items())
                + ". The rule does not read it.")


def no_claims_made(in_period: bool) -> str:
    """What a report's track record and charts say without a claim made in its period (it may have
    status changes, of claims made before it); an export's, without a claim."""
    return "No claims made in the period." if in_period else "No claims."


def percent(value: float, whole: int | None = None) -> str:
    """34.56 -> '35%'; shares are shown to the whole percent (`whole`, when a row's shares were
    rounded together: `shares_shown`), else a half rounded up as a reader would (12.5 -> '13%':
    formatting rounds half to even, '12%'); one short of all or none never reads as all or none
    (199 of 200: '>99%', 1 of 300: '<1%'). Shares are never negative."""
    if whole is None:
        whole = int(value + 0.5)
    if whole == 100 and value < 100:
        return ">99%"
    if whole == 0 and value > 0:
        return "<1%"
    return f"{whole}%"


def shares_shown(counts: dict[str, int]) -> dict[str, str]:
    """Each count's share of their sum as `percent` shows it, the whole percents of a row adding
    up to 100 where they can (a reader adds them: 3, 3, 1 and 1 of 8 each rounded alone read 38 38
    13 13). Each share is rounded down or up, equal counts alike (they always read alike) and a
    larger count never below a smaller; of the choices, the one nearest 100 in all, then the
    nearest each to its share, then raising the larger counts: three thirds read 33% each (99).
    '—' for each when nothing is shared."""
    total = sum(counts.values())
    if not total:
        return {key: "—" for key in counts}
    exact = {key: 100 * count / total for key, count in counts.items()}
    whole = {key: int(value) for key, value in exact.items()}
    left = 100 - sum(whole.values())
    alike: dict[int, list[str]] = {}  # count -> its keys (equal counts: equal shares)
    for key in counts:
        if exact[key] > whole[key]:  # (a whole share is already exact)
            alike.setdefault(counts[key], []).append(key)
    groups = list(alike.items())

    def weighed(chosen: tuple) -> tuple:  # (a handful of groups at most: every choice is weighed)
        raised = sum(len(keys) for (_, keys), up in zip(groups, chosen) if up)
        error = sum(len(keys) * abs(whole[keys[0]] + up - exact[keys[0]]) for (_, keys), up in zip(groups, chosen))
        return abs(raised - left), round(error, 9), -sum(count for (count, _), up in zip(groups, chosen) if up)

    def in_order(chosen: tuple) -> bool:  # (a larger count never reads less: 35 beside two 34s read 16 17 17)
        shown = sorted(((count, whole[keys[0]] + up) for (count, keys), up in zip(groups, chosen)), reverse=True)
        return all(larger[1] >= smaller[1] for larger, smaller in zip(shown, shown[1:]))

    best = min(filter(in_order, product((0, 1), repeat=len(groups))), key=weighed)  # (none raised is in order)
    for (_, keys), up in zip(groups, best):
        for key in keys:
            whole[key] += up
    return {key: percent(exact[key], whole[key]) for key in counts}


def days_zone_of(report: Report) -> str:
    """The time zone of a report's days (its period, its ages), as `dates.days_zone` says it: each
    offset its days were read in, a clock change inside them too."""
    from .dates import days_zone

    days, how = _zone_days(report)
    return days_zone(days, **how)


def utc_offsets_of(report: Report) -> list[str]:
    """The offsets alone of `days_zone_of` (`dates.days_offsets`), for a script."""
    from .dates import days_offsets

    days, how = _zone_days(report)
    return days_offsets(days, **how)


def _zone_days(report: Report) -> tuple[list[date], dict]:
    """The days `days_zone_of` reads, and how (`span`: a period's ends first)."""
    from .dates import EARLIEST_DAY, latest_day

    since, until = report.period.since, report.period.until
    if since is None and report.claims:  # (all time: from the first claim's day)
        since = _day(min(claim["claimed_on"] for claim in report.claims))
    # (the days a claim, its evidence or its history can have: --until 9999-12-31 read 8,000 years
    # of clock changes, a second and more)
    end = min(until or report.as_of, latest_day(report.as_of))
    if since is not None:
        since = max(since, EARLIEST_DAY)
    if since is not None and since <= end:  # (every day: a clock change inside it too)
        return [since, end, report.as_of], {"span": True}
    return [day for day in (until, report.as_of) if day is not None], {}


def report_record(report: Report) -> dict:
    """The report as data (`report --format json`): the numbers each of its tables shows, for a
    script. Track records give counts (shares are each over `claims`), by status in force."""
    period = report.period
    return {
        "period": {"since": period.since.isoformat() if period.since else None,
                   "until": period.until.isoformat() if period.until else None,
                   "so_far": counted_to.isoformat() if (counted_to := so_far(report)) else None},
        "as_of": report.as_of.isoformat(),
        "time_zone": days_zone_of(report),  # (of every day here: a desk elsewhere counts otherwise)
        "utc_offsets": utc_offsets_of(report),  # (the same, for a script to compare)
        "claims": report.total,
        "recorded_after": report.recorded_after,
        "by_status": {status: report.status_counts.get(status, 0) for status in STATUSES},
        "status_changes": {
            "at_start": {status: report.ledger_start.get(status, 0) for status in STATUSES},
            "at_end": {status: report.ledger_end.get(status, 0) for status in STATUSES},
            "transitions": None if report.transitions is None else [
                {"from": before, "to": after, "changes": count} for before, after, count in report.transitions],
        },
        "track_record": [
            {"source": track.source, "side": track.side, "claims": track.made,
             **{status: track.counts.get(status, 0) for status in STATUSES},
             # (always a float: a script reading its type sees one kind, 2.0 as 2.5)
             "median_days_to_strong_support": None if track.median_days is None else float(track.median_days),
             "median_days_to_strong_support_over": track.median_over}
            for track in report.sources],
        # (whether it is contested on the analyst's word, and the rule's, as the tables' * and legend say)
        "contested": [{"id": claim["id"], "claimed_on": claim["claimed_on"], "source": claim["source"],
                       "text": claim.get("text"), "computed_status": claim.get("computed_status"),
                       "assessed": bool(claim.get("assessment"))} for claim in report.contested],
        "backlog": [{"age": bucket.label, "min_days": bucket.low, "max_days": bucket.high, "claims": len(bucket.claims),
                     "oldest": {"id": bucket.claims[0]["id"], "claimed_on": bucket.claims[0]["claimed_on"]}
                     if bucket.claims else None} for bucket in report.backlog],
    }


def days_text(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def median_days_text(track: SourceTrack) -> str:
    """A track record's median days with, in brackets, how many claims it is over: '5.5 (2)'."""
    return "—" if track.median_days is None else f"{days_text(track.median_days)} ({track.median_over})"


def signed(change: int) -> str:
    """+3, -2, and 0 without a sign."""
    return f"{change:+d}" if change else "0"
