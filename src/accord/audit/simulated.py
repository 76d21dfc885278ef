"""A simulated session's JSON document (``SessionResult.to_json()``, as the simulate command prints it), read
as a record.

Relies on few keys, read tolerantly: the session's ``scenario`` and its ``trace``, a list of rows each with
``round``, ``party``, ``action`` and ``offer`` (``{issue: value}`` or null). Protocol actions map to record
actions: offer, concede, propose, adopt → offer; accept → accept; reject, veto → reject; end, error → withdraw.
A single-text vote on a text adopted before later (vetoed) proposals is preceded by the mediator tabling it again.
"""

from __future__ import annotations

from accord.audit.record import FORMAT_VERSION, MEDIATOR

ACTION_OF = {"offer": "offer", "concede": "offer", "propose": "offer", "adopt": "offer", "accept": "accept",
             "reject": "reject", "veto": "reject", "end": "withdraw", "error": "withdraw", "withdraw": "withdraw"}
_TRACE_KEYS = ("trace", "history")
_OFFER_KEYS = ("offer", "outcome", "bid")


def is_session(data: object) -> bool:
    """Whether ``data`` looks like a simulated session's JSON rather than a record."""
    return (isinstance(data, dict) and "accord-record" not in data
            and any(isinstance(data.get(key), list) for key in _TRACE_KEYS))


def record_data_from_session(session: dict) -> dict:
    """The record mapping (as a YAML record would parse) of a simulated session's JSON."""
    rows = next(session[key] for key in _TRACE_KEYS if isinstance(session.get(key), list))
    moves: list = []
    standing: dict[str, dict] = {}  # each speaker's latest offer
    for row in rows:
        if not isinstance(row, dict):
            moves.append(row)  # reported by the record's checks
            continue
        action = str(row.get("action", ""))
        move = {"round": row.get("round", row.get("step")), "party": row.get("party", row.get("agent")),
                "action": ACTION_OF.get(action, action)}
        offer = next((row[key] for key in _OFFER_KEYS if isinstance(row.get(key), dict)), None)
        if offer is not None and move["action"] != "withdraw":
            move["offer"] = offer
        if move["action"] == "offer":
            standing[str(move["party"])] = offer
        elif move["action"] in ("accept", "reject") and offer is not None and MEDIATOR in standing and not any(
                o == offer for p, o in standing.items() if p != move["party"]):
            # a single-text vote on the text adopted earlier: the mediator puts it back on the table
            standing[MEDIATOR] = offer
            moves.append({"round": move["round"], "party": MEDIATOR, "action": "offer", "offer": offer,
                          "note": "the adopted text, put to the vote"})
        moves.append(move)
    return {"accord-record": FORMAT_VERSION, "scenario": session.get("scenario"),
            "title": f"simulated session ({session.get('protocol', 'unknown protocol')}, seed "
                     f"{session.get('seed', '?')})", "moves": moves}
