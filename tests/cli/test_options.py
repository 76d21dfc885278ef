"""accord.cli.options: option text split into the lists the core takes."""

from accord.cli.options import names, outcome_text


def test_names_are_split_trimmed_and_blanks_dropped():
    assert names("boulware, conceder,,linear ") == ["boulware", "conceder", "linear"]
    assert names("") == [] and names(" , ") == []
    assert names(None) is None


def test_outcomes_show_whole_reals_without_a_trailing_zero():
    assert outcome_text({"fish quota, t/yr": 1000.0, "dam": "none"}) == "fish quota, t/yr=1000, dam=none"
    assert outcome_text({"a": 0.0}, " = ") == "a = 0"
