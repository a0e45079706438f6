"""The orchestrator: one run of the stages serves ask and stream, as typed events."""

from snc_qa.answering import AnswerReady, TextDelta


def test_events_end_with_the_answer_and_ask_returns_it(founding_assistant):
    answerer = founding_assistant.answerer
    events = list(answerer.events("من هو مدير منصة الذاكرة السورية؟"))
    assert isinstance(events[-1], AnswerReady) and all(isinstance(e, TextDelta) for e in events[:-1])
    assert events[-1].answer.text == answerer.ask("من هو مدير منصة الذاكرة السورية؟").text
    assert "عبد الرحمن الحاج" in events[-1].answer.text


def test_without_a_model_nothing_is_streamed_and_no_prompt_is_made(founding_assistant):
    answerer = founding_assistant.answerer
    query, selection, messages = answerer.prepare("Who gave the briefing?")
    assert query.language == "en" and selection.units and messages == []
    assert [type(e) for e in answerer.events("Who gave the briefing?")] == [AnswerReady]


def test_an_unanswerable_question_is_refused_in_its_language(founding_assistant):
    answer = founding_assistant.answerer.ask("ما هي عاصمة فرنسا؟")
    assert not answer.grounded and answer.sources == [] and "لا تتضمن الوثائق" in answer.text
