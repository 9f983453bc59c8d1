"""Selecting and ordering claims: the filters every listing, view and export shares.

Pure functions over claim dicts. Filters compare cheap fields first so that a selective query over
100,000 claims touches little more than the dicts themselves.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from .errors import InvalidValue, shown
from .models import (
    Side, SourceRegistry, Status, alphabetical, as_latin_letters, category_suggestions, claim_tags, claimed_day,
    clean_enum, closest, fold_without_apostrophes, normalise_text, place_key, same_place_key, same_region_key,
    sort_value, source_key, split_tags, tag_key, unify_dashes, unknown_category_said, DASHES,
)


def id_order(claim: dict) -> tuple[int, str]:
    """Numeric ID order from the text alone: IDs are padded to four digits only, so as text
    C-10000 would come before C-9999; a longer ID is always a larger number."""
    return len(claim["id"]), claim["id"]


SORT_KEYS = {
    "id": id_order,
    "claimed": lambda c: (sort_value(c, "claimed_on"), id_order(c)),
    "updated": lambda c: (sort_value(c, "updated_at"), id_order(c)),
    "created": lambda c: (sort_value(c, "created_at"), id_order(c)),
    "source": lambda c: (alphabetical(c["source"]), c["claimed_on"], id_order(c)),
    "place": lambda c: (not c.get("place"), alphabetical(c.get("place")), c["claimed_on"], id_order(c)),
    "status": lambda c: (c["status"], c["claimed_on"], id_order(c)),
}
# Keys whose order reversed is not simply the other: a claim with no place is last either way
_DESCENDING_KEYS = {
    "place": lambda c: (bool(c.get("place")), alphabetical(c.get("place")), c["claimed_on"], id_order(c)),
}
SORT_ALIASES = {"claimed_on": "claimed", "date": "claimed", "updated_at": "updated", "created_at": "created"}



@dataclass
class ClaimFilter:
    """What to select. Empty fields select everything; several values of one field are OR-ed."""

    sources: list[str] = field(default_factory=list)  # canonical source names
    evidence_by: list[str] = field(default_factory=list)  # canonical names of sources of live evidence
    sides: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    since: date | None = None
    until: date | None = None
    text: str | None = None
    overridden: bool = False  # only claims whose assessment is not the computed status

    def is_empty(self) -> bool:
        return not (self.sources or self.evidence_by or self.sides or self.regions or self.places or self.categories
                    or self.tags or self.statuses or self.since or self.until or self.text or self.overridden)


def make_filter(registry: SourceRegistry, *, sources=(), evidence_by=(), sides=(), regions=(), places=(),
                categories=(), tags=(), statuses=(), since: date | None = None,
                until: date | None = None, text: str | None = None, overridden: bool = False,
                known_categories=None) -> ClaimFilter:
    """Validate filter values from the command line (an unknown source, status, or category when
    `known_categories` is given, is an error: a typo would otherwise match nothing, silently)."""
    if since and until and since > until:
        raise InvalidValue(f"--since {since} is after --until {until}")
    return ClaimFilter(
        sources=[registry.get(name).name for name in sources or ()],
        evidence_by=[registry.get(name).name for name in evidence_by or ()],
        sides=[_one_of(Side, side, "side") for side in sides or ()],
        # (as duplicates compare places: any dash as "-", as --text takes it: "Купʼянськ–Вузловий")
        regions=[place_key(region) for region in regions or ()],
        places=[place_key(place) for place in places or ()],
        categories=[_known_category(category, known_categories) for category in categories or ()],
        tags=[tag_key(part) for tag in tags or () for part in split_tags(tag)],  # (as tags compare)
        statuses=[_one_of(Status, status, "status") for status in statuses or ()],
        since=since,
        until=until,
        text=search_words(text),
        overridden=overridden,
    )


class KeptOut:
    """The regions, places and tags near those a --region, --place or --tag asked for (`is_near`),
    of the claims that filter alone kept out (every other filter let them in), until a claim
    matches (`matcher`): what a filter that found nothing may have been meant as (`near_values`),
    each value as often as it would find a claim; and of the claims a --place and a --region both
    kept out, those whose place and region may each be one asked for written otherwise (`pairs`:
    the `OtherWritings` given with it, which counts them under "place and region", Покровськ in
    Донецька область for --place Pokrovsk --region Donetsk). Once one has matched none is noted: a
    filter that found some claims may be right, and is not second-guessed."""

    __slots__ = ("regions", "places", "tags", "pairs", "found")

    def __init__(self) -> None:
        self.regions: list = []  # (as stored, one a claim kept out: counted when a hint asks)
        self.places: list = []
        self.tags: list = []
        self.pairs: OtherWritings | None = None  # (see `matcher`)
        self.found = False

    def noting(self, *, regions: set, places: set, tags: set, lets_in: Callable[[dict], bool] | None = None):
        """note(claim, option): of a claim `option` ("region", "place" or "tags") alone kept out,
        its values of that field near those asked for (`regions`, `places`, `tags`, as keyed), if
        `lets_in(claim)` too (--text: looked at only then, as it costs most). Whether a value is
        near is found once a value: a listing of 100,000 that found nothing notes few."""
        asked = {"region": (regions, place_key, self.regions), "place": (places, place_key, self.places),
                 "tags": (tags, tag_key, self.tags)}
        # (a place or region written otherwise, Покровськ for Pokrovsk, Донецька область for Donetsk, is
        # near too, as `OtherWritings` has it: one keyed to nothing, "Oblast" alone, meets none)
        same = {"region": same_region_key, "place": same_place_key}
        alike = {option: {key for value in given if (key := same[option](value))}
                 for option, given in (("region", regions), ("place", places))}
        near: dict = {}  # (option, value) -> whether near those asked for

        def noted(option: str, value: Any) -> bool:
            known = near.get((option, value))
            if known is None:
                given, key, _ = asked[option]
                known = near[(option, value)] = type(value) is str and bool(value.strip()) and \
                    (is_near(key(value), given) or bool(alike.get(option)) and same[option](value) in alike[option])
            return known

        def note(claim: dict, option: str) -> None:
            values = claim.get(option)
            if option == "tags":
                values = values if type(values) is list else ()
            chosen = [value for value in values if noted(option, value)] if option == "tags" else \
                [values] if noted(option, values) else ()
            if chosen and (lets_in is None or lets_in(claim)):
                asked[option][2].extend(chosen)

        return note


class OtherWritings:
    """The places (and regions) of the claims a --place (a --region) kept out that may be one it
    asked for written otherwise (`same_place_key`: Покровськ or Покровск for Pokrovsk;
    `same_region_key`: Донецька область for Donetsk), each as often as a claim every other filter
    lets in has it (`matcher`): what a listing that found claims notes. A claim both keep out, its
    place and its region each one asked for written otherwise, is counted under "place and region"
    by the two (Покровськ in Донецька область, for --place Pokrovsk --region Donetsk)."""

    __slots__ = ("asked", "alike", "found")

    def __init__(self, places: list[str], regions: list[str] = ()) -> None:
        # (the filter's values, as keyed; one keyed to nothing, "Oblast" alone, meets none)
        self.asked = {"place": {key for place in places if (key := same_place_key(place))},
                      "region": {key for region in regions if (key := same_region_key(region))}}
        # a value as written -> whether it meets one asked (a desk writes a few hundred)
        self.alike: dict[str, dict[str, bool]] = {"place": {}, "region": {}}
        # a value -> its claims kept out ("place and region": a (place, region) pair)
        self.found: dict[str, Counter] = {"place": Counter(), "region": Counter(), "place and region": Counter()}

    def meets(self, option: str, value: Any) -> bool:
        """Whether `value`, a claim's "place" or "region" (`option`), may be one asked for written otherwise."""
        if type(value) is not str:
            return False
        known = self.alike[option].get(value)
        if known is None:
            key = (same_place_key if option == "place" else same_region_key)(value)
            known = self.alike[option][value] = key in self.asked[option]
        return known

    def writings(self, option: str) -> list[tuple[Any, int]]:
        """(a place or region, or a (place, region) pair, how many claims kept out have it), most
        first: each written as most of its claims write it, those one to the filter as one
        (Покровськ and покровськ)."""
        counts: dict[Any, Counter] = {}
        for value, count in self.found[option].items():
            counts.setdefault(_each(place_key, value), Counter())[value] += count
        return sorted(((written.most_common(1)[0][0], sum(written.values())) for written in counts.values()),
                      key=lambda pair: (-pair[1], _each(alphabetical, pair[0])))


def _each(key, value: "str | tuple"):
    """`key` of a value, or of each of a pair's."""
    return tuple(map(key, value)) if type(value) is tuple else key(value)


def is_near(value: str, given: set) -> bool:
    """Whether a recorded value (keyed as the filter keys it) may be what one of the values `given`
    meant, as `near_values` chooses them: one holds the other as a whole word, or a near spelling
    (difflib's ratio of 0.75, as `closest` at that cutoff)."""
    words = _WORD.findall(value)
    for asked in given:
        if re.search(rf"(?<!\w){re.escape(asked)}(?!\w)", value) or _holds_words(_WORD.findall(asked), words):
            return True
        matcher = difflib.SequenceMatcher(None, value.casefold(), asked.casefold())
        if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75 and matcher.ratio() >= 0.75:
            return True
    return False


_WORD = re.compile(r"\w+")


def _holds_words(words: list[str], part: list[str]) -> bool:
    """Whether `part` is a run of `words` (a recorded "Kharkiv" in an asked "Kharkiv Oblast")."""
    return bool(part) and any(words[at:at + len(part)] == part for at in range(len(words) - len(part) + 1))


def near_values(given: list[str], recorded: list, key, alike=None) -> list[tuple[str, int]]:
    """(a value, how many claims have it) of the `recorded` ones (`KeptOut`) the filter's values
    `given` (as `key` makes them) may have been meant as, up to three: one holding a given value as
    a whole word, or held in it as one ("Kharkiv Oblast" for Kharkiv, and Kharkiv for "Kharkiv
    Oblast"), one the same written otherwise, if `alike` keys them so (`same_place_key`: Покровськ
    for Pokrovsk; `same_region_key`: Донецька область for Donetsk), else a near spelling (`closest`, at difflib's 0.75: Kupyansk for Kupiansk, Kharkiv
    for Kharkov, Slavyansk for Sloviansk). Each is written as most of its claims write it. (`KeptOut`
    notes text only, near the values given and never one of them: a claim with one passes that filter.)"""
    writings: dict[str, Counter] = {}
    for value, count in Counter(recorded).items():
        writings.setdefault(key(value), Counter())[value] += count
    chosen: list[str] = []
    for value in given:
        word = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
        holding = [known for known in writings if word.search(known)
                   or re.search(rf"(?<!\w){re.escape(known)}(?!\w)", value)
                   or alike is not None and alike(known) == alike(value) != ""]  # ("Oblast" alone meets none)
        holding.sort(key=lambda known: -sum(writings[known].values()))
        chosen += [known for known in dict.fromkeys(holding + closest(value, writings, cutoff=0.75))
                   if known not in chosen]
    return [(writings[known].most_common(1)[0][0], sum(writings[known].values())) for known in chosen[:3]]


# What a word copied from a report may carry around it ("Kupiansk," "(Kupiansk)" «Kupiansk»), left out
_AROUND_WORDS = ",.;:!?\"'()[]{}«»“”„‘’"


def search_words(text: str | None) -> str | None:
    """--text as it is matched: as `normalise_text` compares statements (folded, without a final
    stop: "Heavy fighting." copied from a report finds "Heavy fighting is..."), each word without
    the punctuation around it, and without apostrophes (`fold_without_apostrophes`, as the fields
    are read: "Pokrovs'k" finds Pokrovsk and Pokrovs’k); None if nothing is left."""
    normal = (normalise_text(text) if text else "") or None
    if normal is None:
        return None
    words = [stripped for word in normal.split() if (stripped := word.strip(_AROUND_WORDS).replace("'", ""))]
    return " ".join(words) or None  # (punctuation alone: no word to look for, refused)


def _one_of(enum, value: str, field_name: str) -> str:
    """`clean_enum`, with a hint for "contested,refuted" (the option repeats, as `--tag "a,b"` is
    told its separator) and for "deleted" (no status: `list --deleted`)."""
    try:
        return clean_enum(enum, value, field_name)
    except InvalidValue as err:
        parts = [part.strip().lower() for part in re.split("[,;]", value) if part.strip()]
        option = f"--{field_name}"
        if len(parts) > 1 and all(part in {member.value for member in enum} for part in parts):
            err.hint = f"{option} takes one value; repeated, any of them: " + \
                " ".join(f"{option} {part}" for part in parts) + "."
        elif enum is Status and value.strip().lower() == "deleted":
            err.hint = "A deleted claim has no status to filter by: `claims list --deleted` lists them."
        raise


def _known_category(value: str, known) -> str:
    category = value.strip().lower()
    if known is not None and category not in known:
        said, hint = unknown_category_said(value, category, list(known))
        if hint is None:
            suggestions = category_suggestions(category, known)
            hint = f"Did you mean: {', '.join(suggestions)}?" if suggestions else None
        raise InvalidValue(said, hint=hint, field="--category")
    return category


def matcher(filt: ClaimFilter, registry: SourceRegistry, kept_out: KeptOut | None = None,
            other_writings: OtherWritings | None = None):
    """A predicate claim -> bool for `filt`; the claims its --region, --place or --tag keep out
    noted in `kept_out`, if given (for the hint of a listing that found nothing), and the places
    (regions) of those its --place (--region) alone keeps out that may be one it asked for in
    `other_writings`, if given (for the note of a listing that found some)."""
    sources = set(filt.sources)
    if filt.sides:
        wanted = set(filt.sides)
        sources_by_side = {s.name for s in registry if s.side in wanted}
        sources = sources & sources_by_side if sources else sources_by_side
        if not sources:
            return lambda claim: False
    statuses = set(filt.statuses)
    categories = set(filt.categories)
    regions = set(filt.regions)
    places = set(filt.places)
    tags = set(filt.tags)
    since = filt.since.isoformat() if filt.since else None
    until = filt.until.isoformat() if filt.until else None
    words = filt.text.split() if filt.text else None  # each somewhere in the fields, in any order
    # (the fields without apostrophes, as the words are: "Pokrovsk" finds Pokrovs'k, and "Pokrovs'k" Pokrovsk)
    fold_fields = fold_without_apostrophes
    if words and any(dash in word for word in words for dash in "-" + DASHES):
        # (a word with a dash finds it written with any: KH-001 is KH‑001 with a non-breaking hyphen)
        words = [unify_dashes(word) for word in words]
        fold_words = fold_fields
        fold_fields = lambda text: unify_dashes(fold_words(text))  # noqa: E731
    restrict_sources = bool(filt.sources or filt.sides)
    evidence_by = set(filt.evidence_by)
    overridden = filt.overridden

    def has_words(claim: dict) -> bool:
        haystack = fold_fields("\n".join([value for value in (
            claim["text"], claim.get("place"), claim.get("region"), claim.get("outlet"), claim.get("note"),
            claim.get("ref"), *(claim.get("urls") or ()),  # ("have I logged this post?")
            *(value for item in claim.get("evidence") or () if type(item) is dict  # (who said what, and where)
              for value in (item.get("note"), item.get("url"))))
            if type(value) is str]))  # (a hand edit may have put a number there)
        return all(word in haystack for word in words)

    note = kept_out.noting(regions=regions, places=places, tags=tags, lets_in=has_words if words else None) \
        if kept_out is not None and (regions or places or tags) else None
    if kept_out is not None and other_writings is not None and places and regions:
        # (the claims both keep out, each written otherwise, are what the note counts: of a listing
        # that found none, the hint offers them, counted once)
        kept_out.pairs = other_writings

    keyed: dict[str, str] = {}  # place_key of each place and region met: a desk writes a few hundred
    # (OtherWritings.meets, cached: a dict lookup a claim kept out, most values being known)
    alike_places = other_writings.alike["place"] if other_writings is not None and places else None
    alike_regions = other_writings.alike["region"] if other_writings is not None and regions else None

    def place_of(value: Any) -> str:
        key = keyed.get(value) if type(value) is str else None
        if key is None:
            key = place_key(value)
            if type(value) is str:
                keyed[value] = key
        return key

    tag_keys: dict[str, str] = {}  # tag_key of each tag met (as places: a desk's tags repeat)

    def tags_pass(claim: dict) -> bool:
        if not tags:
            return True
        for tag in claim_tags(claim) or ():  # (text, not a list: refused, not read a character at a time)
            if type(tag) is str:
                key = tag_keys.get(tag)
                if key is None:
                    key = tag_keys[tag] = tag_key(tag)
                if key in tags:
                    return True
        return False

    def missed(claim: dict, failed: str) -> bool:
        """False, the claim noted in `kept_out` if the filter `failed` ("region", "place" or
        "tags", as `match` tries them) alone keeps it out (the ones before it let it in; each other
        filter but --text has; `note` looks at --text) while none has matched: a value the hint
        offers then finds its claims."""
        if note is not None and not kept_out.found and \
                (failed != "region" or not places or place_of(claim.get("place")) in places) and \
                (failed == "tags" or tags_pass(claim)):
            note(claim, failed)
        return False

    def written_otherwise(claim: dict, option: str) -> None:
        """The claim's place or region (`option`), which may be one asked for written otherwise,
        counted in `other_writings` if the filters after that one let the claim in: its region with
        its place, if --place keeps it out too and its place may be one asked for written otherwise."""
        counted = option, claim[option]
        if option == "region" and places and place_of(claim.get("place")) not in places:
            if not other_writings.meets("place", claim.get("place")):
                return
            counted = "place and region", (claim["place"], claim["region"])
        if tags_pass(claim) and (not words or has_words(claim)):
            other_writings.found[counted[0]][counted[1]] += 1

    def match(claim: dict) -> bool:
        if restrict_sources and claim["source"] not in sources:
            return False
        if statuses and claim["status"] not in statuses:
            return False
        if overridden and not _overridden(claim, registry):
            return False
        if evidence_by and not any(item.get("source") in evidence_by and not item.get("withdrawn_at")
                                   for item in claim.get("evidence") or () if type(item) is dict):
            return False
        if since or until:
            day = claimed_day(claim)
            if (since and day < since) or (until and day > until):
                return False
        if categories and claim["category"] not in categories:
            return False
        if regions and place_of(claim.get("region")) not in regions:
            if alike_regions is not None:
                region = claim.get("region")
                known = alike_regions.get(region) if type(region) is str else False
                if known or known is None and other_writings.meets("region", region):
                    written_otherwise(claim, "region")
            return missed(claim, "region")
        if places and place_of(claim.get("place")) not in places:
            if alike_places is not None:
                place = claim.get("place")
                known = alike_places.get(place) if type(place) is str else False
                if known or known is None and other_writings.meets("place", place):
                    written_otherwise(claim, "place")
            return missed(claim, "place")
        if not tags_pass(claim):
            return missed(claim, "tags")
        if words and not has_words(claim):
            return False
        if note is not None:
            kept_out.found = True
        return True

    return match


def _overridden(claim: dict, registry: SourceRegistry) -> bool:
    """Whether the claim's assessment is not the status the rule computes (read from the record,
    or, if a hand edit dropped it, from the rule)."""
    assessment = claim.get("assessment")
    if not assessment:
        return False
    computed = claim.get("computed_status")
    if computed is None:
        from .verification import evaluate

        computed = evaluate(claim, registry).status.value
    return assessment.get("status") != computed


def parse_sort(sort: str | None) -> tuple[str, bool]:
    """'claimed' -> ('claimed', False); '-claimed' -> ('claimed', True)."""
    if sort is not None and not sort.strip():
        raise InvalidValue("--sort is empty", hint=f"Leave --sort out, or give one of: {', '.join(SORT_KEYS)}.")
    text = as_latin_letters((sort or "-claimed").strip()).lower()  # (an "іd" with a Ukrainian і is id)
    descending = text.startswith("-")
    bare = text[1:] if descending else text  # (one "-": "--id" is no key)
    name = SORT_ALIASES.get(bare, bare)
    if name not in SORT_KEYS:
        raise InvalidValue(f"cannot sort by {shown(sort)}; choose one of: {', '.join(SORT_KEYS)}",
                           hint="Prefix with - for descending order, e.g. --sort -claimed.")
    return name, descending


def select(claims, filt: ClaimFilter, registry: SourceRegistry, *, sort: str | None = None,
           limit: int | None = None) -> list[dict]:
    """Filter, sort and cut a stream of claims."""
    return select_page(claims, filt, registry, sort=sort, limit=limit)[0]


def select_page(claims, filt: ClaimFilter, registry: SourceRegistry, *, sort: str | None = None,
                limit: int | None = None, kept_out: KeptOut | None = None,
                other_writings: OtherWritings | None = None) -> tuple[list[dict], int]:
    """(the first `limit` matching claims in order (all if None or 0), how many matched); the
    claims kept out noted in `kept_out` and `other_writings` (see `matcher`)."""
    name, descending = parse_sort(sort)
    if limit is not None and limit < 0:
        raise InvalidValue("--limit must be 0 or more")
    matches = claims if filt.is_empty() else filter(matcher(filt, registry, kept_out, other_writings), claims)
    key = sort_key(name, descending)
    if limit:
        # A page of 50 out of 100,000: a heap selection over the stream, holding 50 claims
        # rather than every match (same result as sorted(...)[:limit]; every sort key ends
        # with the unique ID, so no ties).
        counted = _Counted(matches)
        pick = heapq.nlargest if descending else heapq.nsmallest
        page = pick(limit, counted, key=key)
        return page, counted.count
    chosen = list(matches)
    chosen.sort(key=key, reverse=descending)
    return chosen, len(chosen)


class _Counted:
    """An iterator that counts what passes through it."""

    def __init__(self, items):
        self._items = iter(items)
        self.count = 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self._items)
        self.count += 1
        return item


def store_query(filt: ClaimFilter, registry: SourceRegistry, sort: str | None, *, only_deleted: bool = False,
                kept_out: KeptOut | None = None, other_writings: OtherWritings | None = None):
    """(match or None for all, order, descending): the arguments of `ClaimStore.select` for a filter
    and a --sort (the claims kept out noted in `kept_out` and `other_writings`: see `matcher`).
    Orders "id", "claimed" (the default), "updated" and "created" ask the store for that order,
    which it can give without parsing."""
    name, descending = parse_sort(sort)
    match = None if filt.is_empty() else matcher(filt, registry, kept_out, other_writings)
    if only_deleted:
        live_match = match
        match = (lambda claim: bool(claim.get("deleted_at")) and live_match(claim)) if live_match else \
            (lambda claim: bool(claim.get("deleted_at")))
    # (store.BY_ID, BY_CLAIMED, BY_UPDATED, BY_CREATED: orders the store can give without parsing)
    return match, (name if name in ("id", "claimed", "updated", "created") else sort_key(name, descending)), descending


def sort_key(name: str, descending: bool):
    """The key of an order sorted one way (`descending`: with reverse=True, or by heapq.nlargest)."""
    return _DESCENDING_KEYS.get(name, SORT_KEYS[name]) if descending else SORT_KEYS[name]


def source_matches(claim: dict, name: str) -> bool:
    return source_key(claim["source"]) == source_key(name)
