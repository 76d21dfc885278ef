import accord


def test_all_lists_every_public_name_and_only_existing_ones():
    public = {name for name in dir(accord) if not name.startswith("_") and name not in ("annotations", "importlib")}
    modules = {name for name in public if type(getattr(accord, name)).__name__ == "module"}
    assert set(accord.__all__) == public - modules - {"__version__"}
    for name in accord.__all__:
        assert hasattr(accord, name)


def test_readme_python_example_runs():
    scenario = accord.load("japan-russia-2019")
    analysis = accord.analyze(scenario)
    assert analysis.rational_outcomes > 0
    assert set(analysis.solutions["nash"].outcome) == set(scenario.issue_names)


def test_unknown_names_are_attribute_errors():
    assert not hasattr(accord, "no_such_name")
