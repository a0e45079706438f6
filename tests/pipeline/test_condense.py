"""Stage 1: a follow-up becomes a standalone question; its language and kind are read."""

from snc_qa.generators import Generator
from snc_qa.pipeline.condense import Condenser
from snc_qa.settings import Settings


def condenser() -> Condenser:
    return Condenser(Generator.from_settings(Settings(generator="extractive")))


def test_a_first_question_stands_as_asked():
    query = condenser().run("Which organisations attended the meeting?")
    assert query.standalone == query.question and query.language == "en"
    assert query.is_list and query.list_kind == "organisation"


def test_a_follow_up_carries_the_previous_question_without_a_model():
    query = condenser().run("ومن يديرها؟", [("ما هي منظمة اليوم التالي؟", "منظمة بحثية [1].")])
    assert query.language == "ar"
    assert query.standalone == "ما هي منظمة اليوم التالي؟ ومن يديرها؟"
    assert not query.is_list
