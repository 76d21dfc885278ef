"""The history section: the table of moves shows the audit document's figures; the summary counts them."""

from __future__ import annotations

import re

import accord
from accord.audit import audit, parse_record
from accord.reports.audit_section import audit_section, audit_summary, moves_table, offer_paths_of
from accord.reports.plot_data import plot_data
from tests.audit import reference

TRIO = reference.scenario("trio")
DEAL = {"dam": "small", "share": 1, "fund": "unfunded"}


def trio(*rows):
    record = parse_record({"accord-record": 1, "title": "water <talks>",
                           "moves": [{"round": k, **r} for k, r in enumerate(rows)]}, TRIO)
    return audit(record)


AGREED = trio({"party": "Up", "action": "offer", "offer": {"dam": "large", "share": 3, "fund": "unfunded"}},
              {"party": "Down", "action": "offer", "offer": {"dam": "none"}},
              {"party": "Up", "action": "offer", "offer": DEAL},
              {"party": "Down", "action": "accept"}, {"party": "Lender", "action": "accept"})


def cells(html: str) -> list[list[str]]:
    body = html.split("<tbody>")[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_table_has_one_row_per_move_with_the_documents_figures():
    rows = cells(moves_table(AGREED))
    moves = AGREED.to_json()["moves"]
    assert len(rows) == len(moves)
    for row, move in zip(rows, moves):
        assert row[0] == str(move["index"]) and row[2] == move["party"] and row[3] == move["action"]
        if move["utility_range"] is None:
            assert row[5] == "<br>".join(f"{u:.3f}" for u in move["utilities"])
        else:
            assert row[5] == "<br>".join(f"{lo:.2f}–{hi:.2f}" for lo, hi in
                                         zip(move["utility_range"]["min"], move["utility_range"]["max"]))
        assert row[6] == "<br>".join(f"{p}: {'yes' if ok else 'no'}" for p, ok in
                                     zip(TRIO.party_names, move["rational"]))
        assert row[7] == {True: "yes", False: "no", None: ""}[move["ratified"]]
        assert row[8] == f"{move['pareto_distance']:.3f}"
    assert "(partial)" in rows[1][4] and "(partial)" not in rows[0][4]


def test_the_summary_counts_the_offers_and_reports_the_agreement():
    lines = audit_summary(AGREED)
    offers = [m for m in AGREED.to_json()["moves"] if m["action"] == "offer"]
    every = sum(all(m["rational"]) for m in offers)
    assert lines[0].startswith(f"3 offers (1 partial, each scored at its best completion for the proposer): "
                               f"{every} rational for every party")
    final = AGREED.final
    assert lines[-1] == (f"Agreement on move 2, dominated by {final.dominated_by:,} outcomes; left on the table: "
                         + ", ".join(f"{p} +{g:.4f}" for p, g in zip(TRIO.party_names, final.left_on_the_table))
                         + ".")


def test_an_offer_irrational_for_its_own_proposer_is_called_a_finding_about_the_assumptions():
    # a poor package for Up: no dam and no water (utility 0.2, below its reservation 0.4)
    result = trio({"party": "Up", "action": "offer", "offer": {"dam": "none", "share": 0, "fund": "unfunded"}},
                  {"party": "Down", "action": "withdraw"})
    lines = audit_summary(result)
    assert any("irrational for the side that made them: moves 0 (Up" in line for line in lines)
    assert lines[-1] == "The record ends without agreement."


def test_the_section_draws_the_offers_and_escapes_the_title():
    analysis = accord.analyze(TRIO)
    html = audit_section(AGREED, plot_data(analysis))
    assert "water &lt;talks&gt;" in html and "<talks>" not in html
    paths = offer_paths_of(AGREED)
    assert [p["party"] for p in paths] == ["Up", "Down"] and [pt[-1] for pt in paths[0]["points"]] == [0, 2]
    assert html.count('class="offer"') == sum(len(p["points"]) for p in paths)
