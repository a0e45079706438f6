"""The chat's behaviour without a server or a model: streaming into the bubble, history, errors, the API."""

from __future__ import annotations

from collections.abc import Iterator

import gradio as gr

from snc_qa.answering import Answer, AnswerReady, Event, TextDelta
from snc_qa.assistant import EMPTY_QUESTION
from snc_qa.retrieval import Source
from snc_qa.web import ChatApp, Turn


class StubAssistant:
    """Streams a fixed reply piece by piece and remembers the history it was given."""

    def __init__(self, pieces: list[str], fail: Exception | None = None) -> None:
        self.pieces, self.fail, self.histories = pieces, fail, []

    def stream_events(self, question: str, history, options=None) -> Iterator[Event]:
        self.histories.append(list(history))
        yield from (TextDelta(piece) for piece in self.pieces)
        if self.fail:
            raise self.fail
        source = Source(text="قدّم رئيس الهيئة بدر جاموس إحاطة.", path="a.ar.txt", title="Meeting", score=0.9,
                        chunk_id="c1", date="2024-06-10", language="ar", highlight="قدّم رئيس الهيئة بدر جاموس إحاطة.")
        yield AnswerReady(Answer(text="".join(self.pieces), language="ar", grounded=True, sources=[source],
                                 question=question))


def test_the_answer_grows_in_its_bubble_then_gets_its_sources():
    app = ChatApp(StubAssistant(["رئيس الهيئة ", "هو بدر ", "جاموس [1]."]))
    updates = list(app.respond("من هو رئيس الهيئة؟", [], "en"))
    messages, box, sources, turns = updates[0]
    assert box == "" and "snc-pending" in messages[-1]["content"] and "data-searching" in sources
    streamed = [u[0][-1]["content"] for u in updates[1:-1]]
    assert [s.count("snc-caret") for s in streamed] == [1, 1, 1]
    assert "هو بدر" not in streamed[0] and "هو بدر" in streamed[1]
    messages, _, sources, turns = updates[-1]
    assert "snc-caret" not in messages[-1]["content"] and 'href="#snc-source-1"' in messages[-1]["content"]
    assert 'id="snc-source-1"' in sources and len(turns) == 1 and turns[0].answer.text.endswith("[1].")


def test_follow_ups_hand_the_earlier_exchanges_to_the_assistant():
    assistant = StubAssistant(["جواب."])
    app = ChatApp(assistant)
    *_, (_, _, _, turns) = app.respond("السؤال الأول؟", [], "ar")
    *_, (messages, _, _, turns) = app.respond("والثاني؟", turns, "ar")
    assert assistant.histories == [[], [("السؤال الأول؟", "جواب.")]]
    assert len(messages) == 4 and len(turns) == 2


def test_a_failing_generator_is_reported_in_the_chat_and_left_out_of_the_history():
    assistant = StubAssistant(["partial"], fail=ConnectionError("http://127.0.0.1:11434 refused the connection"))
    app = ChatApp(assistant)
    *_, (messages, _, sources, turns) = app.respond("Who spoke?", [], "en")
    assert "snc-source" not in sources.replace("snc-sources", "")
    assert "snc-error" in messages[-1]["content"] and "refused the connection" in messages[-1]["content"]
    assert "Settings" in messages[-1]["content"]  # the way out
    assert turns == [Turn("Who spoke?", error="ConnectionError: http://127.0.0.1:11434 refused the connection")]
    assert app.history(turns) == []


def test_an_empty_box_changes_nothing():
    updates = list(ChatApp(StubAssistant(["x"])).respond("  \n ", [], "en"))
    assert len(updates) == 1 and all(isinstance(u, type(gr.skip())) for u in updates[0])


def test_empty_looking_questions_get_the_reply_the_api_gives(founding_assistant):
    """'???', '؟؟؟', zero-width or control characters: a message in the chat, in the question's language."""
    app = ChatApp(founding_assistant)
    for typed, expected in (("???", EMPTY_QUESTION["en"]), ("؟؟؟", EMPTY_QUESTION["ar"]),
                            ("\u200b\u200b", EMPTY_QUESTION["en"]), ("\x00", EMPTY_QUESTION["en"])):
        *_, (messages, _box, _, turns) = app.respond(typed, [], "en")
        assert expected in messages[-1]["content"], typed
        assert turns[-1].answer.text == expected and not turns[-1].answer.grounded
        api = list(app.chat_api(typed, []))[-1]
        assert api["text"] == expected


def test_the_api_streams_plain_text_then_the_answer_with_its_sources():
    replies = list(ChatApp(StubAssistant(["بدر ", "جاموس [1]."])).chat_api("من؟", [["سؤال", "جواب"]]))
    assert replies[:2] == [{"text": "بدر ", "done": False}, {"text": "بدر جاموس [1].", "done": False}]
    final = replies[-1]
    assert final["done"] and final["sources"][0]["document"] == "a.ar.txt" and "path" not in final["sources"][0]
