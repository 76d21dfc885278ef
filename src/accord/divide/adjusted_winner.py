"""Adjusted Winner (Brams & Taylor 1996, 1999): divide items between two parties, equitably, splitting at most one.

Arithmetic is exact (``fractions.Fraction``); results convert to ``float`` only for display.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Rational

Number = int | float | Fraction


@dataclass(frozen=True)
class Division:
    """The outcome: ``shares[k]`` is the fraction of item k that goes to the first party.

    ``points`` are each party's total after the division, on its own normalised 100-point scale;
    ``split`` is the index of the item that is shared, or ``None``. ``parties`` and ``items`` name them;
    ``normalised`` says whether the points given did not already sum to 100 for each party.
    """

    shares: tuple[Fraction, ...]
    points: tuple[Fraction, Fraction]
    split: int | None
    points_a: tuple[Fraction, ...]
    points_b: tuple[Fraction, ...]
    parties: tuple[str, str] = ("A", "B")
    items: tuple[str, ...] = ()
    normalised: bool = field(default=False, compare=False)

    def to_json(self) -> dict:
        """The division document (``docs/json.md``): shares as floats and exact fractions, by item name."""
        return {
            "parties": list(self.parties),
            "items": list(self.items),
            "item_points": {item: [float(a), float(b)] for item, a, b in zip(self.items, self.points_a, self.points_b)},
            "normalised": self.normalised,
            "shares": {item: float(share) for item, share in zip(self.items, self.shares)},
            "shares_exact": {item: str(share) for item, share in zip(self.items, self.shares)},
            "split": self.items[self.split] if self.split is not None else None,
            "points": [float(p) for p in self.points],
            "points_exact": [str(p) for p in self.points],
            "explanation": self.explain(),
        }

    def explain(self) -> str:
        """Say who gets what in one plain-English sentence."""
        a, b = self.parties
        label = [item_label(item) for item in self.items]
        whole_a = [label[k] for k, share in enumerate(self.shares) if share == 1]
        whole_b = [label[k] for k, share in enumerate(self.shares) if share == 0]
        parts = []
        if whole_a:
            parts.append(f"{a} receives {_join(whole_a)} outright")
        if whole_b:
            parts.append(f"{b} receives {_join(whole_b)} outright")
        if self.split is not None:
            share = self.shares[self.split]
            parts.append(f"{label[self.split]} is split: {a} {float(share):.2f}, {b} {float(1 - share):.2f}")
        total_a, total_b = self.points
        ending = (
            f"both end with {float(total_a):.1f} points"
            if total_a == total_b
            else f"{a} ends with {float(total_a):.1f} points, {b} with {float(total_b):.1f}"
        )
        return "; ".join(parts) + f"; {ending}."


def item_label(item: str) -> str:
    """An item's name as a reader sees it: underscores as spaces, first letter capital."""
    text = item.replace("_", " ")
    return text[:1].upper() + text[1:]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def normalise(points: Sequence[Number]) -> tuple[Fraction, ...]:
    """Scale non-negative points exactly so that they sum to 100."""
    exact = tuple(_exact(p) for p in points)
    if any(p < 0 for p in exact):
        raise ValueError("points must be non-negative")
    total = sum(exact, Fraction(0))
    if total <= 0:
        raise ValueError("points must have a positive total")
    return tuple(p * 100 / total for p in exact)


def adjusted_winner(points_a: Sequence[Number], points_b: Sequence[Number], *,
                    parties: Sequence[str] = ("A", "B"), items: Sequence[str] | None = None) -> Division:
    """Divide the items between party A (first) and party B, whose points are normalised to 100 each.

    ``parties`` and ``items`` name them in the result (items default to ``item 1``, ``item 2``, ...).

    1. Each item goes to the party giving it more points. Tie rule: a tied item goes first to the party with the
       larger total from the items it wins outright (A when those totals are equal); its ratio is 1, the smallest,
       so it is the first item to move if that party ends up ahead.
    2. While the richer party is still ahead, its items move to the other party in increasing order of
       (richer's points / other's points); equal ratios move in input order. Items worth 0 to both never move.
    3. The first item whose whole move would reverse the order is split so that both totals are equal.

    The result is equitable (equal totals), envy-free and efficient, with at most one split item.
    """
    a, b = normalise(points_a), normalise(points_b)
    if len(a) != len(b) or (items is not None and len(items) != len(a)):
        raise ValueError("both parties must give points to the same items")
    names = (tuple(parties), tuple(items) if items is not None else tuple(f"item {k + 1}" for k in range(len(a))),
             any(sum(map(_exact, given), Fraction(0)) != 100 for given in (points_a, points_b)))
    owner_a = _initial_owner(a, b)
    total_a = sum((a[k] for k in range(len(a)) if owner_a[k]), Fraction(0))
    total_b = sum((b[k] for k in range(len(b)) if not owner_a[k]), Fraction(0))
    shares = [Fraction(1) if owned else Fraction(0) for owned in owner_a]
    if total_a == total_b:
        return Division(tuple(shares), (total_a, total_b), None, a, b, *names)
    a_richer = total_a > total_b
    rich, poor = (a, b) if a_richer else (b, a)
    rich_total, poor_total = (total_a, total_b) if a_richer else (total_b, total_a)
    movable = [k for k in range(len(a)) if owner_a[k] == a_richer and (rich[k] or poor[k])]
    movable.sort(key=lambda k: (_ratio(rich[k], poor[k]), k))
    split = None
    for k in movable:
        after_rich, after_poor = rich_total - rich[k], poor_total + poor[k]
        if after_rich >= after_poor:
            shares[k] = 1 - shares[k]
            rich_total, poor_total = after_rich, after_poor
            if after_rich == after_poor:
                break
            continue
        keep = (poor_total + poor[k] - (rich_total - rich[k])) / (rich[k] + poor[k])
        shares[k] = keep if a_richer else 1 - keep
        rich_total = rich_total - rich[k] + keep * rich[k]
        poor_total = poor_total + (1 - keep) * poor[k]
        split = k
        break
    totals = (rich_total, poor_total) if a_richer else (poor_total, rich_total)
    return Division(tuple(shares), totals, split, a, b, *names)


def _initial_owner(a: tuple[Fraction, ...], b: tuple[Fraction, ...]) -> list[bool]:
    """Return, per item, whether A gets it in step 1 (ties to the party ahead on items won outright)."""
    outright_a = sum((x for x, y in zip(a, b) if x > y), Fraction(0))
    outright_b = sum((y for x, y in zip(a, b) if y > x), Fraction(0))
    tie_to_a = outright_a >= outright_b
    return [x > y or (x == y and tie_to_a) for x, y in zip(a, b)]


def _ratio(rich: Fraction, poor: Fraction) -> Fraction | float:
    return rich / poor if poor else float("inf")


def _exact(value: Number) -> Fraction:
    if isinstance(value, bool):
        raise ValueError("points must be numbers")
    if isinstance(value, (int, Rational)):
        return Fraction(value)
    return Fraction(str(value)) if isinstance(value, float) else Fraction(value)
