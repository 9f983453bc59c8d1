"""What analysts do to the ledger: add, edit, delete and restore claims, record evidence and
assessments, manage sources. Every change is validated, re-evaluated and written to the claim's
history in one store transaction.

Works against the store's public methods only (no TinyDB, Typer or Rich), so a server-backed store
can serve the same functions. Each function returns the changed claim (or source).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, Callable

from .dates import (
    EARLIEST_DAY, latest_day, latest_event_day, latest_stamp, parse_date, parse_iso_date, stamp_after, utc_now,
)
from .errors import ClaimsError, DuplicateClaim, InvalidValue, NotFound, StoredValueInvalid, StoreError, shown
from .models import (
    EDITABLE_FIELDS, GRADES, MAX_NAME, MAX_NOTE, PARTIES, EvidenceKind, Source, SourceKind, Stance, Status, build_claim, category_suggestions,
    clean_enum, clean_slug, clean_text, clean_url, duplicate_key, evidence_number, format_evidence_id,
    check_date_kind, equal_refs, is_utc_stamp, link_key, live_evidence, lookalike_tag, make_source, normalise_text,
    page_key, place_key, refuse_empty_statement, one_spaced, refuse_unfit_name, same_place_key, same_region_key,
    source_key, split_tags, stamp_key, tag_key, unknown_stance, unknown_stance_said, written_alike,
)
from .patterns import LazyPattern
from .plain import and_listed, counted, possessive, shell_arguments, shell_quoted, withdrawn_line
from .verification import STRONG, evaluate, involves, refresh_status, same_source, weigh


NO_ANALYST = "unknown"  # who a change is recorded as made by when no analyst can be found (`default_analyst`)


def default_analyst() -> str:
    """$CLAIMS_ANALYST, else the login name, else NO_ANALYST (`found_analyst` is None): a cron job
    or a container with no login name is not refused; the command says so (`context.analyst`)."""
    found = found_analyst()
    return NO_ANALYST if found is None else found


def found_analyst() -> str | None:
    """$CLAIMS_ANALYST, else the login name; None when there is neither (a container run with
    --user UID and no passwd entry, a cron account without one)."""
    name = os.environ.get("CLAIMS_ANALYST")
    if name:
        return name
    import getpass  # (here: CLAIMS_ANALYST or --analyst usually says who it is)

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers (KeyError, or OSError from Python 3.13)
        return None


def history_entry(action: str, analyst: str, before: str | None, after: str | None,
                  changes: dict | None = None, detail: str | None = None, at: str | None = None, *,
                  clock: str | None = None) -> dict:
    """A claim's history entry. `clock`: this machine's time when `at` is a `next_stamp` of it, kept
    as the entry's `clock_at` if the stamp moved far past it (`kept_clock`)."""
    entry: dict[str, Any] = {
        "at": at or utc_now(),
        "analyst": analyst,
        "action": action,
        "status_before": before,
        "status_after": after,
    }
    if changes:
        entry["changes"] = changes
    if detail:
        entry["detail"] = detail
    return entry if clock is None else kept_clock(entry, clock)


# How far past this machine's clock a change may be stamped (`next_stamp`, to follow a history
# that runs ahead of it) before its entry keeps that clock's time too (`kept_clock`)
CLOCK_KEPT_AFTER = timedelta(minutes=1)


def kept_clock(entry: dict, clock: str) -> dict:
    """`entry`, stamped at `next_stamp` of `clock` (this machine's time), given `"clock_at": clock`
    when that stamp is more than CLOCK_KEPT_AFTER after it: the change follows an entry made on a
    clock that ran ahead, and its real time, kept, is what doctor tells to set it to once the
    clock that ran ahead is found out. (Evidence's `recorded_at` and an assessment's `at`, stamped
    with the same change, are its entry's.)"""
    at = entry["at"]
    if at > clock and at > stamp_after(clock, CLOCK_KEPT_AFTER):  # (most changes: one comparison)
        entry["clock_at"] = clock
    return entry


def next_stamp(history: list, now: str, *, after: object = None) -> str:
    """The time of a new history entry: `now`, or a second after the last entry's time (or `after`,
    another time the change must follow: the claim's assessment's) if that is later, so the history
    stays in time order (the report reads it so), `updated_at` is its last entry, and an import that
    weighs two changes made here one after another finds the second later (a tie keeps the one it
    has). A day ahead is another desk's clock running ahead (an import takes its times); further
    ahead, this clock is behind or that time is wrong (a clock that ran ahead, a hand edit): which,
    one time cannot say, so the change follows it all the same, and the command says so
    (`clock_behind_said`; doctor names a time in the future)."""
    last = history[-1].get("at") if history and type(history[-1]) is dict else None
    ahead = [stamp for stamp in (last, after) if type(stamp) is str and stamp > now and is_utc_stamp(stamp)]
    if not ahead:
        return now  # (most changes follow entries of this clock: no date to work out; a damaged time is not carried on)
    latest, followed = latest_stamp(now), max(ahead)
    after_it = stamp_after(followed, timedelta(seconds=1))
    return min(after_it, latest) if followed <= latest else after_it


def clock_behind_said(claims, now: str, sources=()) -> tuple[str, str] | None:
    """(the warning, its hint) when a change just made to `claims`, or to `sources` (each its name
    and history), was stamped more than a day after `now`, this machine's clock, to follow the
    history it ends (`next_stamp`); else None. Said once for them all: a rename changes a source
    and its claims, an import many of each."""
    histories = [(f"source {name}", history) for name, history in sources]  # (said first: the change was made to them)
    histories += [(claim["id"], claim.get("history")) for claim in claims]
    latest = None
    ahead = []
    for name, history in histories:
        stamp = history[-1].get("at") if history and type(history[-1]) is dict else None
        if type(stamp) is str and stamp > now:  # (most claims: one comparison)
            latest = latest or latest_stamp(now)
            if stamp > latest:
                ahead.append((name, stamp))
    if not ahead:
        return None
    (first, stamp), others = ahead[0], ahead[1:]
    of_source = first.startswith("source ")  # (then the others are sources, then claims)
    other_sources = sum(name.startswith("source ") for name, _ in others)
    said_others = [counted(number, noun) for number, noun in (
        (other_sources, "other source"), (len(others) - other_sources, "claim" if of_source else "other claim"))
        if number]
    whose = f"{possessive(first)} history" if not others else f"the history of {and_listed([first, *said_others])}"
    recorded = f"the change is recorded at {_utc_said(stamp)}, a second after its last change" if not others else \
        f"{possessive(first)} change is recorded at {_utc_said(stamp)}, each a second after " \
        f"{'its history' if of_source else 'its claim'}'s last change"
    return (f"this machine's clock ({_utc_said(now)}) is {_behind_said(now, stamp)} behind {whose}: "
            f"{recorded}, to keep the history in time order",
            f"Set the clock right (`date -u` shows it); if {possessive(first)} last time is the wrong one (a clock that "
            "ran ahead, a hand edit), `claims doctor` names it.")


def _behind_said(now: str, stamp: str) -> str:
    """How far `now` is behind `stamp` (more than a day), to the nearest hour: "3 days", "2 days 23
    hours". (Whole days counted down said a clock almost 3 days behind was 2 days behind.)"""
    # (a half hour up, always: round() sends it to the even hour, 24 h 30 min "1 day", 25 h 30 min "1 day 2 hours")
    hours = int((datetime.fromisoformat(stamp[:19]) - datetime.fromisoformat(now[:19])).total_seconds() + 1800) // 3600
    days, hours = divmod(hours, 24)
    return f"{days:,} {'day' if days == 1 else 'days'}" + (f" {counted(hours, 'hour')}" if hours else "")


def _utc_said(stamp: str) -> str:
    """2026-12-07 11:20:01 UTC, of a utc_now-style stamp."""
    return f"{stamp[:19].replace('T', ' ')} UTC"


def new_claim_record(fields: dict, registry, categories, analyst: str, *, now: str | None = None,
                     action: str = "created") -> dict:
    """A complete, validated claim record (without an ID) with its first history entry."""
    record = build_claim(fields, registry, categories)
    now = now or utc_now()
    record.update({
        "status": Status.UNVERIFIED.value,
        "computed_status": Status.UNVERIFIED.value,
        "assessment": None,
        "evidence": [],
        "history": [],
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
    })
    refresh_status(record, registry)
    record["history"].append(history_entry(action, analyst, None, record["status"], at=now))
    return record


def find_duplicate(store, record: dict, *, exclude_id: str | None = None, deleted: bool = False,
                   by_content: bool = True, by_ref: bool = True, twins: list | None = None) -> dict | None:
    """An existing live claim (or, with `deleted`, a deleted one when no live one is) with the same
    source, date, place and normalised text (`by_content`), or with the same ref (`by_ref`: your
    own ID for one claim, by which an import finds it; `duplicate_reason` says which). `twins`, if
    given, gets the live claims that may be `record` with its place written otherwise: the same
    source, date and statement, a place `same_place_key` takes for this one's (Siversk, Сіверськ);
    found in the same pass, all of them when no duplicate is."""
    found = None
    for claim in alike_claims(store, record, exclude_id=exclude_id, deleted=deleted, by_content=by_content,
                              by_ref=by_ref, twins=twins):
        if not claim.get("deleted_at"):
            return claim
        found = found or claim
    return found


def alike_claims(store, record: dict, *, exclude_id: str | None = None, deleted: bool = False,
                 by_content: bool = True, by_ref: bool = True, twins: list | None = None):
    """Each claim, in file order, that `find_duplicate` weighs as a duplicate of `record`: live
    ones, and with `deleted` deleted ones too (`twins`: as `find_duplicate`'s, with `by_content`)."""
    key = duplicate_key(record)
    ref = record.get("ref") if by_ref else None
    # (a twin's place is another writing of this one's: none without a place)
    alike_place = same_place_key(record.get("place")) if twins is not None and by_content and key[2] else ""
    for claim in store.claims(include_deleted=deleted):
        same_ref = bool(ref) and equal_refs(claim.get("ref"), ref)
        # (cheap equality checks first: normalising the text of every claim would be slow)
        same_content = False
        if by_content and claim["source"] == key[0] and claim["claimed_on"] == key[1]:
            theirs = duplicate_key(claim)
            same_content = theirs == key
            if alike_place and not same_content and theirs[3] == key[3] and theirs[2] and \
                    not claim.get("deleted_at") and claim["id"] != exclude_id and \
                    same_place_key(claim.get("place")) == alike_place and not regions_differ(record, claim):
                twins.append(claim)  # type: ignore[union-attr]
        if (same_ref or same_content) and claim["id"] != exclude_id:
            yield claim


def same_ref(record: dict, existing: dict, *, ref_only: bool = False) -> bool:
    """`find_duplicate` found `existing` for `record` by its ref, not its content (`ref_only`: it
    looked for the ref alone)."""
    return equal_refs(record.get("ref"), existing.get("ref")) and (
        ref_only or duplicate_key(existing) != duplicate_key(record))


def duplicate_reason(record: dict, existing: dict, *, edited: bool = False, ref_only: bool = False) -> str:
    """Why `find_duplicate` found `existing` for `record` (an `edited` claim's), as an error says it."""
    deleted = ", which is deleted" if existing.get("deleted_at") else ""
    if same_ref(record, existing, ref_only=ref_only):
        return f"ref {shown(record['ref'])} is already {existing['id']}'s{deleted}"
    if edited:
        region = _other_region(record, existing)
        return f"the edited claim would duplicate {existing['id']}{f' ({region})' if region else ''}{deleted}"
    outlet = existing.get("outlet")  # (another channel under one source: a repost, or a second claimant)
    whose = f" (outlet {shown(outlet)})" if outlet and outlet != record.get("outlet") else ""
    region = _other_region(record, existing)
    if region:
        whose = f"{whose[:-1]}; {region})" if whose else f" ({region})"
    return f"this claim is already recorded as {existing['id']}{whose}{deleted}"


def _other_region(record: dict, existing: dict) -> str:
    """"its region 'Donetsk Oblast', this one's 'Kharkiv Oblast'" where both are given and keyed
    otherwise, else "": two places of one name (Ukraine has dozens of Novoselivka), or one written
    two ways, for the analyst to tell (a sheet's correction re-imported stays one claim)."""
    theirs, ours = existing.get("region"), record.get("region")
    if type(theirs) is str and type(ours) is str and theirs.strip() and ours.strip() and \
            not _one_region(place_key(theirs), place_key(ours)):
        return f"its region {shown(theirs)}, this one's {shown(ours)}"
    return ""


def regions_differ(record: dict, existing: dict) -> bool:
    """Both give a region, and neither the words (`_other_region`) nor a listing's reading of two
    writings (`same_region_key`: Donetsk and Донецька область, Kharkiv and Харківська область) take
    them for one: two places, whatever their names (Pervomaisk in Luhansk, Pervomaiskyi in Kharkiv)."""
    return bool(_other_region(record, existing)) and \
        same_region_key(record.get("region")) != same_region_key(existing.get("region"))


def _one_region(one: str, other: str) -> bool:
    """Whether two region keys may be one region written two ways, as far as words tell: each word
    of the one with fewer the start of its fellow in a run of the other's, or it of that word's
    ("Donetsk" and "Donetsk Oblast", "Donetska oblast", "donetsk obl."). Names in two alphabets are
    not compared (no transliteration here): "Донецька область" is said beside "Donetsk"."""
    if one == other:
        return True
    shorter, longer = sorted((one.replace(".", " ").split(), other.replace(".", " ").split()), key=len)
    return any(all(word.startswith(start) or start.startswith(word) for start, word in zip(shorter, longer[at:]))
               for at in range(len(longer) - len(shorter) + 1))


_REF_HINT = "A ref is your own ID for one claim: give another, or use --force to give it to this one too."


def _second_post_hint(record: dict, existing: dict) -> str:
    """The hint of `add` refused as a duplicate of the live claim `existing`: most often another
    channel's post of that claim, whose link belongs on it (a second claim counts it twice), so
    that first, the command with the links --url gave that the claim lacks (compared as `page_key`
    compares them, as the evidence warnings read one page's writings); --force after, for a claim
    of its own."""
    force = "use --force only for a separate claim."
    held = {page_key(link) for link in existing.get("urls") or () if type(link) is str}
    given = [link for link in record.get("urls") or () if page_key(link) not in held]
    if record.get("urls") and not given:
        return f"{existing['id']} has that link already; {force}"
    if not given:
        return (f"If this is another outlet's post of that claim, add its link there with `claims edit "
                f"{existing['id']} --add-url URL`; {force}")
    adding = " ".join(f"--add-url {shell_quoted(link)}" for link in given)
    return f"If this is another outlet's post of that claim, add its link there: `claims edit {existing['id']} {adding}`; {force}"


def add_claim(store, fields: dict, analyst: str, *, force: bool = False, twins: list | None = None) -> dict:
    """Record a claim, refused as a duplicate unless `force`; `twins`, if given, gets the live claims
    it may repeat at its place written otherwise (`find_duplicate`: not looked for with `force`)."""
    with store.transaction():
        record = new_claim_record(fields, store.registry(), store.categories(), analyst)
        refuse_empty_statement(record["text"])
        if not force:  # (a deleted claim counts too, as it does for an import)
            existing = find_duplicate(store, record, deleted=True, twins=twins)
            if existing is not None:
                deleted = existing.get("deleted_at")
                raise DuplicateClaim(
                    duplicate_reason(record, existing),
                    existing["id"], hint=_REF_HINT if same_ref(record, existing) else
                    f"Bring it back with `claims restore {existing['id']}`, or use --force to record it again."
                    if deleted else "If they are two places of one name, use --force to record it too (and give "
                                    "each a ref for imports)." if _other_region(record, existing) else
                    _second_post_hint(record, existing))
        (added,) = store.add_claims([record])
        return added


def change_stamp(claim: dict) -> str:
    """The time of a change to `claim` now, as its history entry will have it (`next_stamp`): what
    the change stamps itself with too (an assessment's `at`, an evidence item's `recorded_at`), so an
    import weighs it as its history places it."""
    return next_stamp(claim["history"], utc_now(), after=assessed_at(claim))


def assessed_at(claim: dict) -> object:
    """When the claim's assessment was made (None without one): a change after it is stamped later."""
    assessment = claim.get("assessment")
    return assessment.get("at") if type(assessment) is dict else None


def rule_moved(claim: dict, computed_before: str | None) -> str | None:
    """'the rule: confirmed → unverified' when the claim, re-evaluated, is assessed and the rule's
    verdict moved under the assessment: a history entry's status pair is then the assessment's,
    and when the verdict moved is what `list --overridden` asks an analyst to look at."""
    after = claim.get("computed_status")
    if claim.get("assessment") and computed_before and after != computed_before:
        return f"the rule: {computed_before} → {after}"
    return None


def _touch(claim: dict, registry, action: str, analyst: str, *, changes: dict | None = None,
           detail: str | None = None, now: str | None = None) -> dict:
    """Re-evaluate the claim and append one history entry for the change just made (at `now`, a
    `change_stamp` the change was stamped with, else one made here)."""
    odd = unknown_stance(claim)
    if odd is not None:  # (a hand edit's 'support': the change would store the claim rated without it, unsaid)
        raise StoreError(unknown_stance_said(claim, odd),
                         hint="Mend it in the file (supports, disputes or inconclusive); `claims doctor` names it.")
    before, computed = claim["status"], claim.get("computed_status")
    refresh_status(claim, registry)
    moved = rule_moved(claim, computed)
    if moved:
        detail = f"{detail}; {moved}" if detail else moved
    now = now or change_stamp(claim)
    claim["updated_at"] = now
    claim["history"].append(history_entry(action, analyst, before, claim["status"], changes, detail, now,
                                          clock=utc_now()))
    return claim


def edit_claim(store, claim_id: str, changes: dict, analyst: str, *, force: bool = False,
               add_tags=(), remove_tags=(), add_urls=(), remove_urls=(), twins: list | None = None) -> dict:
    """Apply field changes ({field: new value}; None or '' clears an optional field); `Unchanged`
    if the claim has them all already.

    `add_tags`, `remove_tags` (any case), `add_urls` and `remove_urls` apply to the claim as it
    stands inside the transaction, so an edit another writer made meanwhile is kept, not
    overwritten. A tag or link to remove that the claim does not have is an error (a typo would
    otherwise change nothing, silently). `twins`, if given, gets the live claims the edited one may
    repeat at its place written otherwise (`find_duplicate`), when the duplicate check runs: without
    `force`, of an edit to its statement, source, date or place.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidValue(f"cannot edit {', '.join(sorted(unknown))}")
    with store.transaction():
        claim = store.get_claim(claim_id)
        merged = _stored_fields(claim)
        merged.update(changes)
        # What the edit removes goes first, then what it adds: a tag or link removed and added again
        # (`--remove-tag Kupiansk --add-tag kupiansk`, to mend its case) is kept, not lost.
        if add_tags or remove_tags:  # (on the tags as clean_tags reads them: "a;b" is a and b)
            removing = {tag_key(str(part)) for tag in remove_tags for part in split_tags(tag)}

            def parts(tags: Any) -> list:
                return [part for tag in (tags if isinstance(tags, list) else [tags] if tags else ())
                        for part in split_tags(tag)]

            tags = parts(merged.get("tags"))  # (--tag's, if given: what it replaces may be named too)
            having = {tag_key(str(tag)) for tag in [*parts(claim.get("tags")), *tags]}
            missing = [part.strip() for tag in remove_tags for part in split_tags(tag)
                       if tag_key(str(part)) not in having]  # (named as typed)
            if missing:
                hint = f"`claims show {claim['id']}` lists its tags."
                # (Київщинa with a Latin a, of a claim tagged Київщина: on screen the two are one tag)
                alike = lookalike_tag(missing[0], [*parts(claim.get("tags")), *tags])
                if alike is not None:
                    hint = f"Did you mean {shown(alike[0])}{alike[2]}? {hint}"
                raise NotFound(f"{shown(missing[0])} is not a tag of {claim['id']}"
                               + (f" ({alike[1]})" if alike is not None else ""), hint=hint)
            merged["tags"] = [*(tag for tag in tags if tag_key(str(tag)) not in removing), *parts(list(add_tags))]
        if add_urls or remove_urls:
            # (a link written another way, as --add-url compares it, is that link: removed, and
            # not added again while the claim keeps it)
            removing = {link_key(str(link).strip()) for link in remove_urls}
            kept = [link for link in merged.get("urls") or () if link_key(str(link).strip()) not in removing]
            having = {link_key(link) for link in kept}
            stored = claim.get("urls") if isinstance(claim.get("urls"), list) else []
            held = {link_key(str(link).strip()) for link in [*stored, *(merged.get("urls") or ())]}
            missing = sorted(str(link).strip() for link in remove_urls if link_key(str(link).strip()) not in held)
            if missing:
                raise NotFound(f"{shown(missing[0])} is not a link of {claim['id']}",
                               hint=f"`claims show {claim['id']}` lists its links.")
            merged["urls"] = [*kept, *(link for link in add_urls if link_key(str(link).strip()) not in having)]
        try:
            cleaned = build_claim(merged, store.registry(), store.categories())
        except InvalidValue as err:
            raise _as_stored(err, claim, changes, store) from None
        if "text" in changes and cleaned["text"] != claim.get("text"):  # (an imported one, kept, is not new)
            refuse_empty_statement(cleaned["text"])
        stored_tags = claim.get("tags")
        if isinstance(stored_tags, list) and all(type(tag) is str for tag in stored_tags) and (
                set(stored_tags) == set(cleaned["tags"]) or "tags" not in changes and not (add_tags or remove_tags) and
                {tag_key(tag) for tag in stored_tags} == {tag_key(tag) for tag in cleaned["tags"]}):
            # (as stored: the same tags in another order, or taken out and put back, and, where the
            # edit names no tag, an older one's "Chasiv  Yar", are no change an edit made; a tag's
            # case mended, `--remove-tag Kupiansk --add-tag kupiansk`, is one)
            cleaned["tags"] = claim["tags"]
        # The links as stored, in another order or written otherwise (link_key), are no change (two
        # writings of one link stay two, as add keeps them: one of them named is both)
        stored_urls = claim.get("urls")
        if isinstance(stored_urls, list) and all(type(link) is str for link in stored_urls) and \
                sorted(link_key(link) for link in stored_urls) == sorted(link_key(link) for link in cleaned["urls"]):
            cleaned["urls"] = claim["urls"]
        diff = {name: [claim.get(name), cleaned[name]] for name in EDITABLE_FIELDS
                if claim.get(name) != cleaned[name]}
        if not diff:
            raise Unchanged(claim)
        claim.update(cleaned)
        content, ref = bool({"text", "source", "claimed_on", "place"} & set(diff)), "ref" in diff
        if not force and (content or ref):  # (as add; of what the edit changes)
            existing = find_duplicate(store, claim, exclude_id=claim["id"], deleted=True, by_content=content,
                                      by_ref=ref, twins=twins)
            if existing is not None:
                ref_only = not content
                raise DuplicateClaim(duplicate_reason(claim, existing, edited=True, ref_only=ref_only), existing["id"],
                                     hint=_REF_HINT if same_ref(claim, existing, ref_only=ref_only)
                                     else "If they are two places of one name, use --force to keep both (and give each "
                                          "a ref for imports)." if _other_region(claim, existing)
                                     else "Use --force to keep both.")
        _touch(claim, store.registry(), "edited", analyst, changes=diff)
        store.save_claims([claim])
        return claim


def _stored_fields(claim: dict) -> dict:
    """The claim's editable fields, for build_claim. A stored YYYY-MM-DD day up to tomorrow is
    given as a date, which build_claim takes as it is: a claim recorded where the day had begun
    earlier (a desk east of here) stays editable, as doctor allows. Any other value is left for
    build_claim to check (a later day is in the future)."""
    fields = {name: claim.get(name) for name in EDITABLE_FIELDS}
    for name, latest in (("claimed_on", latest_day()), ("event_on", latest_event_day())):
        value = fields[name]
        day = parse_iso_date(value) if isinstance(value, str) and len(value) == 10 else None
        if day is not None and day <= latest:
            fields[name] = day
    return fields


def _field_of(err: InvalidValue) -> str | None:
    return "urls" if err.field == "url" else err.field  # (clean_url names one link "url")


def _as_stored(err: InvalidValue, claim: dict, changes: dict, store) -> InvalidValue:
    """`err` as StoredValueInvalid when the claim's stored value of a field not given is what
    fails (a hand edit put it there), else `err` itself: the stored fields alone are validated
    again to tell."""
    field = _field_of(err)
    if field not in EDITABLE_FIELDS or field in changes or (field in ("lat", "lon") and "lat" in changes):
        return err
    try:
        build_claim(_stored_fields(claim), store.registry(), store.categories())
    except InvalidValue as found:
        if _field_of(found) == field:
            return StoredValueInvalid(f"the stored {field} of {claim['id']} is not valid: {found.message}",
                                      field=field)
    return err


def clean_reason(reason: str | None) -> str | None:
    """Why a change was made (`evidence remove`, `delete`, `restore` --reason), checked as a note is."""
    return clean_text(reason, "reason", multiline=True, limit=MAX_NOTE)


def delete_claim(store, claim_id: str, analyst: str, reason: str | None = None, *,
                 seen: tuple | None = None) -> dict:
    """Delete a claim; `reason` is its history entry's detail, as a withdrawal's is. `seen`: the
    claim as the analyst was asked about it (`claim_seen`): if it changed since, nothing is done."""
    reason = clean_reason(reason)
    with store.transaction():
        claim = store.get_claim(claim_id, include_deleted=True)
        if claim.get("deleted_at"):
            raise NotFound(f"claim {claim['id']} is already deleted", hint=f"`claims restore {claim['id']}` brings it back.")
        if seen is not None and claim_seen(claim) != seen:  # (another writer's change, made while the question waited)
            raise ClaimsError(f"{claim['id']} changed while you were asked ({_changed_said(claim, seen)}): "
                             "nothing was deleted",
                             hint=f"Run `claims delete {claim['id']}` again to be asked about it as it is now.")
        claim["deleted_at"] = now = change_stamp(claim)
        _touch(claim, store.registry(), "deleted", analyst, detail=reason, now=now)
        store.save_claims([claim])
        return claim


def claim_seen(claim: dict) -> tuple:
    """What tells a claim as an analyst was asked about it from the claim after another change: its
    last change's time, its status, and its number of changes (two in one second share a time)."""
    history = claim.get("history")
    return claim.get("updated_at"), claim.get("status"), len(history) if type(history) is list else None


def _changed_said(claim: dict, seen: tuple) -> str:
    """How `claim` changed since it was `seen`: "now confirmed", or its last change with the
    status it kept ("edited, still unverified")."""
    if claim.get("status") != seen[1]:
        return f"now {claim.get('status')}"
    history = claim.get("history")
    last = history[-1] if type(history) is list and history and type(history[-1]) is dict else {}
    action = last.get("action")
    return f"{action if type(action) is str and action else 'changed'}, still {claim.get('status')}"


def restore_claim(store, claim_id: str, analyst: str, *, force: bool = False,
                  reason: str | None = None) -> tuple[dict, list[dict]]:
    """Bring back a deleted claim; returns it and the live claims it duplicates or shares its ref
    with (recorded again while it was deleted, or its ref given away). Any such claim refuses it,
    every one named at once (fixing one, to learn of the next, took a restore each), unless `force`
    (the caller then warns of them: `forced_restore_said`). `reason` is its history entry's detail."""
    reason = clean_reason(reason)
    with store.transaction():
        claim = store.get_claim(claim_id, include_deleted=True)
        if not claim.get("deleted_at"):
            raise InvalidValue(f"claim {claim['id']} is not deleted")
        live = list(alike_claims(store, claim, exclude_id=claim["id"]))
        if live and not force:
            raise DuplicateClaim(restore_clash(claim, live), live[0]["id"],
                                 hint="Use --force to restore it all the same.")
        claim["deleted_at"] = None
        # (forced: the claims it clashes with, as the warning names them, kept in the trail too)
        detail = "; ".join(filter(None, (reason, forced_restore_said(claim, live) if live else None)))
        _touch(claim, store.registry(), "restored", analyst, detail=detail)
        store.save_claims([claim])
        return claim, live


def forced_restore_said(claim: dict, live: list[dict]) -> str:
    """What `restore --force` of `claim` clashed with, restored all the same: its warning, and its
    history entry's detail."""
    return f"{restore_clash(claim, live, forced=True)} (restored all the same, with --force)"


def restore_clash(claim: dict, live: list[dict], *, forced: bool = False) -> str:
    """What a restore of `claim` clashes with: the `live` claims holding its ref, and those that are
    the same claim (`forced`: said of it restored all the same)."""
    holders = [other["id"] for other in live if same_ref(claim, other)]
    alike = [other["id"] for other in live if not same_ref(claim, other)]
    said = []
    if holders:
        said.append(f"{claim['id']}'s ref {shown(claim['ref'])} is {'also' if forced else 'now'} "
                    + " and ".join(f"{holder}'s" for holder in holders))
    if alike:
        said.append(f"{'it' if holders else claim['id']} is the same claim as {' and '.join(alike)}"
                    + ("" if forced else f", which {'is' if len(alike) == 1 else 'are'} not deleted"))
    return ", and ".join(said)


# ----------------------------------------------------------------------------- evidence

def build_evidence(fields: dict, registry, *, number: int, analyst: str, now: str | None = None) -> dict:
    """A validated evidence item; `fields` uses source, stance, on, kind, url, note."""
    source_name = clean_text(fields.get("source"), "source", required=True, limit=MAX_NAME)
    try:
        source = registry.get(source_name)
    except NotFound as err:
        raise InvalidValue(err.message, hint=err.hint, field="source") from None
    on = fields.get("on")
    if hasattr(on, "isoformat"):
        on_text = on.isoformat()
    elif on is None or str(on).strip() == "":
        on_text = parse_date("today").isoformat()
    else:
        check_date_kind(on, "evidence date", "on")
        try:
            on_text = parse_date(str(on), field="evidence date", earliest=EARLIEST_DAY).isoformat()
        except InvalidValue as err:
            err.field = "on"
            raise
    url = fields.get("url")
    return {
        "id": format_evidence_id(number),
        "source": source.name,
        "stance": clean_enum(Stance, fields.get("stance"), "stance"),
        "on": on_text,
        "kind": clean_enum(EvidenceKind, "other" if fields.get("kind") in (None, "") else fields["kind"], "kind"),
        "url": clean_url(url) if url not in (None, "") else None,
        "note": clean_text(fields.get("note"), "note", multiline=True, limit=MAX_NOTE),
        "recorded_at": now or utc_now(),
        "analyst": analyst,
        "withdrawn_at": None,
    }


def next_evidence_number(claim: dict) -> int:
    """Evidence IDs count up within a claim and are never reused (withdrawn items stay)."""
    try:
        return 1 + max((_counted_number(item["id"]) for item in claim.get("evidence") or ()), default=0)
    except InvalidValue as err:  # (a stored ID, a hand edit's: not one the user gave)
        raise StoredValueInvalid(f"the stored evidence of {claim['id']} is not valid: {err.message}",
                                 hint="Run `claims doctor`: it names the item; mend its ID by hand (E1, E2, ...).",
                                 field="evidence") from None


def _counted_number(stored: Any) -> int:
    """A stored evidence ID's number, as the next one is counted from it (`_stored_number` reads one
    for `evidence remove`, an unreadable text ID none); InvalidValue for one that is not text too (a hand edit's 1
    is no "E1": `show` and doctor call it damaged, and a write would carry it on)."""
    if type(stored) is not str:
        raise InvalidValue(f"{shown(stored)} is not an evidence ID")
    return evidence_number(stored)


def _evidence_asked(claim: dict, evidence_id: str) -> dict:
    """The claim's evidence item `evidence_id` names: the one stored under it as typed (a hand
    edit's 'X1', no evidence ID, too), else one of its number ('e1' is E1); of several (a hand edit's
    E1 twice, or E1 and e-01, which doctor names), one in force before one withdrawn. NotFound if none."""
    items = claim["evidence"]
    numbers = [_stored_number(item) for item in items]  # (first: an item damaged past reading is refused)
    found = [item for item in items if item["id"] == evidence_id] if evidence_id.strip() else []
    if not found:
        number = evidence_number(evidence_id)
        found = [item for item, its_number in zip(items, numbers) if its_number == number]
        if not found:
            raise NotFound(f"claim {claim['id']} has no evidence {format_evidence_id(number)}",
                           hint=f"`claims show {claim['id']}` lists its evidence.")
    return next((item for item in found if not item.get("withdrawn_at")), found[0])


def _stored_number(item: dict) -> int | None:
    """An evidence item's number, None if its stored ID is text but no evidence ID (a hand edit's
    'X1': doctor names it). One without an ID, or not text, is damage the command cannot read
    (KeyError, TypeError: said so, doctor naming the record), as every write refuses it."""
    stored = item["id"]
    if type(stored) is not str:
        raise TypeError(f"evidence ID {stored!r} is not text")
    try:
        return evidence_number(stored)
    except InvalidValue:
        return None


def add_evidence(store, claim_id: str, fields: dict, analyst: str) -> tuple[dict, dict]:
    """Record one evidence item; returns (claim, evidence)."""
    with store.transaction():
        claim = store.get_claim(claim_id)
        registry = store.registry()
        now = change_stamp(claim)
        item = build_evidence(fields, registry, number=next_evidence_number(claim), analyst=analyst, now=now)
        claim["evidence"].append(item)
        detail = f"{item['id']}: {item['source']} {item['stance']} ({item['kind']})"
        _touch(claim, registry, "evidence-added", analyst, detail=detail, now=now)
        store.save_claims([claim])
        return claim, item


# Evidence may be older than the claim it bears on (footage posted before an announcement); this
# much older, it is most likely a slip of the year (it would count as 0 days to confirmation).
LONG_BEFORE_DAYS = 30
# Evidence dated before the event it bears on (a capture on 6 December, a map of 20 November) can
# neither confirm nor refute it; a day's slack for time zones (the event's day is where it happened).
BEFORE_EVENT_DAYS = 1
BEFORE_EVENT_SAID = "evidence from before the event can neither confirm nor refute it"
_WEIGHED_STANCES = ("supports", "disputes")


def dated_before(claim: dict, item: dict) -> tuple[int, str, str] | None:
    """(days, "claim" or "event", its date) when `item` is dated too long before `claim`: more than
    BEFORE_EVENT_DAYS before its event (`event_on`, on or before the claim's day; one announced or
    expected after it is no bound) for an item the rule weighs (supports or disputes), or any item
    more than LONG_BEFORE_DAYS before the claim or that event (a slipped year, most likely). One
    finding for an item, the event's where it has one: older than a claim without an event's date
    (footage posted before the announcement) is usual. Else None."""
    claimed_on, event_on, on = claim.get("claimed_on"), claim.get("event_on"), item.get("on")
    if type(claimed_on) is not str or type(on) is not str:
        return None
    event = type(event_on) is str and event_on <= claimed_on
    what, day = ("event", event_on) if event else ("claim", claimed_on)
    if on >= day:  # (ISO days compare as text: most evidence is not older than its claim)
        return None
    try:
        days = (date.fromisoformat(day) - date.fromisoformat(on)).days
    except ValueError:
        return None
    if days > LONG_BEFORE_DAYS or (event and days > BEFORE_EVENT_DAYS and item.get("stance") in _WEIGHED_STANCES):
        return days, what, day
    return None


def repeated_evidence(claim: dict, item: dict, *, withdrawn: bool = False) -> tuple[dict, str] | None:
    """The live evidence item `item` (just recorded on `claim`) repeats, and what they share: the
    same source and stance, and the same URL (or, neither having one, the same note and day). A
    double paste, or two analysts on one report; another report of the same source is not one.
    `withdrawn`: the withdrawn item it repeats instead (the desk took that one back: it counts again),
    the last one withdrawn of several (its reason is the desk's latest word on it)."""
    evidence = claim.get("evidence") or ()
    if withdrawn:  # (last withdrawn first; of two in one second, the later item)
        order = sorted(range(len(evidence)), reverse=True,
                       key=lambda at: (str(evidence[at].get("withdrawn_at") or ""), at))
        evidence = [evidence[at] for at in order if evidence[at].get("withdrawn_at")]
    for earlier in evidence:
        if earlier is item or bool(earlier.get("withdrawn_at")) is not withdrawn or \
                (earlier.get("source"), earlier.get("stance")) != (item["source"], item["stance"]):
            continue
        if item.get("url") and page_key(earlier.get("url")) == page_key(item["url"]):
            return earlier, "the same URL"
        if not item.get("url") and not earlier.get("url") and _same_note(earlier.get("note"), item.get("note")) \
                and earlier.get("on") == item.get("on"):
            return earlier, "the same note" if item.get("note") else "no URL or note"
    return None


def withdrawn_link(claim: dict, item: dict) -> dict | None:
    """The withdrawn item of another source, of `item`'s stance, whose URL `item` (just recorded on
    `claim`) cites: a clip the desk took back (old footage, another village) come back by another
    source, as a debunked clip usually does. A dispute citing a withdrawn support is not that."""
    link = page_key(item["url"]) if item.get("url") else None
    found = [(str(earlier["withdrawn_at"]), at, earlier) for at, earlier in enumerate(claim.get("evidence") or ())
             if link and earlier.get("withdrawn_at") and earlier.get("source") != item["source"]
             and earlier.get("stance") == item["stance"] and page_key(earlier.get("url")) == link]
    return max(found, key=lambda each: each[:2])[2] if found else None  # (the last withdrawn, as repeated_evidence)


_OPPOSED = {"supports": "disputes", "disputes": "supports"}


def crossed_evidence(claim: dict, item: dict, registry) -> tuple[list[dict], dict | None]:
    """What `item`, just recorded on `claim`, crosses, for the analyst to judge (said, not refused):
    the live items of the other stance from its source (it changed its view, or one was recorded
    wrongly: all count), and another source's live item of its stance citing its URL, both strong
    (one clip or post reported twice, counted as two confirmations or refutations; the claimant's
    clip geolocated by an independent source, or a dispute of the clip, is not that)."""
    live = [earlier for earlier in claim.get("evidence") or () if earlier is not item and not earlier.get("withdrawn_at")]
    opposed = _OPPOSED.get(item["stance"])
    turned = [earlier for earlier in live if opposed and earlier.get("source") == item["source"]
              and earlier.get("stance") == opposed]
    link = page_key(item["url"]) if item.get("url") and opposed else None

    def strong(evidence: dict) -> bool:
        return weigh(evidence["stance"], evidence["source"], claim["source"], registry).strength == STRONG

    same_link = next((earlier for earlier in live if link and earlier.get("source") != item["source"]
                      and earlier.get("stance") == item["stance"] and page_key(earlier.get("url")) == link
                      and strong(earlier) and strong(item)), None)
    return turned, same_link


def relays_the_claim(claim: dict, item: dict, registry) -> bool:
    """`item`, just recorded on `claim`, counts as strong support yet cites one of the claim's own
    links (compared as `crossed_evidence` compares them): the claimant's word relayed, counted as an
    independent confirmation. A dispute citing it (its clip geolocated elsewhere) is not that."""
    if item["stance"] != "supports" or not item.get("url") or \
            weigh(item["stance"], item["source"], claim["source"], registry).strength != STRONG:
        return False
    links = claim.get("urls") if isinstance(claim.get("urls"), list) else []
    return page_key(item["url"]) in {page_key(link) for link in links if type(link) is str}


def relayed_by_outlet(claim: dict, item: dict, registry) -> bool:
    """`item`, just recorded on `claim`, counts as strong support yet is by the claim's outlet, the
    medium that relayed the claim (compared as the rule compares sources: `same_source`; an outlet
    that names no source here is compared by its name): its report of the claim is the claimant's
    word again, counted as an independent confirmation. Its dispute (it checked, and says otherwise)
    is not that."""
    outlet = claim.get("outlet")
    if item["stance"] != "supports" or type(outlet) is not str or not outlet.strip():
        return False
    # (the weight first: remembered per registry, where the names are compared afresh)
    return weigh(item["stance"], item["source"], claim["source"], registry).strength == STRONG and \
        same_source(outlet, item["source"], registry)


def overlap_warnings(claim: dict, item: dict, registry, *,
                     item_named: bool = False) -> list[tuple[str, Callable[[str | None], str]]]:
    """What live `item`, just recorded on `claim` (or an import's, `claim` holding it and the items
    before it), repeats or crosses, as the evidence commands and the import say it (said, not refused:
    new facts may, and the analyst may not know one was taken back, or why): a live item it
    repeats ("repeat", and nothing more: it crosses what its twin crosses, said of the twin), else
    a withdrawn one it repeats or whose link it cites ("withdrawn"), its source's items of the other
    stance ("crossed"), and another source's strong item of its stance citing its link ("same link": not
    when that link is the claim's own, said by `relay_warning`).
    Each (what, said): said given the claim's ID ends with the fix naming it; given None (a claim
    not written yet, a dry run's) it leaves the fix out. No full stop: a command adds it. `item_named`:
    the crossed one starts with the item's ID (an import's note; a command's status line names it)."""
    found: list[tuple[str, Callable[[str | None], str]]] = []

    def taken_back(when: str) -> Callable[[str | None], str]:
        """"; WHEN`claims evidence remove C-0001 E2` takes it back" of `item`, "" with no claim ID."""
        return lambda claim_id: f"; {when}`claims evidence remove {claim_id} {item['id']}` takes it back" if claim_id else ""

    repeated = repeated_evidence(claim, item)
    if repeated is not None:
        earlier, shared = repeated
        fix = taken_back("")
        found.append(("repeat", lambda claim_id: f"{item['id']} repeats {earlier['id']} ({item['source']} "
                                                 f"{item['stance']}, {shared})" + fix(claim_id)))
        return found
    repeated = repeated_evidence(claim, item, withdrawn=True)
    if repeated is not None:
        withdrawn, shared = repeated
        what = f"repeats {withdrawn['id']} ({item['source']} {item['stance']}, {shared})"
    else:
        withdrawn = withdrawn_link(claim, item)
        what = f"cites the link of {withdrawn['id']} ({withdrawn['source']} {withdrawn['stance']})" if withdrawn else ""
    if withdrawn is not None:
        fix_withdrawn = taken_back("if the withdrawal still stands, ")
        found.append(("withdrawn", lambda claim_id: f"{item['id']} {what}, {withdrawn_line(withdrawn)}"
                                                    + fix_withdrawn(claim_id)))
    turned, same_link = crossed_evidence(claim, item, registry)
    if turned:
        ids = ", ".join(earlier["id"] for earlier in turned)

        def crossed(claim_id: str | None) -> str:
            said = (f"{item['id'] + ': ' if item_named else ''}{item['source']} also {turned[0]['stance']} "
                    f"{claim_id or 'this claim'} ({ids}), and {'both' if len(turned) == 1 else 'all'} count")
            if not claim_id:
                return said
            remove = f"`claims evidence remove {claim_id} {ids}`" if len(turned) == 1 else \
                f"`claims evidence remove {claim_id} ID` of each of {ids}"
            return f"{said}; if it changed its view, {remove} leaves the newer"

        found.append(("crossed", crossed))
    if same_link is not None and not relays_the_claim(claim, item, registry):  # (`relay_warning` says what to do of it)
        fix_link = taken_back("if they are one, ")
        found.append(("same link", lambda claim_id: f"{item['id']} cites the link of {same_link['id']} "
                                                    f"({same_link['source']} {same_link['stance']}): two reports of "
                                                    "one clip or post count as two" + fix_link(claim_id)))
    return found


def relay_warning(claim: dict, item: dict, registry) -> Callable[[str | None], str] | None:
    """The warning, as the evidence commands and the import say it, when live `item`, just recorded
    on `claim` (or an import's, `claim` holding it and the items before it), relays the claimant's
    word: by the outlet that relayed the claim (`relayed_by_outlet`), else citing the claim's own link
    (`relays_the_claim`); one warning for an item that does both. None otherwise, and of a repeat of a
    live item (`overlap_warnings` says that, and its twin was warned of). Said given the claim's ID
    ends with the fix naming it; given None (a claim not written yet, a dry run's) it names no ID and
    leaves the fix out. No full stop."""
    from .layout import claimant  # (a channel's word: "Telegram (Rybar)", as the tables name it)

    by_outlet = relayed_by_outlet(claim, item, registry)
    if not (by_outlet or relays_the_claim(claim, item, registry)) or repeated_evidence(claim, item) is not None:
        return None
    source = item["source"]
    if by_outlet:  # (the outlet as the claim gives it, when it is the source by another name: an alias)
        outlet = claim["outlet"]
        named = "" if source_key(outlet) == source_key(source) else f" (as {outlet})"
        word = claim["source"]

    def said(claim_id: str | None) -> str:
        fix = f"; `claims evidence remove {claim_id} {item['id']}` takes it back" if claim_id else ""
        if by_outlet:
            return (f"{item['id']} is by {source}, the outlet that relayed {claim_id or 'the claim'}{named}: unless "
                    f"{source} checked the claim itself, its report relays the word of {word}, yet counts as "
                    f"strong{fix}")
        whose = f"{claim_id}'s" if claim_id else "the claim's"
        return (f"{item['id']} cites {whose} own link: unless {source} checked that post, it relays the "
                f"word of {claimant(claim)}, yet counts as strong{fix}")

    return said


GRADES_UNREAD = ("D", "E")  # (a grade the rule does not read, said when such a source counts as strong)
_GRADE_UNREAD_NAMED = 5  # claims a warning names (a source on thousands says how many more, and where)


def graded_unread_source(claim: dict, item: dict, registry) -> Source | None:
    """The source of live `item` of `claim` when it is graded D or E and the item counts as strong
    all the same (the rule reads sides, not grades), else None."""
    if not registry.any_graded(GRADES_UNREAD):  # (as most registries: no item's source looked up)
        return None
    source = registry.find(item["source"])
    if source is None or source.grade not in GRADES_UNREAD:
        return None
    return source if weigh(item["stance"], item["source"], claim["source"], registry).strength == STRONG else None


def grade_unread_warning(source: Source, stances: dict[str | None, set[str]], on: bool = True) -> str:
    """The warning, as the commands and the import say it, that `source`, graded D or E, counts as
    strong: `stances`, claim ID -> the stances that do (`graded_unread_source`); `on`: naming the
    claims (an evidence command's is the one its status line names, an import's note's its record).
    A claim ID None (an import's claim not written yet, a dry run's) leaves the fix out. No full stop."""
    said = {stance for found in stances.values() for stance in found}
    stance = {"supports": "support", "disputes": "dispute"}[next(iter(said))] if len(said) == 1 else "evidence"
    ids = list(stances)
    more = (f" and {len(ids) - _GRADE_UNREAD_NAMED} more: `claims list --evidence-by {shell_quoted(source.name)}` "
            "lists them;") if on and len(ids) > _GRADE_UNREAD_NAMED else ":"
    named = f" on {', '.join(ids[:_GRADE_UNREAD_NAMED])}" if on else ""
    fix = f"; `claims assess {ids[0] if len(ids) == 1 else 'ID'} STATUS` if you judge otherwise" if ids[0] else ""
    return (f"{source.name} is graded {source.grade} ({GRADES[source.grade]}), yet its {stance} counts as strong"
            f"{named}{more} the rule reads sides, not grades{fix}")


def own_word_moved(claim: dict, claimant_before: str, registry, sources_before: dict | None = None,
                   registry_before=None) -> tuple[list[tuple[dict, str]], list[tuple[dict, str]]]:
    """What an edit of `claim`'s claimant from `claimant_before` made of its items in force that
    count (inconclusive ones count for nothing either way): (those that were the claimant's own word
    and now count as another source's, each with its strength now; those that counted as another
    source's and are now the claimant's own word, each with the strength it had). The old claimant's
    report, recorded as its own word, confirmed the claim as an independent source's once the claim
    was given to the source it relayed. A merge moves items' sources too, and the registry they were
    weighed by: `sources_before`, item ID -> the source it cited (the others cited the one they cite
    now), weighed by `registry_before` (else `registry`)."""
    from .verification import NONE, _ITSELF

    sources_before = sources_before or {}
    registry_before = registry if registry_before is None else registry_before
    now_others, now_own = [], []
    for item in live_evidence(claim):
        before = weigh(item["stance"], sources_before.get(item.get("id"), item["source"]), claimant_before,
                       registry_before)
        after = weigh(item["stance"], item["source"], claim["source"], registry)
        if NONE in (before.strength, after.strength) or (before.why == _ITSELF) is (after.why == _ITSELF):
            continue
        if before.why == _ITSELF:
            now_others.append((item, after.strength))
        else:
            now_own.append((item, before.strength))
    return now_others, now_own


def _same_note(one: Any, other: Any) -> bool:
    """Two evidence notes that say the same, as two statements do (`normalise_text`: case, spacing
    and a final stop aside): two analysts' "no sign" and "No sign."."""
    if type(one) is str and type(other) is str:
        return normalise_text(one) == normalise_text(other)
    return one == other


def withdraw_evidence(store, claim_id: str, evidence_id: str, analyst: str,
                      reason: str | None = None) -> tuple[dict, dict]:
    with store.transaction():
        claim = store.get_claim(claim_id)
        item = _evidence_asked(claim, evidence_id)
        if item.get("withdrawn_at"):
            raise InvalidValue(f"evidence {item['id']} of {claim['id']} is already withdrawn")
        item["withdrawn_at"] = now = change_stamp(claim)
        item["withdrawn_by"] = analyst
        item["withdraw_reason"] = clean_reason(reason)
        detail = f"{item['id']}: {item['source']} {item['stance']} withdrawn"
        if item["withdraw_reason"]:
            detail += f" ({item['withdraw_reason']})"
        _touch(claim, store.registry(), "evidence-withdrawn", analyst, detail=detail, now=now)
        store.save_claims([claim])
        return claim, item


def assess(store, claim_id: str, status: str | None, analyst: str, note: str | None = None) -> dict:
    """Record the analyst's assessment (overrides the computed status), or clear it (None)."""
    with store.transaction():
        claim = store.get_claim(claim_id)
        if status is None:
            if not claim.get("assessment"):
                raise InvalidValue(f"claim {claim['id']} has no assessment to clear")
            previous = claim["assessment"]["status"]
            dropped = claim["assessment"].get("note")  # (said: the trail keeps what the analyst had written)
            note = clean_text(note, "note", multiline=True, limit=MAX_NOTE)
            now = change_stamp(claim)  # (after the assessment it clears, which may be timed ahead)
            claim["assessment"] = None
            _touch(claim, store.registry(), "assessment-cleared", analyst, now=now,
                   detail=f"was {previous}" + (f" (its note {shown(dropped, at_most=None)})" if dropped else "")
                   + (f"; cleared: {note}" if note else ""))  # (why: not "was X: note", an assessment's own note)
        else:
            status = clean_enum(Status, status, "status")
            ours = claim.get("assessment")
            # The same again (a new time would count as a newer assessment on the next import); the
            # same status without --note keeps its note, stored as it is (--note "" drops it)
            if ours and ours.get("status") == status and (
                    note is None or ours.get("note") == clean_text(note, "note", multiline=True, limit=MAX_NOTE)):
                raise Unchanged(claim)
            claim["assessment"] = {
                "status": status,
                "note": clean_text(note, "note", multiline=True, limit=MAX_NOTE),
                "analyst": analyst,
                "at": change_stamp(claim),
            }
            detail = status + (f": {claim['assessment']['note']}" if claim["assessment"]["note"] else "")
            if ours and ours.get("note") and ours.get("note") != claim["assessment"]["note"]:
                # (the same status: else alike to an entry that changed nothing; another: the note
                # of the one it replaces is not kept, which an analyst who kept it on a status
                # given again may not expect; a note given in its place: what it said is kept here)
                whose = "its" if ours.get("status") == status else f"the {ours.get('status')} assessment's"
                done = "replaced" if claim["assessment"]["note"] else "removed"
                detail += f"; {whose} note {shown(ours['note'], at_most=None)} {done}"
            _touch(claim, store.registry(), "assessed", analyst, now=claim["assessment"]["at"], detail=detail)
        store.save_claims([claim])
        return claim


class Unchanged(Exception):
    """A change that would leave the claim as it is (`assess` with the assessment it has, an edit to
    the values it has): nothing is written; the command says so."""

    def __init__(self, claim: dict):
        super().__init__(claim["id"])
        self.claim = claim


def explain(claim: dict, registry):
    """The verdict (status, tallies, reason) for a claim as it stands."""
    return evaluate(claim, registry)


# ------------------------------------------------------------------------------ sources

# What a source's history records of it: the registry's fields (`Source`), not what it has said
_SOURCE_FIELDS = ("name", "side", "kind", "grade", "note", "aliases")


def source_changes(before: Source | None, after: Source) -> dict:
    """{field: [before, after]} of each of a source's fields that differs (every one given but its
    name, for a new source), as a claim's history gives an edit's."""
    changes = {}
    for name in _SOURCE_FIELDS[1:] if before is None else _SOURCE_FIELDS:  # (a new one's name is its own)
        old, new = (getattr(before, name) if before is not None else None), getattr(after, name)
        if name == "aliases":
            old, new = list(old or []), list(new)
        if old != new and (before is not None or new not in (None, [])):
            changes[name] = [None if before is None else old, new]
    return changes


def source_entry(action: str, analyst: str, changes: dict | None = None, detail: str | None = None, *,
                 after: list | None = None) -> dict:
    """An entry of a source's history (`store.save_source`): when, who, what. `after`: the history
    it ends, which it follows in time as a claim's entry does (`next_stamp`: a clock behind it)."""
    clock = utc_now()
    return kept_clock({"at": next_stamp(after or [], clock), "analyst": analyst, "action": action,
                       "changes": changes or None, "detail": detail}, clock)


def add_source(store, name: str, side: str, kind: str | None = None, aliases=(),
               grade: str | None = None, note: str | None = None, analyst: str = "") -> Source:
    with store.transaction():
        registry = store.registry()
        if registry.find(name) is not None:
            existing = registry.get(name)
            if source_key(name) == source_key(existing.name):
                raise InvalidValue(f"source {shown(existing.name)} already exists",
                                   hint="Change it with `claims sources edit --side SIDE "
                                        f"{shell_arguments(existing.name)}` (or --kind, --grade, --alias, --note).")
            # (another source's alias: its side is not this one's to change, least of all a merged one's)
            merged = " (merged into it)" if existing.merged_from(name) else ""
            raise InvalidValue(f"{shown(name.strip())} already names the source {shown(existing.name)}{merged}",
                               hint=f"Use that source (`claims list --source {shell_quoted(existing.name)}`), "
                                    "or pick another name.")
        source = make_source(one_spaced(name), side, kind, [one_spaced(alias) for alias in aliases], grade, note)
        _refuse_aliases_alike(registry, source, source.aliases)
        registry.with_source(source)  # refuses aliases owned by another source
        for given in (source.name, *source.aliases):  # (after: another's name typed so is said so first)
            refuse_unfit_name(given, "name" if given == source.name else "alias")
        store.save_source(source, source_entry("added", analyst, source_changes(None, source)), history=[])
        return source


def _refuse_aliases_alike(registry, source: Source, aliases) -> None:
    """An alias typed for `source` that names another source, written alike (ё for е, another
    apostrophe, an invisible character) is refused, as the same name is: claims typed so would
    go to the other source, perhaps on another side."""
    for alias in aliases:
        owner = registry.find(alias)
        if owner is not None and owner.name != source.name:
            raise InvalidValue(f"{shown(alias)} already names the source {shown(owner.name)}",
                               hint="Pick another alias, or use that source.", field="alias")


def refuse_merged_name(name: str, current: Source, command: str, would: str,
                       names: tuple[str, ...] | None = None) -> None:
    """A change named by a source merged into `current` is refused: fixing the small channel's side,
    or merging it elsewhere, would change the source it went into, and every claim that cites it.
    `would`: what the command would do to `current` ("change {}", "merge {} into ISW"). `names`: the
    sources the command names, `current` for the merged name (a merge's two), which the hint gives
    as the command that does that; else it names `current` alone."""
    if current.merged_from(name) and not written_alike(name, current.name):
        done = would.replace("{}", current.name)
        raise InvalidValue(f"{shown(name.strip())} is a name of a source merged into {current.name}: by it, `sources "
                           f"{command}` would {done}",
                           hint=f"To {command} {current.name} itself, name it: `claims sources {command} "
                                f"{shell_arguments(current.name)} ...`." if names is None else
                                f"To {done}, name {current.name}: `claims sources {command} {shell_arguments(*names)}`.")


def refuse_merged_names(name: str, into: str, gone: Source, kept: Source) -> None:
    """`refuse_merged_name` of both sources of a merge (asked before a merge is confirmed, too); a
    merge made already (a script run twice) is said so."""
    if gone.name == kept.name:  # (else "would merge Telegram into Telegram"; one source by two names is said after)
        for merged in (name, into):
            if kept.merged_from(merged) and not written_alike(merged, kept.name):
                raise InvalidValue(f"{shown(merged.strip())} is merged into {kept.name} already: nothing to merge")
        return
    # (the hint's merge names each by the source it is: "Oryx Blog" into Bellingcat, merged into ISW,
    # is `merge 'Oryx Blog' ISW`, not a merge of ISW itself)
    refuse_merged_name(name, gone, "merge", f"merge {{}} into {kept.name}", (gone.name, kept.name))
    refuse_merged_name(into, kept, "merge", f"merge {gone.name} into {{}}", (gone.name, kept.name))


def edit_source(store, name: str, analyst: str, *, side: str | None = None, kind: str | None = None,
                aliases: list[str] | None = None, add_aliases=(), grade: str | None = None,
                note: str | None = None) -> tuple[Source, list[dict]]:
    """Change a source; a new side re-evaluates every claim it made or gave evidence on.

    Returns the source and the claims whose status changed. A source given what it has is not
    saved: the database and its backup (the version before the last change) stay as they are.
    """
    def edited(current: Source) -> Source:
        new_aliases = list(current.aliases if aliases is None else aliases) + [one_spaced(alias) for alias in add_aliases]
        source = _keeping_merged(current, make_source(
            # (an empty --side or --kind is refused, not passed over as if not given)
            current.name, current.side if side is None else side,
            current.kind if kind is None else clean_enum(SourceKind, kind, "kind"), new_aliases,
            current.grade if grade is None else (grade or None),
            current.note if note is None else note,
        ))
        if source.aliases != current.aliases and sorted(source.aliases) == sorted(current.aliases):
            source = replace(source, aliases=current.aliases)  # (the same names in another order: no change)
        return source

    if not store.exists():  # (a database not made yet reads as its defaults: a change that is none
        current = store.registry().get(name)  # makes no file)
        if edited(current) == current:
            return current, []
    with store.transaction():
        current = store.registry().get(name)
        refuse_merged_name(name, current, "edit", "change {}")
        source = edited(current)
        if source == current:
            return source, []
        held = {source_key(alias) for alias in current.aliases}
        added = [alias for alias in source.aliases if source_key(alias) not in held]
        _refuse_aliases_alike(store.registry(), source, added)
        registry = store.registry().with_source(source)
        for alias in added:  # (after: another's name typed so is said so first)
            refuse_unfit_name(alias, "alias")
        store.save_source(source, source_entry("edited", analyst, source_changes(current, source),
                                               after=store.source_history(current.name)))
        changed: list[dict] = []
        if source.side != current.side:
            detail = f"source {source.name} changed side: {current.side} → {source.side}"

            def re_evaluated(stored: dict) -> dict | None:
                if not involves(stored, source.name):
                    return None
                claim = dict(stored)  # (to set its status in; one that moved is copied by _to_change)
                refresh_status(claim, registry)
                if claim["status"] == stored["status"] and claim["computed_status"] == stored["computed_status"]:
                    return None
                # let _touch record the before/after pair, and the rule's under an assessment
                return _touch(_to_change(stored), registry, "re-evaluated", analyst, detail=detail)

            changed = store.change_claims(re_evaluated)
        return source, changed


@dataclass
class Recited:
    """What renaming or merging a source did: the source now cited, the claims given it (each with
    a history entry), and how many of them it made and how many it only gave evidence on."""

    source: Source
    claims: list[dict]
    as_claimant: int = 0
    by_evidence: int = 0
    status_before: dict[str, str] = field(default_factory=dict)  # claim ID -> its status before
    computed_before: dict[str, str] = field(default_factory=dict)  # ... and its computed status
    # What a merge made repeat: (claim ID, the claim it now repeats), (claim ID, item ID, the item
    # it now repeats, what they share)
    repeated_claims: list[tuple[str, str]] = field(default_factory=list)
    repeated_deleted: list[tuple[str, str]] = field(default_factory=list)  # (a deleted claim, the live one)
    repeated_items: list[tuple[str, str, str, str]] = field(default_factory=list)
    # (claim ID, its items supporting, its items disputing): a live claim the source now both
    # supports and disputes, one of each stance from each of the two sources
    crossed: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    recited: set[tuple[str, str | None]] = field(default_factory=set)  # (claim ID, None: claimant, or item ID)

    @property
    def status_changed(self) -> list[dict]:
        """The claims whose status, or computed status (under an analyst's assessment), changed."""
        return [claim for claim in self.claims if claim["status"] != self.status_before[claim["id"]]
                or claim["computed_status"] != self.computed_before[claim["id"]]]


def rename_source(store, name: str, new_name: str, analyst: str) -> Recited:
    """Give a source another name. Its old name becomes an alias (an older file, an analyst's
    habit, still finds it), and every claim it made or gave evidence on, deleted ones too, cites
    the new one, with a history entry."""
    with store.transaction():
        registry = store.registry()
        current = registry.get(name)
        refuse_merged_name(name, current, "rename", "rename {}")
        clean = one_spaced(clean_text(new_name, "the new name", required=True, limit=MAX_NAME))
        refuse_unfit_name(clean, "name")
        if clean == current.name:
            raise InvalidValue(f"the source is already called {shown(clean)}", hint="Give it another name.")
        owner = registry.find(clean)
        if owner is not None and owner.name != current.name:
            if {owner.side, current.side} == set(PARTIES):  # (one party's source made the other's: not offered)
                hint = f"Give it another name: {owner.name} is on the {owner.side} side, " \
                       f"{current.name} on the {current.side} side."
            else:
                hint = f"To make the two one source: `claims sources merge {shell_arguments(current.name, owner.name)}`"
            raise InvalidValue(f"{shown(clean)} already names the source {shown(owner.name)}", hint=hint)
        aliases = [alias for alias in current.aliases if source_key(alias) != source_key(clean)]
        if source_key(current.name) != source_key(clean):  # (a change of case only needs no alias)
            aliases.append(current.name)
        source = _keeping_merged(current, make_source(clean, current.side, current.kind, aliases, current.grade,
                                                      current.note))
        changes = {"name": [current.name, source.name]}
        if list(current.aliases) != list(source.aliases):  # (the old name an alias; the new one an alias no more)
            changes["aliases"] = [list(current.aliases), list(source.aliases)]
        history = store.source_history(current.name)
        entry = source_entry("renamed", analyst, changes, after=history)
        return _recite(store, [current], source, registry.without(current.name).with_source(source), analyst,
                       "source-renamed", f"source {current.name} renamed {source.name}", entry, history=history)


def merge_sources(store, name: str, into: str, analyst: str,
                  expected: tuple[Source, Source] | None = None) -> Recited:
    """Make two sources one: every claim `name` made or gave evidence on cites `into` instead,
    re-evaluated (evidence from one on the other's claim is now the claimant's own), and its name
    and aliases become aliases of `into`, whose side, kind, grade and note stay. `expected`: the
    two sources as an analyst was asked about them; if either changed since, nothing is done."""
    with store.transaction():
        registry = store.registry()
        gone, kept = registry.get(name), registry.get(into)
        refuse_merged_names(name, into, gone, kept)
        if gone.name == kept.name:
            raise InvalidValue(f"{shown(name)} and {shown(into)} are the same source ({shown(kept.name)})",
                               hint="Name two different sources.")
        if expected is not None and expected != (gone, kept):  # (another writer's change, made while the question waited)
            changed = [(then, now) for then, now in zip(expected, (gone, kept)) if then != now]
            said = " and ".join(f"{then.name} ({_source_changed_said(then, now)})" for then, now in changed)
            raise ClaimsError(f"source{'s' if len(changed) > 1 else ''} {said} changed while you were asked: "
                              "nothing was merged" if len(changed) > 1 else
                              f"source {changed[0][0].name} changed while you were asked "
                              f"({_source_changed_said(*changed[0])}): nothing was merged",
                              hint=f"Run `claims sources merge {shell_arguments(name, into)}` again to be asked "
                                   "about them as they are now.")
        source = make_source(kept.name, kept.side, kept.kind, [*kept.aliases, *gone.names()], kept.grade, kept.note)
        merged: list[str] = []  # (every name `gone` is known by, its old ones from a rename too)
        for merged_name in [*kept.merged, *gone.names()]:
            if all(source_key(merged_name) != source_key(other) for other in merged):
                merged.append(merged_name)
        source = replace(source, merged=merged)
        # (the merged source's own changes are kept, each said as its: who graded it, and when)
        changes = store.source_history(gone.name)
        names = _names_then(changes, gone.name)
        merged_as = _merged_as(changes, names)
        theirs = [{**change, "detail": _as_merged(change.get("detail"), gone, then, merged_as)}
                  for change, then in zip(changes, names)]
        history = sorted([*store.source_history(kept.name), *theirs], key=lambda change: stamp_key(change.get("at")))
        graded = f", grade {gone.grade}" if gone.grade else ""
        # (and what the merged source was: its kind and note too, which `source` drops, and which a
        # source never changed here, a built-in, has in no history entry of its own)
        entry = {**source_entry("merged", analyst, {"aliases": [list(kept.aliases), list(source.aliases)]},
                                f"{gone.name} ({gone.side}{graded}) merged into it", after=history),
                 "merged_source": gone.to_dict()}
        claimants: list[tuple] = []
        done = _recite(store, [gone, kept], source, registry.without(gone.name).with_source(source), analyst,
                       "source-merged", f"source {gone.name} merged into {kept.name}", entry, history=history,
                       claimants=claimants)
        _find_repeats(done, claimants)
        return done


def _source_changed_said(then: Source, now: Source) -> str:
    """How a source changed since `then`: "its side now ukraine", "now named X, its note changed"."""
    said = [f"now named {now.name}"] if now.name != then.name else []
    said += [f"its {name} now {getattr(now, name) or 'none'}" for name in ("side", "kind", "grade")
             if getattr(now, name) != getattr(then, name)]
    said += [f"its {name} changed" for name in ("note", "aliases") if getattr(now, name) != getattr(then, name)]
    return ", ".join(said) or "merged into again"  # (else only its merged names: another source merged into it)


def _as_merged(detail: str | None, gone: Source, then: str, merged_as: dict[str, str]) -> str:
    """The detail of a change to `gone`, kept as `gone` is merged: "as THEN; DETAIL", THEN the name
    `gone` had when the change was made (_names_then). One made to a source merged into `gone`
    before ("as EARLIER") says the way it came, "as EARLIER (merged into GONE)", then "(merged into
    GONE, then NEXT)", GONE the name it had when that source was merged into it (`merged_as`):
    "as GONE; as EARLIER" read as added by two names."""
    head, between, rest = (detail or "").partition("; ")  # (a name holds no ";": see refuse_unfit_name)
    earlier, into, chain = head.removeprefix("as ").partition(" (merged into ")
    if head.startswith("as ") and any(source_key(earlier) == source_key(name) for name in gone.merged):
        carrier = chain[:-1].rpartition(", then ")[2] if into else earlier  # (the one merged into `gone`)
        named = merged_as.get(source_key(carrier), gone.name)
        head = f"{head[:-1]}, then {named})" if into else f"{head} (merged into {named})"
        return head + between + rest
    return f"as {then}" + (f"; {detail}" if detail else "")


def _names_then(history: list[dict], name: str) -> list[str]:
    """The name a source called `name` now had at each change of its `history` (oldest first):
    before its rename, the name it had (a rename's own entry says the name renamed), so a merged
    source's creation is not said as "added ... as" a name it was only given later. (The changes
    of a source merged into it, "as EARLIER", are not its own: their renames are not.)"""
    names: list[str] = []
    for change in reversed(history):
        said = change.get("changes") if change.get("action") == "renamed" and \
            not str(change.get("detail") or "").startswith("as ") else None
        renamed = said.get("name") if type(said) is dict else None
        if type(renamed) is list and len(renamed) == 2 and type(renamed[0]) is str and renamed[0]:
            name = renamed[0]
        names.append(name)
    return names[::-1]


# The detail of a source's own entry of a merge into it (merge_sources): "NAME (side, grade G) merged into it"
_MERGED_INTO_IT = LazyPattern(r"(.+) \([a-z]+(?:, grade [A-F])?\) merged into it")


def _merged_as(history: list[dict], names: list[str]) -> dict[str, str]:
    """The `source_key` of each source merged into this one -> the name this one had then."""
    merged: dict[str, str] = {}
    for change, then in zip(history, names):
        found = _MERGED_INTO_IT.fullmatch(str(change.get("detail") or "")) if change.get("action") == "merged" else None
        if found is not None:
            merged[source_key(found[1])] = then
    return merged


def _as_made(claim: dict) -> tuple[str, bool, dict]:
    """What `_find_repeats` keeps of a claim the merged source made (`_recite`): its ID, whether it
    is deleted, and the fields its `duplicate_key` is made of."""
    return claim["id"], bool(claim.get("deleted_at")), {
        "source": claim["source"], "claimed_on": claim["claimed_on"], "place": claim.get("place"), "text": claim["text"]}


def _find_repeats(done: Recited, claimants: list[tuple]) -> None:
    """The claims and evidence items a merge made repeat others (the same claim recorded under each
    source; the same report recorded from each): a merge keeps them all, and says which.
    `claimants`: `_as_made` of each claim the merged source made, in file order."""
    first: dict[tuple, str] = {}
    deleted: list[tuple[tuple, str]] = []  # (a deleted one in the way of a restore: said too)

    def moved(claim_id: str, other: str) -> bool:  # (new: one side moved)
        return ((claim_id, None) in done.recited) != ((other, None) in done.recited)

    # A statement's key (the costly part: 1 s of a merge of 47,000 claims) only of claims whose date
    # and place (the rest of duplicate_key) both a moved claim and one that did not move have: no
    # other pair is a repeat the merge made
    places: dict[Any, str] = {}  # (a desk's few places, each folded once)
    aparts: list[tuple] = []
    sides: dict[tuple, set[bool]] = {}
    for claim_id, _, fields in claimants:
        place = fields["place"]
        if place not in places:
            places[place] = place_key(place)
        aparts.append((fields["claimed_on"], places[place]))
        sides.setdefault(aparts[-1], set()).add((claim_id, None) in done.recited)
    for (claim_id, gone, fields), apart in zip(claimants, aparts):
        if len(sides[apart]) < 2:
            continue
        key = duplicate_key(fields)
        if gone:
            deleted.append((key, claim_id))
        elif key in first:
            if moved(claim_id, first[key]):
                done.repeated_claims.append((claim_id, first[key]))
        else:
            first[key] = claim_id
    done.repeated_deleted = [(claim_id, first[key]) for key, claim_id in deleted
                             if key in first and moved(claim_id, first[key])]
    for claim in done.claims:
        items = claim.get("evidence") or []
        own = [item for item in items if item["source"] == done.source.name and not item.get("withdrawn_at")]
        if len(own) < 2:  # (a repeat, or a crossing, is two of them)
            continue
        for index, item in enumerate(items):
            if item["source"] != done.source.name or item.get("withdrawn_at"):
                continue
            found = repeated_evidence({"evidence": items[:index]}, item)  # (an earlier one: each pair once)
            if found is not None and (((claim["id"], item.get("id")) in done.recited)
                                      != ((claim["id"], found[0].get("id")) in done.recited)):
                done.repeated_items.append((claim["id"], item["id"], found[0]["id"], found[1]))
        if not claim.get("deleted_at"):
            stances = [[item for item in own if item["stance"] == stance] for stance in ("supports", "disputes")]
            if any(((claim["id"], one["id"]) in done.recited) != ((claim["id"], other["id"]) in done.recited)
                   for one in stances[0] for other in stances[1]):  # (new: as `confirm` says it)
                done.crossed.append((claim["id"], *([item["id"] for item in kept] for kept in stances)))


def _keeping_merged(current: Source, source: Source) -> Source:
    """`source` (the edited `current`) with the names merged into it that are still its names: an
    alias, or its own name after a rename to it (renamed back, it is still the merged source's,
    whose grade an older export must not give it)."""
    names = {source_key(name) for name in source.names()}
    merged = [name for name in current.merged if source_key(name) in names]
    return replace(source, merged=merged) if merged else source


def _recite(store, replaced: list[Source], source: Source, registry, analyst: str, action: str,
            detail: str, entry: dict, history: list | None = None, claimants: list | None = None) -> Recited:
    """Put `source` in the registry in place of `replaced`, and give every claim citing the first
    of them `source`'s name instead (one write, in the caller's transaction). `source` keeps
    `history` (else the first replaced one's), `entry` added to it. `claimants`: given, it gets
    `_as_made` of each claim `source` is now the claimant of, in file order (for `_find_repeats`,
    from the same reading)."""
    if history is None:
        history = store.source_history(replaced[0].name)
    extras = store.source_extras(replaced[-1].name)  # (the one it goes on as: a merge's kept, a rename's own)
    for old in replaced:
        store.remove_source(old.name)
    store.save_source(source, entry, history=history, extras=extras)
    cited = source_key(replaced[0].name)
    done = Recited(source, [])
    keys: dict[str, str] = {}  # (each name folded once, not 265,000 times over 100,000 claims)

    def cites(name: str) -> bool:
        key = keys.get(name)
        if key is None:
            key = keys[name] = source_key(name)
        return key == cited

    def recited(stored: dict) -> dict | None:
        by = cites(stored["source"])
        items = [index for index, item in enumerate(stored.get("evidence") or ()) if cites(item["source"])]
        if not by and not items:
            if claimants is not None and stored["source"] == source.name:
                claimants.append(_as_made(stored))
            return None
        claim = _to_change(stored)
        changes = None
        if by:
            # (said as an edit says it: another desk reading this one's export knows the claim by
            # the claimant it was first recorded with, models.first_recorded_key)
            changes = {"source": [claim["source"], source.name]} if claim["source"] != source.name else None
            claim["source"] = source.name
            done.as_claimant += 1
            done.recited.add((claim["id"], None))
        else:
            done.by_evidence += 1
        if items:
            evidence = claim["evidence"] = list(claim["evidence"])
            for index in items:
                evidence[index] = {**evidence[index], "source": source.name}
                done.recited.add((claim["id"], evidence[index].get("id")))
        done.status_before[claim["id"]] = claim["status"]
        done.computed_before[claim["id"]] = claim["computed_status"]
        if claimants is not None and claim["source"] == source.name:
            claimants.append(_as_made(claim))
        return _touch(claim, registry, action, analyst, changes=changes, detail=detail)

    done.claims = store.change_claims(recited)
    return done


def _to_change(stored: dict) -> dict:
    """A copy of a stored claim for a change to set its fields in and add a history entry to
    (`_touch`): the claim and its history list are copied, what the change leaves alone (the history's
    entries, the evidence) is shared, so `stored` stays as it was read (a table's own dict, for a file
    not laid out a claim a line). A deep copy of each of the 38,000 claims a rename changes at 100,000
    claims took twice as long as the rest of the rename."""
    claim = dict(stored)
    claim["history"] = copy.copy(stored["history"])  # (a list, or what a hand edit left: failing as it would)
    return claim


_UNSEEN_SAID = 5  # citations a refused `sources remove` names


def remove_source(store, name: str) -> Source:
    """Remove a source that no claim or evidence item cites (deleted and withdrawn ones count:
    a restore brings them back); one that is cited is refused, with the merge that would do."""
    with store.transaction():
        source = store.registry().get(name)
        if not written_alike(name, source.name) and source.merged_from(name):
            # (as rename, edit, merge and `sources show` say it: a name kept so its files reach `source`)
            raise InvalidValue(f"{shown(name.strip())} is a name of a source merged into {source.name}, not a source "
                               "of its own",
                               hint=f"To drop the name (a file citing it would no longer reach {source.name}): "
                                    f"`claims sources edit --clear-aliases {shell_arguments(source.name)}`, "
                                    "then --alias for each one to keep.")
        if not written_alike(name, source.name):
            raise InvalidValue(f"{shown(name.strip())} is an alias of {shown(source.name)}, not a source of its own",
                               hint=f"To drop the alias: `claims sources edit --clear-aliases {shell_arguments(source.name)}`, "
                                    "then --alias for each one to keep.")
        key = source_key(source.name)
        claims = items = gone = 0
        unseen: list[str] = []  # (what no listing shows: a deleted claim, a withdrawn item, each named)
        for stored in store.claims(include_deleted=True):
            cites = [item for item in stored.get("evidence") or () if source_key(item["source"]) == key]
            made = source_key(stored["source"]) == key
            claims += made
            items += len(cites)
            withdrawn = [str(item.get("id")) for item in cites if item.get("withdrawn_at")]
            if stored.get("deleted_at"):  # (the claim and every item on it: none is seen in a listing)
                gone += made + len(cites)
                if made or cites:
                    unseen.append(f"{stored['id']} (deleted" + (f", {', '.join(withdrawn)} withdrawn)" if withdrawn
                                                                else ")"))
            else:
                gone += len(withdrawn)
                if withdrawn:
                    unseen.append(f"{stored['id']} {', '.join(withdrawn)} (withdrawn)")
        if claims or items:
            cited = " and ".join(counted(count, noun) for count, noun in
                                 ((claims, "claim"), (items, "evidence item")) if count)
            if gone:  # (a restore, or the history, brings them back)
                cited += ", deleted or withdrawn ones included"
            found = ""
            if unseen:  # (`sources show` and the listings count what is in force: these are found so)
                more = f", and {len(unseen) - _UNSEEN_SAID} more" if len(unseen) > _UNSEEN_SAID else ""
                found = f"; not in a listing: {', '.join(unseen[:_UNSEEN_SAID])}{more}"
            raise InvalidValue(f"source {shown(source.name)} is cited by {cited}",
                               hint=f"To move them to another source and remove this one: "
                                    f"`claims sources merge {shell_arguments(source.name, 'OTHER')}`{found}")
        store.remove_source(source.name)
        return source


def remove_category(store, name: str) -> str:
    """Remove a category the desk added that no claim files under (deleted ones count: a restore
    brings them back); a built-in or used one is refused, saying why."""
    from .models import DEFAULT_CATEGORIES

    category = name.strip().lower()
    with store.transaction():
        if category not in store.categories():
            close = category_suggestions(category, [known for known in store.categories()  # (one it can remove)
                                                    if known not in DEFAULT_CATEGORIES], count=1)
            raise InvalidValue(f"unknown category {shown(category)}", hint=(f"Did you mean {close[0]}? " if close else "")
                               + "`claims categories list` lists them.")
        if category in DEFAULT_CATEGORIES:
            raise InvalidValue(f"category {shown(category)} is built in; it cannot be removed",
                               hint="Leave it unused: every database has it.")
        live = deleted = 0
        for claim in store.claims(include_deleted=True):
            if claim.get("category") == category:
                deleted += bool(claim.get("deleted_at"))
                live += not claim.get("deleted_at")
        if live:
            raise InvalidValue(f"category {shown(category)} files {live} claim{'s' if live != 1 else ''}"
                               + (f" and {deleted} deleted one{'s' if deleted != 1 else ''}" if deleted else ""),
                               hint=f"Move them first: `claims edit ID --category NAME` (`claims list --category "
                                    f"{category}` lists them).")
        if deleted:
            raise InvalidValue(f"category {shown(category)} files {deleted} deleted claim{'s' if deleted != 1 else ''}",
                               hint=f"Restore {'it' if deleted == 1 else 'them'} to move {'it' if deleted == 1 else 'them'} "
                                    f"(`claims list --deleted --category {category}` lists them): `claims restore ID`, "
                                    "then `claims edit ID --category NAME`, then `claims delete ID`.")
        store.remove_category(category)
    return category


def add_category(store, name: str) -> str:
    category = clean_slug(name, "category")
    with store.transaction():
        if category in store.categories():
            raise InvalidValue(f"category {shown(category)} already exists")
        store.add_category(category)
    return category
