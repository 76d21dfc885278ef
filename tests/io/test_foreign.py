"""What the GENIUS and GeniusWeb adapters share: safe and unique file stems, the files-make-a-scenario rule and
the losses of what neither format has."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import ScenarioError
from accord.io.foreign import check_parts, file_stem, unique_stem, unsupported_losses
from accord.model import Constituency, Constraint, Issue, LinearAdditive, Party, Scenario, Table


def test_file_stems_keep_only_safe_characters():
    assert file_stem("Japan–Russia 2019 (draft)") == "Japan_Russia_2019_draft"
    assert file_stem("..hidden..") == "hidden" and file_stem("???") == "scenario"


def test_file_stems_keep_accented_letters_without_their_accents():
    assert file_stem("Ñandú [dam] authority") == "Nandu_dam_authority"
    assert file_stem("L'Agence d'Énergie") == "L_Agence_d_Energie"
    assert file_stem("下流の村 (Downstream)") == "Downstream"


def test_unique_stems_ignore_case():
    used = {"deal-domain"}
    assert [unique_stem(s, used) for s in ("a", "A", "a", "Deal-Domain")] == ["a", "A_2", "a_3", "Deal-Domain_2"]
    assert used == {"deal-domain", "a", "a_2", "a_3", "deal-domain_2"}


@pytest.mark.parametrize("domains, profiles, required, message", [
    ([], 1, True, "no domain file"),
    ([Path("a.xml"), Path("b.xml")], 1, True, "several domain files (a.xml, b.xml)"),
    ([Path("a.json")], 0, False, "no profile"),
])
def test_the_files_must_make_one_scenario(domains, profiles, required, message):
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        check_parts("folder", domains, profiles, "profile", domain_required=required)
    assert caught.value.source == "folder"


def test_the_files_make_one_scenario():
    check_parts("f", [Path("d.xml")], 2, "profile", domain_required=True)
    check_parts("f", [], 1, "profile", domain_required=False)


def test_constraints_and_ratification_are_reported_lost():
    utility = LinearAdditive((1.0,), (Table((0.0, 1.0)),))
    parties = (Party("a", utility, constituencies=(Constituency("senate", utility, 0.5),)), Party("b", utility))
    scenario = Scenario("s", (Issue.categorical("i", ["x", "y"]),), parties, constraints=(Constraint(((0, (0,)),)),))
    losses = unsupported_losses(scenario, "GENIUS")
    assert len(losses) == 2
    assert "1 hard constraint dropped: GENIUS has no constraints" in losses[0]  # one, in the singular
    assert losses[1] == "party 'a': constituencies ['senate'] dropped (GENIUS has no ratification)"
    assert unsupported_losses(Scenario("t", scenario.issues, (parties[1],)), "GeniusWeb") == []


def test_names_that_lose_characters_and_a_changed_order_are_reported_lost():
    """Exported to GENIUS and read back as a folder, '漁民 Fishers' Co-op' came back as 'Fishers_Co-op' and the
    parties in file-name order, with nothing said."""
    utility = LinearAdditive((1.0,), (Table((0.0, 1.0)),))
    names = ("Upstream", "Delta Fed. (Ñ)", "漁民 Fishers' Co-op")
    scenario = Scenario("s", (Issue.categorical("i", ["x", "y"]),), tuple(Party(n, utility) for n in names))
    losses = unsupported_losses(scenario, "GENIUS")
    assert len(losses) == 2
    assert "'Delta Fed. (Ñ)' as 'Delta_Fed._N'" in losses[0] and "'漁民 Fishers' Co-op' as 'Fishers_Co-op'" in losses[0]
    assert "Upstream" not in losses[0]
    assert "file-name order (Delta_Fed._N, Fishers_Co-op, Upstream)" in losses[1]
    assert "give the domain and profile files in the scenario's order" in losses[1]


def test_a_writers_file_prefix_shows_in_the_name_read_back_but_alone_is_no_loss():
    utility = LinearAdditive((1.0,), (Table((0.0, 1.0)),))
    scenario = Scenario("s", (Issue.categorical("i", ["x", "y"]),), (Party("a b", utility), Party("c", utility)))
    (renamed,) = unsupported_losses(scenario, "GENIUS", file_prefix="s-")
    assert renamed.endswith("read back 'a b' as 's-a_b'") and "'c'" not in renamed
