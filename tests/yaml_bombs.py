"""YAML whose anchors and aliases expand enormously: a few hundred bytes that stand for ``10**levels`` values."""

from __future__ import annotations


def alias_bomb(levels: int = 9) -> str:
    """A flow sequence of nested aliases, each list ten copies of the one before (``10**levels`` values)."""
    lists = ["&a0 [" + ", ".join(["q"] * 10) + "]"]
    lists += [f"&a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, levels + 1)]
    return "[" + ", ".join(lists) + "]"


REFUSAL = "YAML anchors and aliases expand to more than 1,000,000 values"

# The bomb sits in a text field the readers turn into a string, which expands every alias (10**9 values): read
# without the limit, each of these takes minutes and gigabytes; with it, a one-line refusal.
STAKEHOLDER_BOMB = ("issues:\n  t:\n    scale: " + alias_bomb()
                    + "\n    actors: [{actor: A, position: 1, salience: 1, capability: 1}]\n")
DIVIDE_BOMB = "parties: [A, B]\nitems:\n  x: {points: [1, 1], description: " + alias_bomb() + "}\n"
