"""The web chat against a careless user and an attacker: settings that reach other visitors, crafted upload
events, duplicate and clashing uploads, and password guessing. Each drives the real app over HTTP."""

from __future__ import annotations

import socket
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

from tests import test_web
from tests.servers import free_port
from tests.test_web import ARABIC_QUESTION, RunningApp, call_event

web_app = test_web.web_app  # the session's app, shared with test_web.py


@pytest.fixture
def web(web_app) -> RunningApp:
    return web_app


class _Listener:
    """A loopback HTTP server that records every request it gets (a stand-in for an attacker's server)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                listener.requests.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_GET = do_POST

            def log_message(self, *args) -> None:
                pass

        self.port = free_port()
        self.server = HTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _chat(web: RunningApp, question: str, session: str) -> object:
    """Ask through the page's own chat event in one browser session; returns that visitor's turns."""
    _messages, _box, _sources, turns = call_event(web, "snc-question", "submit", [question, [], "en", None],
                                                  session=session)
    return turns


def test_a_visitor_cannot_send_questions_to_a_server_of_their_choosing(web):
    listener = _Listener()
    try:
        _status, state = call_event(web, "snc-apply", "click", [
            "openai", f"http://127.0.0.1:{listener.port}/v1", "evil-model", 4, "en", None])
        # The typed server is ignored: the operator's (here Ollama's default) is the only one there is.
        assert state is None or "openai_base_url" not in (state or {}) or not state.get("openai_base_url")
        from gradio_client import Client

        answer = Client(web.url, verbose=False).predict(ARABIC_QUESTION, [], api_name="/chat")
        assert answer["generator"] == "extractive" and "بدر جاموس" in answer["text"]
        assert listener.requests == []
        assert web.assistant.settings.generation.openai_base_url != f"http://127.0.0.1:{listener.port}/v1"
    finally:
        listener.close()


def test_settings_belong_to_the_visitor_who_chose_them(web):
    """One visitor's number of sources changes their answers only (the browser test checks the page too)."""
    from snc_qa.web import ChatApp

    app = ChatApp(web.assistant)
    status, mine = app.apply_settings("extractive", "", "", 1, "en", None)
    assert "applied" in status and mine == {"generator": "extractive", "top_k": 1}
    *_, (_m, _b, _s, my_turns) = app.respond("Who heads the Day After organisation?", [], "en", mine)
    *_, (_m, _b, _s, other_turns) = app.respond("Who heads the Day After organisation?", [], "en", None)
    assert len(my_turns[-1].answer.sources) == 1
    assert len(other_turns[-1].answer.sources) > 1
    assert web.assistant.settings.retrieval.top_k == 4
    # A generator the operator did not make available is refused, and the visitor keeps what they had.
    status, kept = app.apply_settings("nonsense", "", "", 3, "en", mine)
    assert "not applied" in status and kept == mine


def test_an_upload_event_reaches_only_files_this_page_uploaded(web, tmp_path):
    """A crafted event naming a file in Gradio's temp folder that was not uploaded is refused and left alone."""
    import gradio.utils

    folder = Path(gradio.utils.get_upload_folder()) / uuid.uuid4().hex
    folder.mkdir(parents=True)
    victim = folder / "someone-elses.txt"
    victim.write_text("A file the upload route did not write for this request.", encoding="utf-8")
    before = web.files_outside_index()
    for target in (victim, folder, folder / "missing.txt"):
        status, _table, _menu, _cleared = call_event(web, "snc-upload", "upload", [
            [{"path": str(target), "orig_name": "x.txt", "meta": {"_type": "gradio.FileData"}}], "en", "keep"])
        assert "not uploaded through this page" in status
        assert str(folder) not in status and "Error" not in status  # no server path, no raw exception
    assert victim.read_text(encoding="utf-8").startswith("A file the upload route")  # neither moved nor deleted
    assert web.files_outside_index() == before
    # Nothing the crafted events named is left in Gradio's cleanup lists (a folder there breaks its sweep).
    assert not any(str(folder) in name for files in web.demo.temp_file_sets for name in files)


def test_duplicate_and_clashing_uploads_through_the_page_lose_nothing(web):
    def upload(name: str, body: bytes, clash: str = "keep") -> str:
        cached = httpx.post(web.url + "gradio_api/upload", files=[("files", (name, body, "text/plain"))]).json()[0]
        status, *_ = call_event(web, "snc-upload", "upload", [
            [{"path": cached, "orig_name": name, "meta": {"_type": "gradio.FileData"}}], "en", clash])
        assert not Path(cached).exists()  # the temporary copy is cleaned up, whatever the outcome
        return status

    tag = uuid.uuid4().hex[:6]
    body = f"The Cedar Forum ({tag}) met civil society groups in Gaziantep.".encode()
    try:
        assert "indexed" in upload(f"dup-{tag}.txt", body)
        status = upload(f"aaa-copy-{tag}.txt", body)
        assert f"already in the documents as dup-{tag}.txt" in status and ".." not in status
        assert "already indexed with the same content" in upload(f"dup-{tag}.txt", body)
        assert (web.documents / f"dup-{tag}.txt").read_bytes() == body
        assert not (web.documents / f"aaa-copy-{tag}.txt").exists()
        status = upload(f"dup-{tag}.txt", b"Another text entirely, about the Olive Centre in Idlib.")
        assert f"dup-{tag} (2).txt" in status and "both are kept" in status
        assert (web.documents / f"dup-{tag}.txt").read_bytes() == body
        status = upload(f"dup-{tag}.txt", b"The Cedar Forum moved to Istanbul.", clash="replace")
        assert "replaced" in status and (web.documents / f"dup-{tag}.txt").read_bytes().endswith(b"Istanbul.")
    finally:
        for name in (f"dup-{tag}.txt", f"dup-{tag} (2).txt"):
            if (web.documents / name).exists():
                web.assistant.remove_document(name)


def test_a_file_that_fails_to_index_is_listed_and_can_be_removed(web):
    from snc_qa.web import ChatApp

    bad = web.documents / f"poison-{uuid.uuid4().hex[:6]}.txt"
    bad.write_text("See https://example.org/" + "/".join(f"seg{i}" for i in range(400)) + " for details.",
                   encoding="utf-8")
    binary = web.documents / f"blob-{uuid.uuid4().hex[:6]}.txt"
    binary.write_bytes(b"\x00\x01" * 500)
    try:
        report = web.assistant.index()
        assert bad.name in report.added and binary.name in {p.path for p in report.failed}
        app = ChatApp(web.assistant)
        table, menu = app.documents_view("en")
        assert binary.name in table and "binary" in table
        assert binary.name in [value for _label, value in menu["choices"]]
        status, table, menu = app.remove(binary.name, "en")
        assert "removed" in status and not binary.exists() and binary.name not in table
    finally:
        for path in (bad, binary):
            if path.exists():
                web.assistant.remove_document(path.name)


def test_password_guessing_is_slowed_down(web):
    from snc_qa.web import launch

    port = free_port()
    settings = web.assistant.settings.updated(port=port, auth="ana:s3cret", login_attempts=5)
    demo = launch(web.assistant, settings=settings, block=False, quiet=True)
    url = f"http://127.0.0.1:{port}/login"
    try:
        codes = [httpx.post(url, data={"username": "ana", "password": f"guess{i}"}).status_code for i in range(8)]
        assert codes[:5] == [400] * 5 and codes[5:] == [429] * 3
        refused = httpx.post(url, data={"username": "ana", "password": "s3cret"})
        assert refused.status_code == 429 and "try again in" in refused.json()["detail"]
        assert int(refused.headers["Retry-After"]) > 0
        assert httpx.get(f"http://127.0.0.1:{port}/config").status_code == 401  # other routes unaffected
    finally:
        demo.close()


def test_free_port_helper_is_loopback():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", free_port()))
