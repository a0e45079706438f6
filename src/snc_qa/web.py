"""The web chat (Gradio): ``python app.py`` or ``snc-qa serve``, then open http://127.0.0.1:7860.

Example::

    from snc_qa import Assistant
    from snc_qa.web import launch
    assistant = Assistant(generator="extractive")
    demo = launch(assistant, block=False)      # listens on assistant.settings.web.host:port
    ...
    demo.close()

    # or, from another program (see the README):
    from gradio_client import Client
    Client("http://127.0.0.1:7860/").predict("Who gave the briefing?", [], api_name="/chat")["text"]
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from snc_qa.answering import Answer, AnswerReady
from snc_qa.arabic import question_language
from snc_qa.assistant import AnswerOptions, Assistant, UploadError, clean_question, safe_filename
from snc_qa.documents import unexpected_reason
from snc_qa.indexing import IndexProgress
from snc_qa.settings import Settings
from snc_qa.web_launch import launch_options
from snc_qa.web_render import (
    CSS,
    answer_html,
    documents_html,
    error_html,
    heading_html,
    indexing_html,
    note_html,
    partial_html,
    pending_html,
    question_html,
    ready_html,
    sources_html,
    status_html,
)
from snc_qa.web_text import EXAMPLE_QUESTIONS, LANGUAGE_CHOICES, text, ui_language

#: Age (and sweep period) in seconds after which Gradio deletes its temporary copies of uploads.
UPLOAD_CACHE_SECONDS = 3600
# Arabic first: the theme font applies to the whole page, and Latin falls through to the system font.
FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Tahoma", "DejaVu Sans", "system-ui", "sans-serif")
MONO_FONTS = ("ui-monospace", "DejaVu Sans Mono", "Menlo", "Consolas", "monospace")
# Flips the page for an Arabic interface; messages and passages keep their own direction.
SET_PAGE_DIRECTION_JS = """(language, turns) => {
  document.documentElement.lang = language;
  document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  return [language, turns];
}"""


class GradioUploads:
    """The temporary files Gradio's upload route wrote for this app (``Blocks.upload_file_set``).

    Gradio accepts any path inside its cache folder in an event's payload and files it for deletion;
    only these files were uploaded by someone through the page.
    """

    def __init__(self, demo: gr.Blocks) -> None:
        self.demo = demo

    def owns(self, path: Path) -> bool:
        try:
            return str(path) in self.demo.upload_file_set and path.is_file() and not path.is_symlink()
        except OSError:
            return False

    def release(self, path: Path, delete: bool) -> None:
        """Forget ``path``; with ``delete``, remove it too (only ever a file the upload route wrote).

        A path a crafted event named (a folder, another visitor's upload) is dropped from the components'
        cleanup lists, where a folder would break Gradio's cache sweep; the upload route's own list keeps
        what is there, so a real upload is still swept.
        """
        name = str(path)
        owned = self.owns(path)
        for files in self.demo.temp_file_sets:
            if (delete and owned) or files is not self.demo.upload_file_set:
                files.discard(name)
        if delete and owned:
            with contextlib.suppress(OSError):
                path.unlink()


@dataclass(frozen=True)
class Turn:
    """One exchange of the conversation: the question and its answer (or why there is none)."""

    question: str
    answer: Answer | None = None
    error: str | None = None


class ChatApp:
    """The behaviour behind the page, bound to one :class:`Assistant`; :func:`build_app` wires it to Gradio.

    Every method takes and returns plain values, so it can be called without a browser::

        app = ChatApp(assistant)
        *_, (messages, _, sources, turns) = app.respond("Who gave the briefing?", [], "en")
    """

    def __init__(self, assistant: Assistant, uploads: GradioUploads | None = None) -> None:
        self.assistant = assistant
        # What Gradio's upload route wrote: an upload event may only name one of these files, so a crafted
        # event cannot reach any other. None: the caller is trusted (direct calls, tests).
        self.uploads = uploads

    @staticmethod
    def options(state: dict | None) -> AnswerOptions | None:
        """A visitor's settings (kept in their browser session) as the assistant's answer options."""
        if not state:
            return None
        return AnswerOptions(generator=state.get("generator"), top_k=state.get("top_k"),
                             openai_base_url=state.get("openai_base_url"), openai_model=state.get("openai_model"))

    # ------------------------------------------------------------------ chat

    @staticmethod
    def messages(turns: list[Turn], ui: str) -> list[dict[str, str]]:
        """The Chatbot's messages for the conversation so far."""
        shown: list[dict[str, str]] = []
        for turn in turns:
            shown.append({"role": "user", "content": question_html(turn.question)})
            reply = answer_html(turn.answer, ui) if turn.answer else error_html(turn.error or "", ui)
            shown.append({"role": "assistant", "content": reply})
        return shown

    @staticmethod
    def history(turns: list[Turn]) -> list[tuple[str, str]]:
        """(question, answer) pairs for the Assistant; failed turns are left out."""
        return [(turn.question, turn.answer.text) for turn in turns if turn.answer is not None]

    def respond(self, message: str, turns: list[Turn] | None, ui: str,
                options: dict | None = None) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Stream the answer to ``message`` into the chat; yields (messages, question box, sources panel, turns).

        Whatever was typed gets a reply, as the API gives one: an empty-looking message is asked to be a
        question, in its language; only a box left truly empty does nothing.
        """
        turns = list(turns or [])
        if not (message or "").strip():
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        question = clean_question(message) or "…"
        language = question_language(question)
        shown = [*self.messages(turns, ui), {"role": "user", "content": question_html(question)},
                 {"role": "assistant", "content": pending_html(language, ui)}]
        yield shown, "", sources_html(None, ui, searching=True), turns
        streamed, answer = "", None
        try:
            for event in self.assistant.stream_events(message, self.history(turns), self.options(options)):
                if isinstance(event, AnswerReady):
                    answer = event.answer
                    break
                streamed += event.text
                shown = [*shown[:-1], {"role": "assistant", "content": partial_html(streamed, language)}]
                yield shown, gr.skip(), gr.skip(), gr.skip()
        # Whatever stops an answer (a generator server that is down, a model that cannot load), the chat
        # must say so in the conversation rather than hang with a spinner.
        except Exception as exc:
            turns = [*turns, Turn(question, error=unexpected_reason(exc))]
            yield self.messages(turns, ui), gr.skip(), sources_html(None, ui), turns
            return
        if answer is None:
            turns = [*turns, Turn(question, error="the assistant returned no answer")]
        else:
            turns = [*turns, Turn(question, answer)]
        yield self.messages(turns, ui), gr.skip(), sources_html(answer, ui), turns

    def respond_example(self, turns: list[Turn] | None, ui: str, options: dict | None,
                        evt: gr.SelectData) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Ask the example question that was clicked on the empty chat."""
        value = evt.value if isinstance(evt.value, dict) else {"text": str(evt.value)}
        yield from self.respond(str(value.get("text", "")), turns, ui, options)

    @staticmethod
    def new_chat(ui: str) -> tuple[list, str, str, list]:
        """An empty conversation (the example questions show again)."""
        return [], "", sources_html(None, ui), []

    def chat_api(self, question: str, history: list[list[str]] | None = None) -> Iterator[dict[str, Any]]:
        """Answer ``question`` in its own language, grounded in the documents, streaming as it is generated.

        ``history`` holds the earlier ``[question, answer]`` pairs of the conversation, oldest first.
        Yields ``{"text": <answer so far>, "done": False}`` while generating, then the whole answer:
        ``{"done": True, "text", "language", "grounded", "sources": [{"title", "date", "text", "highlight",
        "document", "score", ...}], ...}``, where ``[n]`` in ``text`` cites ``sources[n-1]`` and ``document``
        is the file's path in the documents folder.
        """
        pairs = []
        for item in history or []:
            if not isinstance(item, list | tuple) or len(item) != 2:
                raise ValueError(f"history item {item!r} is not a [question, answer] pair; pass [] to start afresh.")
            pairs.append((str(item[0]), str(item[1])))
        streamed = ""
        for event in self.assistant.stream_events(question, pairs):
            if isinstance(event, AnswerReady):
                reply = event.answer.to_dict()
                # gradio_client downloads any dict with a "path" key as a file, so the source's path is renamed.
                reply["sources"] = [{("document" if k == "path" else k): v for k, v in source.items()}
                                    for source in reply["sources"]]
                yield {**reply, "done": True}
                return
            streamed += event.text
            yield {"text": streamed, "done": False}

    # ------------------------------------------------------------------ documents

    def documents_view(self, ui: str) -> tuple[str, Any]:
        """The documents table and the choices of the remove menu (files that failed to index included)."""
        files = self.assistant.documents()
        indexed_at = {path: info.indexed_at for path, info in files.items() if info.indexed_at}
        problems = {path: reason for path, reason in self.assistant.problems.items() if path not in files}
        choices = [(f"{info.title} — {path}", path) for path, info in sorted(files.items())]
        choices += [(f"⚠ {path} — {text(ui, 'not_indexed', reason=reason)}", path)
                    for path, reason in sorted(problems.items())]
        return documents_html(files, indexed_at, ui, problems), gr.update(choices=choices, value=None)

    def upload(self, files: list[str] | None, ui: str, clash: str = "keep",
               progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, Any, Any, Any]]:  # noqa: B008
        """Store and index uploaded files one by one; yields (status, table, remove menu, upload box).

        Each file is copied from Gradio's upload cache, never moved: only files this page's upload route
        wrote are accepted, and only those are cleaned up afterwards.
        """
        lines: list[tuple[str, str]] = []
        paths = [Path(str(f)) for f in files or []]
        for done, path in enumerate(paths):
            if self.uploads is not None and not self.uploads.owns(path):
                self.uploads.release(path, delete=False)
                lines.append(("error", text(ui, "not_uploaded")))
                continue
            # Gradio names the cached upload after the browser's file name, already reduced to a base name.
            lines.append(("busy", text(ui, "indexing", name=path.name, done=done + 1, total=len(paths))))
            yield status_html(lines, ui), gr.skip(), gr.skip(), gr.skip()
            progress((done, len(paths)), desc=path.name)
            lines[-1] = self.store_upload(path.name, path, ui, progress, replace=clash == "replace")
            if self.uploads is not None:
                self.uploads.release(path, delete=True)  # the temporary copy, whatever became of it
        table, menu = self.documents_view(ui)
        yield status_html(lines, ui), table, menu, None

    def store_upload(self, name: str, source: Path, ui: str, progress: Callable[..., Any] | None = None,
                     replace: bool = False) -> tuple[str, str]:
        """Add the file at ``source`` to the documents under (a safe form of) ``name``; returns (kind, message).

        ``kind`` is "ok" or "error"; the message names the file and, when refused, why. The source is only
        read: it stays where it is.
        """
        shown = name.replace("\x00", "")
        limit_mb = self.assistant.settings.web.max_upload_mb
        try:
            size = source.stat().st_size
            if size > limit_mb * 1024 * 1024:  # checked before reading, so a huge file is never held in memory
                return "error", text(ui, "refused", reason=text(ui, "too_large", name=shown, size=size / 2**20,
                                                                  limit=limit_mb))
            data = source.read_bytes()
        except OSError as exc:
            return "error", text(ui, "upload_error", name=shown, reason=exc.strerror or type(exc).__name__)

        def indexing(where: IndexProgress) -> None:
            if progress is not None:
                progress((where.files_done, where.files_total), desc=where.path)

        try:
            result = self.assistant.add_document(name, data, progress=indexing, replace=replace)
        except UploadError as exc:
            return "error", text(ui, "refused", reason=str(exc))
        if result.status == "failed":
            return "error", text(ui, "failed", name=result.name, reason=result.reason)
        if result.status == "duplicate":
            return "error", text(ui, "duplicate", name=safe_filename(name), other=result.reason)
        if result.status == "unchanged":
            return "ok", text(ui, "unchanged", name=result.name)
        if result.renamed_from:
            return "ok", text(ui, "renamed", name=result.name, old=result.renamed_from, chunks=result.passages)
        if result.status == "updated":
            return "ok", text(ui, "updated", name=result.name, chunks=result.passages)
        return "ok", text(ui, "added", name=result.name, chunks=result.passages)

    def remove(self, path: str | None, ui: str) -> tuple[str, str, Any]:
        """Delete the chosen document from the folder and the index; returns (status, table, remove menu)."""
        if not path:
            return status_html([("error", text(ui, "nothing_to_remove"))], ui), gr.skip(), gr.skip()
        try:
            self.assistant.remove_document(path)
            line = ("ok", text(ui, "removed", name=path))
        except UploadError as exc:
            line = ("error", text(ui, "refused", reason=str(exc)))
        table, menu = self.documents_view(ui)
        return status_html([line], ui), table, menu

    # ------------------------------------------------------------------ settings

    def apply_settings(self, generator: str, base_url: str, model: str, top_k: float, ui: str,
                       state: dict | None = None) -> tuple[str, dict | None]:
        """This visitor's generator and number of sources; returns (status, the visitor's new settings).

        Nothing here changes another visitor's answers. The OpenAI-compatible server is the operator's
        unless ``SNC_QA_ALLOW_CUSTOM_ENDPOINTS`` is on; on any failure the visitor's old settings stay.
        """
        settings = self.assistant.settings
        wanted: dict[str, Any] = {"generator": generator, "top_k": int(top_k)}
        if settings.generation.allow_custom_endpoints:
            wanted.update(openai_base_url=(base_url or "").strip() or None, openai_model=(model or "").strip() or None)
        try:
            options = self.options(wanted)
            self.assistant.generator_for(self.assistant.options_settings(options))  # a missing model shows here
        except Exception as exc:  # pydantic's ValidationError, a generator not offered, a missing local model
            reason = str(exc).splitlines()[0] if isinstance(exc, ValueError) else unexpected_reason(exc)
            return status_html([("error", text(ui, "settings_failed", error=reason))], ui), state
        return status_html([("ok", text(ui, "applied", generator=generator, top_k=int(top_k)))], ui), wanted


@dataclass
class _Page:
    """The components of the page, so the event wiring and the relabelling can name them."""

    turns: gr.State
    options: gr.State
    heading: gr.HTML
    ready: gr.HTML
    ready_timer: gr.Timer
    indexing_seen: gr.State  # whether this page showed an indexing run that has not been reflected in the table
    language: gr.Radio
    chat_tab: gr.Tab
    documents_tab: gr.Tab
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    new_chat: gr.Button
    accordion: gr.Accordion
    settings_note: gr.HTML
    generator: gr.Radio
    base_url: gr.Textbox
    model: gr.Textbox
    top_k: gr.Slider
    apply: gr.Button
    settings_status: gr.HTML
    sources: gr.HTML
    index_status: gr.HTML
    table: gr.HTML
    upload: gr.File
    clash: gr.Radio
    upload_status: gr.HTML
    remove_choice: gr.Dropdown
    remove: gr.Button

    def labelled(self) -> list[gr.components.Component | gr.blocks.BlockContext]:
        """What changes with the interface language, in the order of :func:`_labels`."""
        return [self.heading, self.language, self.chat_tab, self.documents_tab, self.chatbot, self.question,
                self.send, self.new_chat, self.accordion, self.settings_note, self.generator, self.base_url,
                self.model, self.top_k, self.apply, self.sources, self.table, self.upload, self.clash,
                self.remove_choice, self.remove]


def _chat_column(settings: Settings, generators: list[str], en: str) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    parts["chatbot"] = gr.Chatbot(
        label=text(en, "chatbot"), height=560, elem_id="snc-chat", placeholder=text(en, "chat_placeholder"),
        examples=[{"text": q} for q in EXAMPLE_QUESTIONS], latex_delimiters=[], feedback_options=None,
        buttons=[], group_consecutive_messages=False,
    )
    with gr.Row(equal_height=True):
        parts["question"] = gr.Textbox(show_label=False, placeholder=text(en, "question_placeholder"), scale=5,
                                       lines=1, max_lines=6, autofocus=True, elem_id="snc-question")
        parts["send"] = gr.Button(text(en, "send"), variant="primary", scale=1, min_width=90, elem_id="snc-send")
        parts["new_chat"] = gr.Button(text(en, "new_chat"), scale=1, min_width=90, elem_id="snc-new-chat")
    generator = settings.generation.resolved_generator()
    with gr.Accordion(text(en, "settings"), open=False, elem_id="snc-settings") as parts["accordion"]:
        parts["settings_note"] = gr.HTML(note_html("settings_note", en))
        parts["generator"] = gr.Radio(generators, value=generator, label=text(en, "generator"),
                                      info=text(en, "generator_info"), elem_id="snc-generator")
        # The server that questions and passages go to is the operator's; a visitor can only type another
        # where the operator allows it.
        generation = settings.generation
        custom = generation.allow_custom_endpoints
        with gr.Row():
            parts["base_url"] = gr.Textbox(generation.openai_base_url if custom else "", label=text(en, "base_url"),
                                           visible=custom and generator == "openai", interactive=custom,
                                           elem_id="snc-base-url")
            parts["model"] = gr.Textbox(generation.openai_model if custom else "", label=text(en, "model"),
                                        visible=custom and generator == "openai", interactive=custom,
                                        elem_id="snc-model")
        parts["top_k"] = gr.Slider(1, 20, value=settings.retrieval.top_k, step=1, label=text(en, "top_k"),
                                   elem_id="snc-top-k")
        parts["apply"] = gr.Button(text(en, "apply"), elem_id="snc-apply")
        parts["settings_status"] = gr.HTML("", elem_id="snc-settings-status")
    return parts


def _documents_tab(en: str) -> dict[str, Any]:
    parts: dict[str, Any] = {}
    parts["index_status"] = gr.HTML("", elem_id="snc-index-status")
    parts["table"] = gr.HTML("", elem_id="snc-documents")
    # No file_types filter: a refused type gets the assistant's own message, in the interface language.
    parts["upload"] = gr.File(label=text(en, "upload"), file_count="multiple", type="filepath", elem_id="snc-upload")
    parts["clash"] = gr.Radio(_clash_choices(en), value="keep", label=text(en, "on_clash"), elem_id="snc-on-clash")
    parts["upload_status"] = gr.HTML("", elem_id="snc-upload-status")
    with gr.Row(equal_height=True):
        parts["remove_choice"] = gr.Dropdown([], label=text(en, "remove_choice"), scale=3,
                                             elem_id="snc-remove-choice")
        parts["remove"] = gr.Button(text(en, "remove"), variant="stop", scale=1, elem_id="snc-remove")
    return parts


def _clash_choices(ui: str) -> list[tuple[str, str]]:
    return [(text(ui, "clash_keep"), "keep"), (text(ui, "clash_replace"), "replace")]


def _layout(settings: Settings, generators: list[str]) -> _Page:
    """Lay the page out (inside a Blocks context), labelled in English until the visitor's language is known."""
    en = "en"
    turns = gr.State([])
    options = gr.State(None)  # this visitor's settings; None: the operator's
    with gr.Row(equal_height=True):
        heading = gr.HTML(heading_html(en, loaded=False), elem_id="snc-heading")
        language = gr.Radio(LANGUAGE_CHOICES, value=en, label=text(en, "ui_language"), scale=0, min_width=240,
                            elem_id="snc-ui-language")
    ready = gr.HTML("", elem_id="snc-ready")
    ready_timer = gr.Timer(1.0, active=False)
    indexing_seen = gr.State(False)
    with gr.Tabs():
        with gr.Tab(text(en, "tab_chat"), id="chat", elem_id="snc-tab-chat") as chat_tab, gr.Row():
            with gr.Column(scale=3):
                chat = _chat_column(settings, generators, en)
            with gr.Column(scale=2, min_width=320):
                sources = gr.HTML(sources_html(None, en), elem_id="snc-sources")
        with gr.Tab(text(en, "tab_documents"), id="documents", elem_id="snc-tab-documents") as documents_tab:
            documents = _documents_tab(en)
    return _Page(turns=turns, options=options, heading=heading, ready=ready, ready_timer=ready_timer,
                 indexing_seen=indexing_seen,
                 language=language, chat_tab=chat_tab, documents_tab=documents_tab, sources=sources, **chat,
                 **documents)


def _labels(app: ChatApp, ui: str, turns: list[Turn]) -> tuple[Any, ...]:
    """Updates for :meth:`_Page.labelled` in the interface language ``ui``."""
    last = turns[-1].answer if turns else None
    table, menu = app.documents_view(ui)
    return (
        heading_html(ui),
        gr.update(label=text(ui, "ui_language")),
        gr.update(label=text(ui, "tab_chat")),
        gr.update(label=text(ui, "tab_documents")),
        gr.update(label=text(ui, "chatbot"), placeholder=text(ui, "chat_placeholder"), value=app.messages(turns, ui)),
        gr.update(placeholder=text(ui, "question_placeholder")),
        gr.update(value=text(ui, "send")),
        gr.update(value=text(ui, "new_chat")),
        gr.update(label=text(ui, "settings")),
        note_html("settings_note", ui),
        gr.update(label=text(ui, "generator"), info=text(ui, "generator_info")),
        gr.update(label=text(ui, "base_url")),
        gr.update(label=text(ui, "model")),
        gr.update(label=text(ui, "top_k")),
        gr.update(value=text(ui, "apply")),
        sources_html(last, ui),
        table,
        gr.update(label=text(ui, "upload")),
        gr.update(label=text(ui, "on_clash"), choices=_clash_choices(ui)),
        gr.update(label=text(ui, "remove_choice"), choices=menu["choices"], value=None),
        gr.update(value=text(ui, "remove")),
    )


def _wire(demo: gr.Blocks, page: _Page, app: ChatApp) -> None:
    """Connect the events. Only ``/chat`` is part of the API; the page's own events are private."""
    private = {"api_visibility": "private"}
    chat_outputs = [page.chatbot, page.question, page.sources, page.turns]
    for trigger in (page.question.submit, page.send.click):
        trigger(app.respond, [page.question, page.turns, page.language, page.options], chat_outputs, **private)
    page.chatbot.example_select(app.respond_example, [page.turns, page.language, page.options], chat_outputs,
                                **private)
    page.new_chat.click(app.new_chat, [page.language], chat_outputs, **private)
    page.chatbot.clear(app.new_chat, [page.language], chat_outputs, **private)

    page.upload.upload(app.upload, [page.upload, page.language, page.clash],
                       [page.upload_status, page.table, page.remove_choice, page.upload], **private)
    page.remove.click(app.remove, [page.remove_choice, page.language],
                      [page.upload_status, page.table, page.remove_choice], **private)
    custom = app.assistant.settings.generation.allow_custom_endpoints
    page.generator.change(lambda g: (gr.update(visible=custom and g == "openai"),) * 2, [page.generator],
                          [page.base_url, page.model], **private)
    page.apply.click(app.apply_settings,
                     [page.generator, page.base_url, page.model, page.top_k, page.language, page.options],
                     [page.settings_status, page.options], **private)
    page.language.change(lambda ui, turns: _labels(app, ui, turns), [page.language, page.turns], page.labelled(),
                         js=SET_PAGE_DIRECTION_JS, **private)

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        # Arabic-speaking browsers get the Arabic interface straight away; the radio switches it.
        ui = ui_language(request.headers.get("accept-language") if request else None)
        ready, indexing = app.assistant.ready.is_set(), app.assistant.indexing
        return (ui, heading_html(ui), ready_html(ready, ui, indexing), gr.Timer(active=not ready or bool(indexing)),
                indexing_html(indexing, ui), indexing is not None, *app.documents_view(ui))

    def on_tick(ui: str, seen: bool) -> tuple[Any, ...]:
        # While the folder is indexed and until the warm-up is done the page says so (the Documents tab
        # too); then the notes go, the table shows what was indexed, and the timer stops.
        ready, indexing = app.assistant.ready.is_set(), app.assistant.indexing
        table = app.documents_view(ui) if seen and indexing is None else (gr.skip(), gr.skip())
        return (ready_html(ready, ui, indexing), gr.Timer(active=not ready or bool(indexing)),
                indexing_html(indexing, ui), indexing is not None, *table)

    demo.load(on_load, None, [page.language, page.heading, page.ready, page.ready_timer, page.index_status,
                              page.indexing_seen, page.table, page.remove_choice], **private)
    page.ready_timer.tick(on_tick, [page.language, page.indexing_seen],
                          [page.ready, page.ready_timer, page.index_status, page.indexing_seen, page.table,
                           page.remove_choice], **private)
    gr.api(app.chat_api, api_name="chat")


def build_app(assistant: Assistant) -> gr.Blocks:
    """The page: chat with sources, example questions, documents tab, settings, Arabic / English labels.

    :func:`launch` starts it with safe options; to embed it elsewhere: ``build_app(assistant).launch(...)``.
    The chat is also an API endpoint, ``/chat`` (see :meth:`ChatApp.chat_api`).
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    # Temporary upload copies older than an hour are deleted, and all of them when the server restarts.
    with gr.Blocks(title="snc-qa · هيئة التفاوض السورية", analytics_enabled=False,
                   delete_cache=(UPLOAD_CACHE_SECONDS, UPLOAD_CACHE_SECONDS)) as demo:
        app = ChatApp(assistant, uploads=GradioUploads(demo))
        _wire(demo, _layout(assistant.settings, assistant.generators()), app)
    return demo


def theme() -> gr.themes.Base:
    """System fonts only (no web fonts are fetched), Arabic-capable first."""
    return gr.themes.Soft(primary_hue="emerald", neutral_hue="slate", font=list(FONTS), font_mono=list(MONO_FONTS))


def launch(assistant: Assistant, *, settings: Settings | None = None, block: bool = True,
           warm_up: bool | None = None, index: bool = False, **overrides: Any) -> gr.Blocks:
    """Start the chat for ``assistant`` on ``settings.web.host:port`` (default: the assistant's settings), safely.

    Refuses a non-loopback address without ``SNC_QA_AUTH`` (see :func:`snc_qa.web_launch.launch_options`).
    ``index``: bring the index in line with the documents folder in the background, the page showing how
    far it got, then warm up. ``block=False`` returns at once with the server running in the background;
    stop it with ``demo.close()``. ``overrides`` go to ``Blocks.launch`` as they are (``quiet=True``, say).
    """
    options = {**launch_options(settings or assistant.settings), **overrides}
    demo = build_app(assistant)
    # Answers from the local model are serialised by its lock anyway; two workers keep uploads from waiting.
    demo.queue(default_concurrency_limit=2)
    if warm_up is None:
        warm_up = (settings or assistant.settings).web.warm_up
    if not warm_up:
        assistant.ready.set()  # nothing will warm it: the page must not wait for it
    if index:
        assistant.indexing = IndexProgress(0, 0, 0, 0.0)  # so that a page loaded before the first file says so
    if index or not assistant.ready.is_set():
        # The page is up at once and says what it is doing while the folder is indexed and the models warm up.
        threading.Thread(target=_prepare, args=(assistant, index, warm_up), name="snc-qa start", daemon=True).start()
    demo.launch(prevent_thread_lock=not block, theme=theme(), css=CSS, **options)
    return demo


#: How often the console hears how the indexing at start goes.
INDEX_LOG_EVERY_S = 10.0


def _prepare(assistant: Assistant, index: bool, warm_up: bool) -> None:
    """Index the documents folder (when asked), then warm up (when asked); a failure is told, not raised,
    since the page keeps serving what is indexed."""
    say = assistant.progress or (lambda message: None)
    if index:
        last = [0.0]

        def log(where: IndexProgress) -> None:
            if where.seconds - last[0] >= INDEX_LOG_EVERY_S:
                last[0] = where.seconds
                say(where.line())

        try:
            say(assistant.index(progress=log).summary())
        except Exception as exc:  # the chat still answers from the index as it is
            assistant.indexing = None
            say(f"snc-qa: indexing the documents folder failed ({unexpected_reason(exc)}); the chat answers from "
                "the index as it is. Run `snc-qa index` to see the problem.")
    if warm_up and not assistant.ready.is_set():
        assistant.warm_up()


def serve(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Start the chat on ``settings.web.host:port`` and index the documents folder (incrementally) behind it.

    The address is checked first, so an unsafe setup fails before any model is loaded.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    launch_options(settings)
    assistant = Assistant(settings=settings, progress=progress)
    launch(assistant, index=True)
