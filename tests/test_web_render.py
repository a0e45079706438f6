"""The web chat's HTML and launch rules, without a server: escaping, direction, sources, loopback and auth."""

from __future__ import annotations

import re

import pytest

from snc_qa.answering import Answer
from snc_qa.retrieval import Source
from snc_qa.settings import Settings
from snc_qa.store import IndexedFile
from snc_qa.web_launch import UnsafeListenError, is_loopback, launch_options, parse_auth
from snc_qa.web_render import answer_html, documents_html, partial_html, question_html, sources_html
from snc_qa.web_text import EXAMPLE_QUESTIONS, text, ui_language

PASSAGE = "وخلال اللقاء قدّم رئيس الهيئة الدكتور بدر جاموس إحاطة عامة. وأشار إلى القرار 2254."


def _source(**changes) -> Source:
    values = dict(text=PASSAGE, path="2024-06-10-meeting.ar.txt", title="SNC meeting", score=0.88, chunk_id="c1",
                  date="2024-06-10", language="ar", highlight="وأشار إلى القرار 2254.")
    return Source(**{**values, **changes})


def _answer(text_: str, language: str = "en", sources: list[Source] | None = None, grounded: bool = True) -> Answer:
    return Answer(text=text_, language=language, grounded=grounded, sources=sources or [], question="q")


def test_markup_in_a_question_or_answer_is_escaped_text():
    attack = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    for rendered in (question_html(attack), answer_html(_answer(attack), "en"), partial_html(attack, "en")):
        assert "<img" not in rendered and "<script" not in rendered
        assert "&lt;img src=x onerror=" in rendered and "&lt;script&gt;" in rendered
    card = sources_html(_answer("x [1]", sources=[_source(text=attack, title=attack, highlight=None)]), "en")
    assert "<img" not in card and "<script" not in card


def test_each_message_carries_its_own_direction():
    assert 'dir="rtl" lang="ar"' in question_html("من هو رئيس هيئة التفاوض السورية؟")
    assert 'dir="ltr" lang="en"' in question_html("Who gave the briefing?")
    # A question is in the language of its grammar, whatever script the names it asks about are in.
    assert 'dir="rtl" lang="ar"' in question_html("من يرأس Syrian Negotiation Commission؟")
    assert 'dir="ltr" lang="en"' in question_html("What is هيئة التفاوض السورية?")
    assert 'dir="rtl"' in answer_html(_answer("بحسب الوثائق [1]: بدر جاموس.", "ar", [_source()]), "en")


def test_an_arabic_quotation_inside_an_english_answer_is_isolated_with_its_full_stop():
    rendered = answer_html(_answer(f"According to the documents [1]: {PASSAGE}", "en", [_source()]), "en")
    assert f'<bdi dir="rtl">{PASSAGE}</bdi>' in rendered
    assert rendered.startswith('<div class="snc-msg snc-answer" dir="ltr"')
    quoted = answer_html(_answer("According to the documents (quoted in Arabic) [1]:\n"
                                 "قدّم بدر جاموس (Badr Jamous) إحاطة عامة.", "en", [_source()]), "en")
    assert '<p dir="rtl">قدّم بدر جاموس (<bdi dir="ltr">Badr Jamous</bdi>) إحاطة عامة.</p>' in quoted
    latin = question_html("ما هو موقف UN 2254 (Geneva) من ذلك؟")
    assert '<bdi dir="ltr">UN 2254 (Geneva)</bdi>' in latin


def test_citations_link_to_their_numbered_source_and_unknown_numbers_stay_plain():
    rendered = answer_html(_answer("A [1] and B [2] and C [7].", sources=[_source(), _source(chunk_id="c2")]), "en")
    assert re.findall(r'href="#snc-source-(\d)"', rendered) == ["1", "2"]
    assert "C [7]." in rendered


def test_lists_in_an_answer_become_list_items_and_messages_are_one_html_block():
    rendered = answer_html(_answer("According to the documents:\n- first [1]\n- second [1]", sources=[_source()]), "en")
    assert rendered.count("<li>") == 2 and "<ul>" in rendered
    assert "\n" not in rendered  # a blank line would end the HTML block in the Chatbot's Markdown renderer


def test_sources_panel_numbers_cited_passages_and_marks_the_supporting_sentence():
    sources = [_source(), _source(chunk_id="c2", title="Other", highlight=None)]
    panel = sources_html(_answer("Badr Jamous [1].", sources=sources), "en")
    cited, _, others = panel.partition("<details")
    assert 'id="snc-source-1"' in cited and "[1]" in cited and "SNC meeting" in cited and "2024-06-10" in cited
    assert '<mark class="snc-hl">وأشار إلى القرار 2254.</mark>' in cited
    assert 'dir="rtl" lang="ar"' in cited  # the Arabic passage reads right to left in an English interface
    assert 'id="snc-source-2"' in others and text("en", "other_passages", count=1) in others


def test_an_unsupported_answer_says_so_in_the_message_and_the_panel():
    answer = _answer("The documents do not contain an answer to this question.", grounded=False)
    assert text("en", "not_grounded") in answer_html(answer, "en")
    panel = sources_html(answer, "ar")
    assert text("ar", "not_grounded") in panel and "snc-source" not in panel.replace("snc-sources", "")


def test_documents_table_lists_title_language_passages_and_time():
    files = {"a.ar.txt": IndexedFile("sha", "اجتماع الهيئة", "ar", "2024-06-10", 16, 16),
             "b.en.txt": IndexedFile("sha2", "Broken", "en", None, 3, 5)}
    table = documents_html(files, {"a.ar.txt": 1_700_000_000.0}, "en")
    assert table.count("<tr data-path=") == 2
    assert "اجتماع الهيئة" in table and "Arabic" in table and ">16<" in table and "2023-11-" in table
    assert "3/5" in table and text("en", "incomplete") in table
    assert text("ar", "no_documents") in documents_html({}, {}, "ar")


def test_interface_text_exists_in_both_languages_and_browsers_pick_it():
    assert text("ar", "new_chat") != text("en", "new_chat")
    assert ui_language("ar-SY,ar;q=0.9,en;q=0.8") == "ar" and ui_language("en-US,ar;q=0.5") == "en"
    assert any(re.search("[\u0600-\u06ff]", q) for q in EXAMPLE_QUESTIONS)
    assert any(re.fullmatch(r"[A-Za-z ?]+", q) for q in EXAMPLE_QUESTIONS)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_addresses(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org"])
def test_anything_else_needs_a_password(host):
    assert not is_loopback(host)
    with pytest.raises(UnsafeListenError, match="SNC_QA_AUTH=user:password"):
        launch_options(Settings(host=host))
    assert launch_options(Settings(host=host, auth="ana:s3cret"))["auth"] == ("ana", "s3cret")


def test_defaults_listen_on_loopback_and_serve_no_project_folders(tmp_path):
    settings = Settings(documents_dir=tmp_path / "docs", index_dir=tmp_path / "idx")
    options = launch_options(settings)
    assert options["server_name"] == "127.0.0.1" and options["auth"] is None
    assert options["allowed_paths"] == []
    assert str((tmp_path / "docs").resolve()) in options["blocked_paths"]
    assert str((tmp_path / "idx").resolve()) in options["blocked_paths"]


@pytest.mark.parametrize("bad", ["ana-s3cr3t", ":s3cr3t-pw", "ana-admin:"])
def test_malformed_auth_is_refused_without_echoing_it(bad):
    with pytest.raises(UnsafeListenError) as refused:
        parse_auth(bad)
    assert "user:password" in str(refused.value) and bad not in str(refused.value)
    assert parse_auth("ana:pa:ss") == ("ana", "pa:ss") and parse_auth(None) is None


def test_a_rejected_reply_shows_the_closest_passage_marked_as_not_confirmed():
    closest = _answer("The documents may not answer this directly. The closest passage (quoted in Arabic) [1]:\n"
                      + PASSAGE, sources=[_source()], grounded=False)
    assert text("en", "unverified") in answer_html(closest, "en")
    panel = sources_html(closest, "en")
    assert "SNC meeting" in panel and text("en", "not_grounded") not in panel  # the passage is there to judge
    refused = _answer("The documents do not contain an answer to this question.", grounded=False)
    assert text("en", "not_grounded") in answer_html(refused, "en") and text("en", "not_grounded") in sources_html(
        refused, "en")


def test_indexing_progress_says_files_passages_rate_and_time_left_in_the_reader_language():
    from snc_qa.indexing import IndexProgress
    from snc_qa.web_render import indexing_html, ready_html

    where = IndexProgress(50, 200, 1200, 60.0, "a.txt")
    english = indexing_html(where, "en")
    assert "50/200 files" in english and "1,200 passages" in english and "20.0 passages a second" in english
    assert "about 3 min left" in english and 'dir="ltr"' in english
    arabic = indexing_html(IndexProgress(190, 200, 1200, 60.0), "ar")
    assert "190 من 200" in arabic and "يتبقى نحو 3 ثانية" in arabic and 'dir="rtl"' in arabic
    assert indexing_html(None, "en") == ""
    assert "snc-indexing" in ready_html(True, "en", where)  # indexing shows even once the models are warm
