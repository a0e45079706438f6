"""Stage 6: the check's catches — world knowledge, wrong and mis-copied names, neighbours' names, refusals."""

import pytest

from snc_qa.glossary import Glossary
from snc_qa.pipeline.verify import ReplyCheck

from .helpers import query, selection

FORUM = ("The Cedar Forum met in Gaziantep on Monday.",
         "Its coordinator, Lina Haddad, said the forum would open an office in Idlib.",
         "Omar Saleh, a spokesman for the council, accused Russia of blocking aid.")
MEETING = ("وقدّم المدير التنفيذي لوحدة دعم الاستقرار منذر سلال عرضاً عن عمل الوحدة.",
           "وتحدث رئيس الهيئة بدر جاموس عن العملية السياسية.")


@pytest.fixture(scope="module")
def check() -> ReplyCheck:
    return ReplyCheck(Glossary([]))


def problem(check, question, reply, sentences=FORUM, language="en"):
    return check.run(reply, query(question, language), selection(*sentences)).problem


def test_a_reply_its_sentences_hold_passes(check):
    assert problem(check, "Who coordinates the Cedar Forum?", "Lina Haddad coordinates the forum [2].") is None
    assert problem(check, "Where will the forum open an office?", "In Idlib [2].") is None
    assert problem(check, "من هو المدير التنفيذي لوحدة دعم الاستقرار؟", "المدير التنفيذي للوحدة هو منذر سلال [1].",
                   MEETING, "ar") is None


def test_world_knowledge_is_caught_even_with_a_citation(check):
    found = problem(check, "Who is the president of France?", "The president of France is Emmanuel Macron [1].")
    assert found and "Emmanuel" in found


def test_a_mis_copied_name_or_number_is_caught(check):
    assert "Leila" in problem(check, "Who coordinates the Cedar Forum?", "Leila Haddad coordinates it [2].")
    assert "2019" in problem(check, "When did the forum meet?", "The forum met in 2019 [1].")


def test_a_name_lifted_from_the_neighbouring_sentence_is_caught(check):
    found = problem(check, "Who coordinates the Cedar Forum?", "Omar Saleh coordinates the Cedar Forum [2].")
    assert found and "not about" in found
    found = problem(check, "من هو المدير التنفيذي لوحدة دعم الاستقرار؟",
                    "المدير التنفيذي لوحدة دعم الاستقرار هو بدر جاموس [1].", MEETING, "ar")
    assert found and "not about" in found


def test_a_reply_saying_the_sources_do_not_hold_it_is_a_refusal(check):
    for reply in ("The president of France is not mentioned in the sources [1-3].", "NOT_FOUND", ""):
        verdict = check.run(reply, query("Who is the president of France?"), selection(*FORUM))
        assert verdict.refusal and not verdict.ok


def test_restating_the_question_is_no_answer(check):
    assert "restates" in problem(check, "Who coordinates the Cedar Forum?", "The Cedar Forum coordinator [2].")


def test_a_reply_in_the_other_language_must_be_close_to_a_source_sentence(embedding_model):
    check = ReplyCheck(Glossary([]), embedding_model)
    asked = query("أين سيفتح المنتدى مكتباً؟", "ar")
    assert check.run("سيفتح المنتدى مكتباً في إدلب [2].", asked, selection(*FORUM)).ok
    found = check.run("رئيس فرنسا هو إيمانويل ماكرون [1].", asked, selection(*FORUM)).problem
    assert found and "far from every source sentence" in found


def test_a_number_is_the_same_with_or_without_thousands_separators(check):
    sentences = ("The petition was signed by 2580000 people in 1998.", "It was handed to the council.")
    assert problem(check, "How many people signed the petition?", "About 2,580,000 people signed it [1].",
                   sentences) is None
