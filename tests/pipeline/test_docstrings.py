"""Each stage's docstring example runs as written."""

import doctest
import importlib

import pytest

MODULES = ["cite", "condense", "evidence", "prompt", "verify", "wording"]


@pytest.mark.parametrize("name", MODULES)
def test_the_stage_examples_run(name):
    module = importlib.import_module(f"snc_qa.pipeline.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_names_examples_run():
    import snc_qa.names

    assert doctest.testmod(snc_qa.names).failed == 0
