"""The history section of the HTML report: a negotiation record's moves against the exact frontier (the table of
``accord audit``), its offers on the utility space, and a summary of what the audit shows.

Draws an :class:`~accord.audit.AuditResult` the caller computed; computes no score itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.reports.plot_data import project_paths
from accord.reports.svg import escape, utility_svg

if TYPE_CHECKING:
    from accord.audit import AuditResult


def _when(move: dict) -> str:
    return move["date"] or (f"round {move['round']}" if move["round"] is not None else "")


def _utilities(move: dict) -> str:
    if move["utility_range"] is not None:
        low, high = move["utility_range"]["min"], move["utility_range"]["max"]
        return "<br>".join(f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(low, high))
    return "" if move["utilities"] is None else "<br>".join(f"{u:.3f}" for u in move["utilities"])


def _rational(move: dict, parties: tuple[str, ...]) -> str:
    if move["rational"] is None:
        return ""
    return "<br>".join(f"{escape(p)}: {'yes' if ok else 'no'}" for p, ok in zip(parties, move["rational"]))


def _offer(move: dict) -> str:
    text = ", ".join(f"{k}={v}" for k, v in move["offer"].items()) or "—"
    return escape(text) + ("" if move["complete"] or move["action"] == "withdraw" else
                           ' <span class="muted small">(partial)</span>')


def moves_table(result: AuditResult) -> str:
    """Every move with its utilities (or their range over the completions of a partial offer), the verdicts of
    the completion scored, and its distance to the Pareto frontier."""
    parties = result.parties
    moves = result.to_json()["moves"]
    head = ("<tr><th>#</th><th>when</th><th>party</th><th>action</th><th>offer</th>"
            f'<th class="num">utility ({escape(", ".join(parties))})</th><th>rational</th><th>ratified</th>'
            '<th class="num">distance to frontier</th><th>source</th></tr>')
    rows = []
    for move, entry in zip(moves, result.moves):
        ratified = "" if move["ratified"] is None else ("yes" if move["ratified"] else "no")
        distance = "" if move["pareto_distance"] is None else f"{move['pareto_distance']:.3f}"
        rows.append(f"<tr><td>{move['index']}</td><td>{escape(_when(move))}</td><td>{escape(move['party'])}</td>"
                    f"<td>{escape(move['action'])}</td><td>{_offer(move)}</td>"
                    f'<td class="num" style="white-space:nowrap">{_utilities(move)}</td>'
                    f'<td style="white-space:nowrap">{_rational(move, parties)}</td>'
                    f'<td>{ratified}</td><td class="num">{distance}</td>'
                    f'<td class="small">{escape(entry.move.source)}</td></tr>')
    return f'<table class="audit-moves"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def audit_summary(result: AuditResult) -> list[str]:
    """What the audit shows, as plain sentences (counts over the offers, concessions, the final agreement)."""
    parties = result.parties
    offers = [e for e in result.moves if e.move.action == "offer" and e.score is not None]
    if not offers:
        return ["The record makes no offer."]
    partial = sum(not e.score.complete for e in offers)
    every = sum(all(e.score.rational) for e in offers)
    ratified = sum(bool(e.score.ratified) for e in offers)
    on_frontier = sum(e.score.pareto_distance == 0 for e in offers)
    farthest = max(offers, key=lambda e: e.score.pareto_distance)
    lines = [f"{len(offers)} offers ({partial} partial, each scored at its best completion for the proposer): "
             f"{every} rational for every party, {ratified} ratified by every constituency, {on_frontier} on the "
             f"Pareto frontier; the farthest from it is move {farthest.move.index} "
             f"({farthest.score.pareto_distance:.3f})."]
    own = [e for e in offers if e.move.party in parties and not e.score.rational[parties.index(e.move.party)]]
    if own:
        moves = ", ".join(f"{e.move.index} ({e.move.party}, {e.move.date or e.move.round})" for e in own)
        lines.append(f"The model makes these offers irrational for the side that made them: moves {moves}. That is "
                     "a finding about the model's assumptions (reservation values, weights), not about the side.")
    elif every < len(offers):
        lines.append("No offer is irrational for the side that made it: each one the model calls irrational is so "
                     "for the other side.")
    for party, curve in result.concessions.items():
        if len(curve) > 1:
            lines.append(f"{party}'s own utility over its {len(curve)} offers: {curve[0][1]:.3f} → "
                         f"{curve[-1][1]:.3f}.")
    final = result.final
    if final is None:
        lines.append("The record ends without agreement.")
    else:
        gains = ", ".join(f"{p} +{g:.4f}" for p, g in zip(parties, final.left_on_the_table))
        lines.append(f"Agreement on move {final.move}, dominated by {final.dominated_by:,} outcomes; left on the "
                     f"table: {gains}.")
    return lines


def offer_paths_of(result: AuditResult) -> list[dict]:
    """Each party's offers (at the completion scored) as plot paths ``[[u..., move index], ...]``."""
    paths: dict[str, list] = {}
    for entry in result.moves:
        if entry.move.action == "offer" and entry.score is not None:
            paths.setdefault(entry.move.party, []).append([*entry.score.utilities, entry.move.index])
    return [{"party": party, "points": points} for party, points in paths.items()]


def audit_section(result: AuditResult, data: dict) -> str:
    """The report's history section for ``result``, its offers drawn on the plot ``data``."""
    record = result.record
    title = record.title or record.source
    summary = "".join(f"<li>{escape(line)}</li>" for line in audit_summary(result))
    svg = utility_svg(data, paths=project_paths(offer_paths_of(result), data["axes"]))
    return (f"<h2>History against the model</h2><p>The record <b>{escape(title)}</b> ({len(result.moves)} moves), "
            f"scored on the exact map as <code>accord audit</code> does.</p>"
            f'<div class="summary audit-summary"><ul>{summary}</ul></div>'
            f'<div class="plot">{svg}</div><p class="small muted">Dots: each side\'s offers (a partial offer at its '
            f"best completion for the proposer), joined in time order.</p>{moves_table(result)}"
            '<p class="small muted">Utility: a complete offer\'s utilities, or a partial offer\'s range over its '
            "completions; rational, ratified and the distance are those of the completion scored.</p>")


__all__ = ["audit_section", "audit_summary", "moves_table", "offer_paths_of"]
