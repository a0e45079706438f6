"""Every module's docstring examples run as written (they are the first thing a reader tries)."""

import doctest
import importlib
import pkgutil

import pytest

import snc_qa

MODULES = sorted(m.name for m in pkgutil.walk_packages(snc_qa.__path__, "snc_qa."))
#: Stages whose runnable example is part of their contract: losing it fails too.
WITH_EXAMPLES = {f"snc_qa.pipeline.{stage}"
                 for stage in ("cite", "condense", "evidence", "prompt", "verify", "wording")}


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0 or name not in WITH_EXAMPLES
