"""The web chat in a real browser: Debian's chromium driven by Playwright against the app on loopback.

Every test records the page's requests and fails if one leaves 127.0.0.1. Screenshots of each state
go to ``test-artifacts/``; with ``SNC_QA_UPDATE_SCREENSHOTS=1`` the two shown in the README are also
written to ``docs/``.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests import test_web
from tests.test_web import ARABIC_QUESTION, FOUNDING, ROOT, RunningApp

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags chromium phones home, and the closed network refuses it.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ANSWER_TIMEOUT_MS = 60_000

NEW_DOCUMENT = "2025-03-03-womens-advisory-board.en.txt"
NEW_TEXT = ("Lina Haddad coordinates the Women's Advisory Board, which met the negotiation delegation in Geneva "
            "on 3 March 2025.\nThe board presented a paper on detainees and missing persons.\n")


web_app = test_web.web_app  # the session's app, started once for test_web.py and these tests


@pytest.fixture
def web(web_app) -> RunningApp:
    return web_app


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `apt-get install chromium` (scripts/setup.sh --test does it)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, web) -> Iterator[Callable]:
    """``open_page(locale)`` opens the app in a fresh browser context; every request is checked to stay local."""
    contexts, requests = [], []

    def open_(locale: str = "en-US"):
        context = browser.new_context(locale=locale, viewport={"width": 1360, "height": 940})
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(web.url)
        # The load event fills in the visitor's state (interface language from the browser, documents table).
        page.wait_for_selector("#snc-heading [data-loaded]", state="attached")
        want = "rtl" if locale.startswith("ar") else "ltr"
        page.wait_for_function("dir => (document.documentElement.dir || 'ltr') === dir", arg=want)
        return page

    yield open_
    for context in contexts:
        context.close()
    outside = [url for url in requests if urlparse(url).scheme in ("http", "https", "ws", "wss")
               and urlparse(url).hostname not in LOCAL_HOSTS]
    assert not outside, f"the page fetched from outside this computer: {outside}"


def snap(page, name: str, docs_name: str | None = None) -> Path:
    """Save a screenshot under test-artifacts/ (and docs/ when SNC_QA_UPDATE_SCREENSHOTS=1)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if docs_name and os.environ.get("SNC_QA_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(path, ROOT / "docs" / docs_name)
    return path


def ask(page, question: str) -> None:
    """Type ``question``, press Enter and wait until its answer is complete (no spinner, no caret)."""
    before = page.locator("#snc-chat .snc-answer").count()
    page.fill("#snc-question textarea", question)
    page.press("#snc-question textarea", "Enter")
    wait_for_answer(page, before + 1)


def wait_for_answer(page, count: int) -> None:
    page.wait_for_function(
        """n => { const all = document.querySelectorAll('#snc-chat .snc-answer');
                  return all.length >= n && !all[all.length - 1].querySelector('.snc-pending, .snc-caret')
                         && !document.querySelector('#snc-sources .snc-muted[data-searching]'); }""",
        arg=count, timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_timeout(150)  # let the sources panel and the scroll settle before a screenshot


def direction_of(locator) -> tuple[str | None, str]:
    """The element's dir attribute and its computed CSS direction."""
    return locator.get_attribute("dir"), locator.evaluate("e => getComputedStyle(e).direction")


def test_arabic_question_answer_and_sources_read_right_to_left(open_page):
    page = open_page("ar-SY")
    assert page.locator("#snc-heading h1").inner_text() == "مساعد وثائق هيئة التفاوض السورية"
    ask(page, ARABIC_QUESTION)

    question = page.locator("#snc-chat .snc-question").last
    answer = page.locator("#snc-chat .snc-answer").last
    assert question.inner_text() == ARABIC_QUESTION
    assert direction_of(question) == ("rtl", "rtl") and direction_of(answer) == ("rtl", "rtl")
    assert "بدر جاموس" in answer.inner_text()
    assert answer.locator("a.snc-cite").first.get_attribute("href") == "#snc-source-1"

    card = page.locator("#snc-sources #snc-source-1")
    assert "[1]" in card.inner_text() and "2024-06-10" in card.inner_text() and FOUNDING.name in card.inner_text()
    passage = card.locator(".snc-passage")
    highlighted = passage.locator("mark.snc-hl").inner_text()
    assert "بدر جاموس" in highlighted and highlighted in passage.inner_text()
    assert direction_of(passage) == ("rtl", "rtl")
    snap(page, "arabic-answer", "screenshot-arabic-answer.png")


def test_english_question_reads_left_to_right_and_a_follow_up_uses_the_history(open_page):
    page = open_page("en-US")
    ask(page, "Who heads the Day After organisation?")
    question = page.locator("#snc-chat .snc-question").last
    answer = page.locator("#snc-chat .snc-answer").last
    assert direction_of(question) == ("ltr", "ltr") and direction_of(answer) == ("ltr", "ltr")
    assert answer.inner_text().startswith("According to the documents") and "اليوم التالي" in answer.inner_text()
    # The Arabic passage quoted under the English lead reads right to left, the English names in it left to right.
    quotation = answer.locator("p").nth(1)
    assert direction_of(quotation) == ("rtl", "rtl") and "(The Day After)" in quotation.inner_text()
    assert direction_of(quotation.locator("bdi").first) == ("ltr", "ltr")
    assert direction_of(page.locator("#snc-source-1 .snc-passage")) == ("rtl", "rtl")
    snap(page, "english-answer")

    ask(page, "What does his organisation focus on?")
    follow_up = page.locator("#snc-chat .snc-answer").last
    assert page.locator("#snc-chat .snc-answer").count() == 2
    assert "اليوم التالي" in follow_up.inner_text()  # asked alone, the question finds the SNC president instead
    snap(page, "follow-up")

    page.click("#snc-new-chat")
    page.wait_for_function("!document.querySelector('#snc-chat .snc-msg')")
    assert "The passages behind the last answer" in page.locator("#snc-sources").inner_text()
    ask(page, "What does his organisation focus on?")
    assert "اليوم التالي" not in page.locator("#snc-chat .snc-answer").last.inner_text()


def test_example_questions_show_on_the_empty_chat_and_ask_themselves(open_page):
    from snc_qa.web_text import EXAMPLE_QUESTIONS

    page = open_page("en-US")
    chat = page.locator("#snc-chat")
    for example in EXAMPLE_QUESTIONS:
        assert chat.get_by_text(example, exact=True).is_visible()
    snap(page, "examples")
    chat.get_by_text("What does the Support Coordination Unit do?", exact=True).click()
    wait_for_answer(page, 1)
    assert page.locator("#snc-chat .snc-question").last.inner_text() == "What does the Support Coordination Unit do?"
    assert "وحدة تنسيق الدعم" in page.locator("#snc-chat .snc-answer").last.inner_text()
    assert page.locator("#snc-sources .snc-source").count() >= 1
    assert not chat.get_by_text(EXAMPLE_QUESTIONS[0], exact=True).is_visible()
    snap(page, "example-answer")


def test_upload_a_document_ask_about_it_then_remove_it(open_page, web):
    page = open_page("en-US")
    page.get_by_role("tab", name="Documents").click()
    assert FOUNDING.name in page.locator("#snc-documents").inner_text()
    page.set_input_files("#snc-upload input[type=file]", files=[
        {"name": NEW_DOCUMENT, "mimeType": "text/plain", "buffer": NEW_TEXT.encode()}])
    page.wait_for_selector(f"#snc-upload-status .snc-status-ok:has-text('{NEW_DOCUMENT}: indexed')",
                           timeout=ANSWER_TIMEOUT_MS)
    row = page.locator(f"#snc-documents tr[data-path='{NEW_DOCUMENT}']")
    assert "English" in row.inner_text() and "2025-03-03" in row.inner_text()
    assert (web.documents / NEW_DOCUMENT).read_text(encoding="utf-8") == NEW_TEXT
    snap(page, "documents", "screenshot-documents.png")

    page.get_by_role("tab", name="Chat").click()
    ask(page, "Who coordinates the Women's Advisory Board?")
    assert "Lina Haddad" in page.locator("#snc-chat .snc-answer").last.inner_text()
    assert NEW_DOCUMENT in page.locator("#snc-source-1").inner_text()
    snap(page, "uploaded-document-answer")

    page.get_by_role("tab", name="Documents").click()
    page.locator("#snc-remove-choice input").click()
    page.get_by_role("option", name=NEW_DOCUMENT, exact=False).click()
    page.click("#snc-remove")
    page.wait_for_selector(f"#snc-upload-status .snc-status-ok:has-text('{NEW_DOCUMENT}: removed')")
    assert page.locator(f"#snc-documents tr[data-path='{NEW_DOCUMENT}']").count() == 0
    assert not (web.documents / NEW_DOCUMENT).exists()
    assert NEW_DOCUMENT not in web.assistant.documents()


def test_refused_uploads_show_why_and_nothing_is_written(open_page, web):
    page = open_page("en-US")
    before = web.files_outside_index()
    page.get_by_role("tab", name="Documents").click()
    page.set_input_files("#snc-upload input[type=file]", files=[
        {"name": "tool.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"},
        {"name": "big.txt", "mimeType": "text/plain", "buffer": b"a line of text. " * 100_000},  # 1.5 MB
    ])
    errors = page.locator("#snc-upload-status .snc-status-error")
    errors.nth(1).wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "tool.exe: unsupported type" in errors.nth(0).inner_text()
    assert "big.txt: 1.5 MB is over the 1 MB upload limit" in errors.nth(1).inner_text()
    assert web.files_outside_index() == before
    snap(page, "upload-refused")


def test_markup_in_a_question_is_shown_as_text_and_never_runs(open_page):
    page = open_page("en-US")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = '<img src=x onerror="window.__sncXss=1;alert(1)"> <script>window.__sncXss=2</script> capital of France?'
    ask(page, attack)
    shown = page.locator("#snc-chat .snc-question").last
    assert shown.inner_text() == attack
    assert page.locator("#snc-chat img[src=x], #snc-chat .snc-msg script").count() == 0
    assert page.evaluate("window.__sncXss") is None and not dialogs
    snap(page, "markup-as-text")


def test_an_answer_the_documents_do_not_hold_says_so(open_page):
    page = open_page("en-US")
    ask(page, "What is the capital of France?")
    assert page.locator("#snc-chat .snc-answer .snc-ungrounded").inner_text().endswith("Not found in the documents")
    panel = page.locator("#snc-sources .snc-ungrounded-panel")
    assert "do not hold an answer" in panel.inner_text() and page.locator("#snc-sources .snc-source").count() == 0
    snap(page, "not-in-documents")


def test_interface_switches_language_and_fetches_only_from_this_computer(open_page):
    page = open_page("en-US")
    assert page.get_by_role("tab", name="Documents").is_visible()
    page.locator("#snc-ui-language").get_by_text("العربية").click()
    page.wait_for_function("document.documentElement.dir === 'rtl'")
    page.get_by_role("tab", name="الوثائق").wait_for()
    assert page.locator("#snc-new-chat").inner_text() == "محادثة جديدة"
    assert page.locator("#snc-heading h1").inner_text() == "مساعد وثائق هيئة التفاوض السورية"
    page.get_by_text("الإعدادات", exact=True).first.click()
    page.get_by_role("tab", name="الوثائق").click()
    assert "العنوان" in page.locator("#snc-documents th").first.inner_text()
    snap(page, "arabic-interface-documents")
    page.locator("#snc-ui-language").get_by_text("English").click()
    page.wait_for_function("document.documentElement.dir === 'ltr'")
    page.get_by_role("tab", name="Documents").wait_for()
    fonts = page.evaluate("[...document.fonts].map(f => f.family + ' ' + f.status)")
    assert not [f for f in fonts if f.endswith("loaded") and "Source Sans" in f]  # no web font, system fonts only
    # The fixture then checks that every request of this page went to 127.0.0.1.


@pytest.mark.slow
def test_local_model_streams_the_answer_token_by_token(open_page, web):
    page = open_page("en-US")
    try:
        accordion = page.locator("#snc-settings").get_by_text("Settings").first
        accordion.click()
        page.locator("#snc-generator").get_by_text("local", exact=True).click()
        page.click("#snc-apply")
        page.wait_for_selector("#snc-settings-status .snc-status-ok:has-text('generator local')",
                               timeout=ANSWER_TIMEOUT_MS)
        snap(page, "settings-local-model")
        accordion.click()
        page.evaluate("window.scrollTo(0, 0)")
        # Record the answer bubble's text at every change, to see it grow piece by piece.
        page.evaluate("""() => { window.__sncSeen = [];
            new MutationObserver(() => { const a = [...document.querySelectorAll('#snc-chat .snc-answer')].pop();
                if (a && a.querySelector('.snc-caret')) window.__sncSeen.push(a.innerText); })
            .observe(document.querySelector('#snc-chat'), {subtree: true, childList: true, characterData: true}); }""")
        page.fill("#snc-question textarea", ARABIC_QUESTION)
        page.press("#snc-question textarea", "Enter")
        page.wait_for_selector("#snc-chat .snc-answer .snc-caret", timeout=ANSWER_TIMEOUT_MS)
        snap(page, "local-model-streaming")
        wait_for_answer(page, 1)
        seen = list(dict.fromkeys(page.evaluate("window.__sncSeen")))
        assert len(seen) >= 3, seen  # several growing partial answers, not one final block
        assert all(len(a) <= len(b) for a, b in itertools.pairwise(seen)), seen
        final = page.locator("#snc-chat .snc-answer").last
        assert direction_of(final) == ("rtl", "rtl") and "جاموس" in final.inner_text()
        assert page.locator("#snc-sources .snc-source").count() >= 1
        snap(page, "local-model-answer")
    finally:
        web.assistant.configure(generator="extractive")


def test_settings_belong_to_the_browser_that_chose_them(open_page):
    """Two visitors at once: one asks for a single source; the other's answers keep the operator's number."""
    mine, theirs = open_page("en-US"), open_page("en-US")
    mine.locator("#snc-settings").get_by_text("Settings").first.click()
    # The accordion opens after the click returns; under load its text is not there at once.
    mine.locator("#snc-settings").get_by_text("your own answers only").wait_for()
    assert not mine.locator("#snc-base-url").is_visible()  # no visitor types where questions are sent
    number = mine.locator("#snc-top-k input[type=number]")
    number.fill("1")
    number.press("Enter")
    mine.click("#snc-apply")
    mine.wait_for_selector("#snc-settings-status .snc-status-ok:has-text('1 sources')")
    snap(mine, "settings-per-visitor")
    question = "Who heads the Day After organisation?"
    ask(mine, question)
    ask(theirs, question)
    assert mine.locator("#snc-sources .snc-source").count() == 1
    assert theirs.locator("#snc-sources .snc-source").count() > 1
    ask(mine, question)  # and it stays so for the rest of my session
    assert mine.locator("#snc-sources .snc-source").count() == 1


def _own_assistant(tmp_path: Path):
    """An extractive assistant over the founding document, for a test that starts its own app; (it, port)."""
    from snc_qa import Assistant
    from tests.servers import free_port

    (tmp_path / "documents").mkdir()
    shutil.copy(FOUNDING, tmp_path / "documents" / FOUNDING.name)
    port = free_port()
    return Assistant(documents_dir=tmp_path / "documents", index_dir=tmp_path / "index", generator="extractive",
                     port=port), port


def test_the_page_says_it_is_getting_ready_until_the_models_are_warm(browser, tmp_path):
    from snc_qa.web import launch

    assistant, port = _own_assistant(tmp_path)
    demo = launch(assistant, block=False, warm_up=False, quiet=True)
    assistant.ready.clear()  # as if the models were still loading; warmed by hand below
    context = browser.new_context(locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        note = page.locator("#snc-ready .snc-getting-ready")
        note.wait_for()
        assert "Getting ready" in note.inner_text()
        page.evaluate("window.scrollTo(0, 0)")
        snap(page, "getting-ready")
        assistant.warm_up()
        page.wait_for_selector("#snc-ready [data-ready]", state="attached", timeout=10_000)
        assert page.locator("#snc-ready .snc-getting-ready").count() == 0
        ask(page, ARABIC_QUESTION)
        assert "جاموس" in page.locator("#snc-chat .snc-answer").last.inner_text()
    finally:
        context.close()
        demo.close()


def test_the_page_and_the_documents_tab_show_the_indexing_at_start(browser, tmp_path):
    from snc_qa.indexing import IndexProgress
    from snc_qa.web import launch

    assistant, port = _own_assistant(tmp_path)
    assistant._index_lock.acquire()  # the indexing at start waits here until the page has been looked at
    demo = launch(assistant, block=False, warm_up=False, index=True, quiet=True)
    assistant.indexing = IndexProgress(120, 480, 2400, 60.0, "news/2016-01-29.en.txt")  # as if a quarter done
    context = browser.new_context(locale="ar")
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        note = page.locator("#snc-ready .snc-indexing")
        note.wait_for()
        assert "120 من 480" in note.inner_text() and "2,400" in note.inner_text()
        assert "يتبقى نحو 3 دقيقة" in note.inner_text()
        page.get_by_role("tab", name="الوثائق").click()
        status = page.locator("#snc-index-status .snc-indexing")
        status.wait_for()
        snap(page, "indexing-at-start")
        assistant._index_lock.release()  # the real indexing runs; the table then shows what it indexed
        page.wait_for_function("() => !document.querySelector('#snc-index-status .snc-indexing')", timeout=120_000)
        page.locator("#snc-documents").get_by_text(FOUNDING.name).wait_for(timeout=10_000)
        assert page.locator("#snc-ready .snc-indexing").count() == 0
    finally:
        if assistant._index_lock.locked():
            assistant._index_lock.release()
        context.close()
        demo.close()
