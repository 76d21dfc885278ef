import accord


def test_all_lists_every_public_name_and_only_existing_ones():
    lazy = {"scenario_from_dict", "scenario_to_dict"}
    public = {name for name in vars(accord) if not name.startswith("_") and name != "annotations"} | lazy
    modules = {name for name in public if type(getattr(accord, name)).__name__ == "module"}
    assert set(accord.__all__) == public - modules - {"__version__"}
    for name in accord.__all__:
        assert hasattr(accord, name)


def test_readme_python_example_runs():
    scenario = accord.load("japan-russia-2019")
    analysis = accord.analyze(scenario)
    assert analysis.rational_outcomes > 0
    assert set(analysis.solutions["nash"].outcome) == set(scenario.issue_names)
