"""The independence rule: how much each piece of evidence counts, and the status it adds up to.

Pure functions of a claim record, its evidence and the source registry; no I/O. The rule:

* Support is **strong** from an independent source other than the claimant, or, for a claim made
  by a party (russia/ukraine), from the opposing party (most often a concession). Support from the
  claimant's own side only corroborates (weak); for a claim by an independent or unknown-side
  source only another independent source's support is strong.
* A dispute is **strong** from an independent source other than the claimant, or from the
  claimant's own side (a party contradicting itself). A denial by the opposing party is weak.
* Evidence from an unknown-side source, or from the claimant source itself, is never strong.
  Inconclusive evidence counts for nothing.

    strong support  weak disputes  strong disputes  ->  status
         0               0               0               unverified
        >=1              0               0               confirmed
        any             >=1              0               contested
         0              any             >=1              refuted
        >=1             any             >=1              contested
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .models import Side, SourceRegistry, Stance, Status, live_evidence, opposing, source_key

STRONG = "strong"
WEAK = "weak"
NONE = "none"


@dataclass(frozen=True)
class Weight:
    """How one evidence item counts: its strength and a few words on why."""

    strength: str  # strong | weak | none
    why: str


@dataclass
class Verdict:
    """A claim's computed status with the tallies and the reason behind it."""

    status: Status
    reason: str
    strong_support: list[str] = field(default_factory=list)
    weak_support: list[str] = field(default_factory=list)
    strong_disputes: list[str] = field(default_factory=list)
    weak_disputes: list[str] = field(default_factory=list)
    own_word: list[str] = field(default_factory=list)  # of weak_support: the claimant, backing itself
    own_dispute: list[str] = field(default_factory=list)  # of weak_disputes: the claimant, walking it back


def weigh(stance: str, evidence_source: str, claimant: str, registry: SourceRegistry) -> Weight:
    """The strength of one evidence item from `evidence_source` on a claim made by `claimant`.

    Remembered per registry: 100,000 claims have only a few hundred distinct triples (issue 6).
    """
    key = (stance, evidence_source, claimant)
    try:
        return registry.weights[key]
    except KeyError:
        weight = registry.weights[key] = _weigh(stance, evidence_source, claimant, registry)
        return weight


def _weigh(stance: str, evidence_source: str, claimant: str, registry: SourceRegistry) -> Weight:
    if stance == Stance.INCONCLUSIVE.value:
        return Weight(NONE, "inconclusive")
    if stance != Stance.SUPPORTS.value and stance != Stance.DISPUTES.value:
        # (a hand edit's 'support': weighed as a dispute, it turned a claim refuted; doctor names it)
        return Weight(NONE, "a stance the rule does not know")
    claimant_side = registry.side_of(claimant)
    side = registry.side_of(evidence_source)
    supports = stance == Stance.SUPPORTS.value
    if same_source(evidence_source, claimant, registry):
        return Weight(WEAK, _ITSELF)
    if side is Side.UNKNOWN:
        return Weight(WEAK, "source of unknown side")
    if side is Side.INDEPENDENT:
        return Weight(STRONG, "independent source")
    # The evidence comes from a party.
    if supports:
        if claimant_side in (Side.RUSSIA, Side.UKRAINE) and side is opposing(claimant_side):
            # (not "a concession": a Russian channel confirming DeepState's map of Russian gains concedes nothing)
            return Weight(STRONG, "support from the opposing party")
        if side is claimant_side:
            return Weight(WEAK, "corroboration by the claimant's own side")
        return Weight(WEAK, "support from a party to the war")
    if side is claimant_side:
        return Weight(STRONG, "contradicted by the claimant's own side")
    if claimant_side in (Side.RUSSIA, Side.UKRAINE):
        return Weight(WEAK, "denial by the opposing party")
    return Weight(WEAK, "dispute from a party to the war")


_ITSELF = "the claimant itself"


def same_source(first: str, second: str, registry: SourceRegistry) -> bool:
    """Whether two names are one source, as the rule tells the claimant's own word: the same name
    (case and spacing aside), or names (or aliases) of one registered source."""
    if source_key(first) == source_key(second):
        return True
    a, b = registry.find(first), registry.find(second)
    return a is not None and a is b


def status_from_counts(strong_support: int, weak_disputes: int, strong_disputes: int) -> Status:
    """The status table, nothing else."""
    if strong_disputes:
        return Status.CONTESTED if strong_support else Status.REFUTED
    if weak_disputes:
        return Status.CONTESTED
    return Status.CONFIRMED if strong_support else Status.UNVERIFIED


_SUPPORTS = Stance.SUPPORTS.value  # (an enum member's value is a property: read once, not per item)


def status_of(claimant: str, live: Iterable[tuple[str, str]], registry: SourceRegistry) -> Status:
    """`evaluate`'s status, from the (stance, source) of each live evidence item alone: the
    weights' tallies without the names and reasons (`claims doctor` checks each stored status)."""
    strong_support = weak_disputes = strong_disputes = 0
    for stance, source in live:
        strength = weigh(stance, source, claimant, registry).strength
        if strength == NONE:
            continue
        if stance == _SUPPORTS:
            strong_support += strength == STRONG
        elif strength == STRONG:
            strong_disputes += 1
        else:
            weak_disputes += 1
    return status_from_counts(strong_support, weak_disputes, strong_disputes)


def evaluate(claim: dict, registry: SourceRegistry) -> Verdict:
    """Weigh every live evidence item of `claim` and derive its status and reason."""
    verdict = Verdict(Status.UNVERIFIED, "")
    claimant = claim["source"]
    live = live_evidence(claim)
    for item in live:
        weight = weigh(item["stance"], item["source"], claimant, registry)
        if weight.strength == NONE:
            continue
        if item["stance"] == Stance.SUPPORTS.value:
            bucket = verdict.strong_support if weight.strength == STRONG else verdict.weak_support
            if weight.why == _ITSELF and item["source"] not in verdict.own_word:
                verdict.own_word.append(item["source"])
        else:
            bucket = verdict.strong_disputes if weight.strength == STRONG else verdict.weak_disputes
            if weight.why == _ITSELF and item["source"] not in verdict.own_dispute:
                verdict.own_dispute.append(item["source"])
        if item["source"] not in bucket:
            bucket.append(item["source"])
    verdict.status = status_from_counts(
        len(verdict.strong_support), len(verdict.weak_disputes), len(verdict.strong_disputes))
    verdict.reason = _reason(verdict, bool(live), bool(claim.get("evidence")))
    return verdict


def _names(sources: list[str]) -> str:
    return ", ".join(sources)


def _reason(verdict: Verdict, has_evidence: bool, had_evidence: bool) -> str:
    """Why the claim has its status; `has_evidence`: live evidence, `had_evidence`: any, withdrawn too."""
    status = verdict.status
    if status is Status.UNVERIFIED:
        if verdict.weak_support:
            return f"no independent support yet: only {_weak_support(verdict)}"  # (the status line brackets it)
        if has_evidence:
            return "no independent support yet"
        return "no evidence in force: all withdrawn" if had_evidence else "no evidence yet"
    if status is Status.CONFIRMED:
        return f"strong support from {_names(verdict.strong_support)}"
    if status is Status.REFUTED:
        return f"strong dispute from {_names(verdict.strong_disputes)}, no strong support"
    parts = []
    if verdict.strong_support:
        parts.append(f"strong support from {_names(verdict.strong_support)}")
    if verdict.strong_disputes:
        parts.append(f"strong dispute from {_names(verdict.strong_disputes)}")
    if verdict.weak_disputes:
        # (the claimant's own dispute is weak, as a collective source may be another of its voices,
        # but it is said whose it is: "disputed by Russian MoD" read as another voice)
        parts.append("disputed by " + _names([f"{source} (the claimant itself)" if source in verdict.own_dispute
                                              else source for source in verdict.weak_disputes]))
    if verdict.weak_support and not verdict.strong_support:  # (evidence for it that does not settle it)
        parts.append(f"only {_weak_support(verdict)}")
    return "; ".join(parts)


def _weak_support(verdict: Verdict) -> str:
    """"weak support from X", and/or "the claimant's own word"."""
    others = [source for source in verdict.weak_support if source not in verdict.own_word]
    named = [f"weak support from {_names(others)}"] if others else []
    if verdict.own_word:
        named.append("the claimant's own word")
    return ", and ".join(named)


def status_in_force(claim: dict) -> str:
    """The analyst's assessment when there is one, else the computed status."""
    assessment = claim.get("assessment")
    return assessment["status"] if assessment else claim["computed_status"]


def refresh_status(claim: dict, registry: SourceRegistry) -> dict:
    """Recompute and store `computed_status` and `status` on the record; returns it.

    Both are stored rather than derived on every read: listing 100,000 claims by status must not
    re-run the rule for each (issue 6). This function is the only place they are set.

    By `status_of`, `evaluate`'s status without the reason it also words (which is not stored): a
    rename re-rates 38,000 claims at 100,000, and the reason took half the time. The items are
    read, and weighed, in `evaluate`'s order, so a damaged one fails as it would there.
    """
    claim["computed_status"] = status_of(
        claim["source"], ((item["stance"], item["source"]) for item in live_evidence(claim)), registry).value
    claim["status"] = status_in_force(claim)
    return claim


def involves(claim: dict, source_name: str) -> bool:
    """Whether the claim was made by, or has evidence from, the named source."""
    key = source_key(source_name)
    if source_key(claim["source"]) == key:
        return True
    return any(source_key(item["source"]) == key for item in claim.get("evidence") or ())
