"""accord.cli.options: option text split into the lists the core takes."""

from accord.cli.options import names


def test_names_are_split_trimmed_and_blanks_dropped():
    assert names("boulware, conceder,,linear ") == ["boulware", "conceder", "linear"]
    assert names("") == [] and names(" , ") == []
    assert names(None) is None
