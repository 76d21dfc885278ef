"""accord.cli.errors: core errors printed on one line, naming the command's flags."""

from __future__ import annotations

import click
from click.testing import CliRunner

from accord.cli.errors import error_line, flag_of, reports_user_errors
from accord.errors import OptionError
from tests.cli_assertions import assert_one_line_error


def test_a_parameter_is_its_flag_unless_the_command_renames_it():
    assert flag_of("strategies") == "--strategies"
    assert flag_of("self_play") == "--self-play"
    assert flag_of("scale", {"scale": "--weight-noise"}) == "--weight-noise"
    assert flag_of("seed", {"scale": "--weight-noise"}) == "--seed"


def test_the_line_names_flags_in_the_subject_and_the_fix():
    error = OptionError("too many rounds", parameter="rounds", fix="or a time limit with `seconds`")
    assert error_line(error) == "--rounds: too many rounds; or a time limit with --seconds"


def run(command) -> object:
    return CliRunner().invoke(click.command()(command), [])


def test_a_wrapped_command_prints_one_line_with_its_own_flags():
    @reports_user_errors(flags={"scale": "--weight-noise"})
    def renamed() -> None:
        raise OptionError("noise scale must lie in [0, 2], got 3", parameter="scale", fix="give e.g. 0.1")

    @reports_user_errors
    def bare() -> None:
        raise OptionError("bad", parameter="self_play")

    result = run(renamed)
    assert_one_line_error(result, "error: --weight-noise: noise scale must lie in [0, 2], got 3; give e.g. 0.1")
    assert_one_line_error(run(bare), "error: --self-play: bad")


def test_running_out_of_memory_is_one_line_not_a_traceback():
    @reports_user_errors
    def analyze() -> None:
        raise MemoryError()

    assert_one_line_error(run(analyze), "error: analyze: the machine ran out of memory; give a smaller scenario or "
                                        "fewer outcomes, or run it on a machine with more memory")
