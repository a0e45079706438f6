"""The reply check, shared by the tests of its rules (test_verify, test_number_check, test_name_check)."""

import pytest

from snc_qa.glossary import Glossary
from snc_qa.pipeline.verify import ReplyCheck


@pytest.fixture(scope="module")
def check() -> ReplyCheck:
    return ReplyCheck(Glossary([]))


@pytest.fixture(scope="module")
def close(embedding_model) -> ReplyCheck:
    """The check with the e5 model, which compares a reply with sentences in the other language."""
    return ReplyCheck(Glossary([]), embedding_model)
