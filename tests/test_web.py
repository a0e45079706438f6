"""The real web chat on a free loopback port: the /chat API through gradio_client, uploads, files it
must not serve, where it listens, and the password it needs off loopback.

The app runs in a background thread over a temporary copy of the founding document and is closed
at the end of the session; the browser tests in ``test_web_browser.py`` use the same one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from snc_qa import Assistant

from .servers import free_port

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "documents" / "2024-06-10-snc-civil-society-meeting.ar.txt"
ARABIC_QUESTION = "من هو رئيس هيئة التفاوض السورية؟"


@dataclass
class RunningApp:
    """A started web chat: its URL, its assistant, and the folders it works in."""

    url: str
    assistant: Assistant
    demo: object
    root: Path

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    def files_outside_index(self) -> set[str]:
        """Every file under the app's folder except the index's own (what an upload may have written)."""
        return {str(p.relative_to(self.root)) for p in self.root.rglob("*")
                if p.is_file() and "index" not in p.relative_to(self.root).parts}


@contextmanager
def running_app(root: Path, generator: str = "extractive", **settings) -> Iterator[RunningApp]:
    """Start the real app (``snc_qa.web.launch``) over a copy of the founding document; close it afterwards."""
    from snc_qa.web import launch

    (root / "documents").mkdir(parents=True)
    shutil.copy(FOUNDING, root / "documents" / FOUNDING.name)
    port = free_port()
    assistant = Assistant(documents_dir=root / "documents", index_dir=root / "index", generator=generator,
                          port=port, **settings)
    assistant.index()
    demo = launch(assistant, block=False, quiet=True)
    try:
        yield RunningApp(f"http://127.0.0.1:{port}/", assistant, demo, root)
    finally:
        demo.close()


@pytest.fixture(scope="session")
def web_app(tmp_path_factory) -> Iterator[RunningApp]:
    """One app for the whole session (the browser tests use it too): starting one costs ~20 s of model loading."""
    with running_app(tmp_path_factory.mktemp("web"), max_upload_mb=1) as app:
        yield app


@pytest.fixture
def web(web_app) -> RunningApp:
    return web_app


def call_event(app: RunningApp, elem_id: str, event: str, data: list, session: str | None = None) -> list:
    """Trigger a page event over HTTP, the way the browser does, and return its final outputs.

    ``session`` names the browser session (its ``gr.State`` values live there); a fresh one by default.
    """
    config = httpx.get(app.url + "config").json()
    ids = {c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id}
    fn = next(d["id"] for d in config["dependencies"] if any(t[0] in ids and t[1] == event for t in d["targets"]))
    session = session or uuid.uuid4().hex[:12]
    joined = httpx.post(app.url + "gradio_api/queue/join",
                        json={"data": data, "fn_index": fn, "session_hash": session, "event_data": None})
    joined.raise_for_status()
    with httpx.stream("GET", app.url + f"gradio_api/queue/data?session_hash={session}", timeout=60) as stream:
        for line in stream.iter_lines():
            message = json.loads(line[5:]) if line.startswith("data:") else {}
            if message.get("msg") == "process_completed":
                assert message.get("success"), message.get("output")
                return message["output"]["data"]
    raise AssertionError(f"event {elem_id}.{event} never completed")


# ---------------------------------------------------------------- the /chat API


def test_chat_endpoint_answers_through_gradio_client_with_sources(web):
    from gradio_client import Client

    client = Client(web.url, verbose=False)
    assert set(client.view_api(return_format="dict")["named_endpoints"]) == {"/chat"}

    job = client.submit(ARABIC_QUESTION, [], api_name="/chat")
    updates = list(job)
    answer = job.result()
    assert updates[-1] == answer and answer["done"] is True
    assert answer["language"] == "ar" and answer["grounded"] is True
    assert "بدر جاموس" in answer["text"] and "[1]" in answer["text"]
    first = answer["sources"][0]
    assert first["document"] == FOUNDING.name and first["date"] == "2024-06-10"
    assert first["highlight"] and first["highlight"] in first["text"] and "بدر جاموس" in first["highlight"]


def test_chat_endpoint_follow_up_uses_the_history(web):
    from gradio_client import Client

    client = Client(web.url, verbose=False)
    first = client.predict("Who heads the Day After organisation?", [], api_name="/chat")
    assert first["language"] == "en" and "اليوم التالي" in first["text"]
    follow_up = client.predict("What does his organisation focus on?",
                               [["Who heads the Day After organisation?", first["text"]]], api_name="/chat")
    assert follow_up["grounded"] and "اليوم التالي" in follow_up["text"]
    assert "Day After" in follow_up["standalone_question"]
    alone = client.predict("What does his organisation focus on?", [], api_name="/chat")
    assert "اليوم التالي" not in alone["text"]  # so it was the history that found the organisation


def test_chat_endpoint_rejects_a_malformed_history_with_the_way_out(web):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=r"\[question, answer\] pair"):
        Client(web.url, verbose=False).predict("Who?", [["only a question"]], api_name="/chat")


# ---------------------------------------------------------------- what it serves and where it listens


@pytest.mark.parametrize("route", ["file=", "gradio_api/file=", "gradio_api/file/", "gradio_api/file=../../../.."])
def test_no_file_outside_the_app_is_served(web, route):
    index_files = [p for p in (web.root / "index").rglob("*") if p.is_file()]
    targets = ["/etc/passwd", str(web.documents / FOUNDING.name), str(index_files[0]), str(ROOT / "pyproject.toml")]
    for target in targets:
        response = httpx.get(web.url + route + target)
        assert response.status_code in (403, 404, 405), (route + target, response.status_code)
        assert "root:x:" not in response.text and "بدر جاموس" not in response.text


def test_listens_on_loopback_only_by_default(web):
    port = int(web.url.rsplit(":", 1)[1].strip("/"))
    tcp = Path("/proc/net/tcp")
    if not tcp.exists():
        pytest.skip("needs Linux's /proc/net/tcp to read the listening address")
    listening = [line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"]
    ours = [address for address in listening if int(address.split(":")[1], 16) == port]
    assert ours == ["0100007F:" + f"{port:04X}"], ours  # 127.0.0.1, little-endian hex
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False" and web.demo.analytics_enabled is False


def test_serving_off_loopback_without_a_password_is_refused_before_loading_anything(tmp_path):
    port = free_port()
    env = {**os.environ, "SNC_QA_HOST": "0.0.0.0", "SNC_QA_PORT": str(port), "SNC_QA_GENERATOR": "extractive",
           "SNC_QA_DOCUMENTS_DIR": str(tmp_path / "documents"), "SNC_QA_INDEX_DIR": str(tmp_path / "index")}
    env.pop("SNC_QA_AUTH", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "app.py")], env=env, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "SNC_QA_AUTH=user:password" in result.stderr and "127.0.0.1" in result.stderr
    assert not (tmp_path / "index").exists()  # refused before the index (or any model) was touched
    assert time.perf_counter() - started < 60


def test_with_a_password_the_app_asks_for_it(web):
    from gradio_client import Client

    from snc_qa.web import launch

    port = free_port()
    settings = web.assistant.settings.updated(port=port, auth="ana:s3cret")
    demo = launch(web.assistant, settings=settings, block=False, quiet=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert httpx.get(url + "config").status_code == 401
        assert httpx.post(url + "login", data={"username": "ana", "password": "wrong"}).status_code >= 400
        with httpx.Client() as session:
            assert session.post(url + "login", data={"username": "ana", "password": "s3cret"}).status_code == 200
            assert session.get(url + "config").status_code == 200
        answer = Client(url, auth=("ana", "s3cret"), verbose=False).predict(ARABIC_QUESTION, [], api_name="/chat")
        assert "بدر جاموس" in answer["text"]
    finally:
        demo.close()


# ---------------------------------------------------------------- uploads


def test_upload_with_a_traversal_name_lands_in_the_documents_folder(web):
    before = web.files_outside_index()
    name = f"snc-upload-{uuid.uuid4().hex[:6]}.txt"
    body = b"Lina Haddad coordinates the Women's Advisory Board, which met in Geneva on 3 March 2025."
    uploaded = httpx.post(web.url + "gradio_api/upload", files=[("files", (f"../../etc/{name}", body, "text/plain"))])
    cached = uploaded.json()[0]
    status, table, _menu, cleared = call_event(web, "snc-upload", "upload", [
        [{"path": cached, "orig_name": f"../../etc/{name}", "meta": {"_type": "gradio.FileData"}}], "en", "keep"])
    try:
        assert f"{name}: indexed" in status and name in table and cleared is None
        assert web.files_outside_index() - before == {f"documents/{name}"}
        assert not Path("/etc", name).exists() and not (web.root.parent / name).exists()
        assert not Path(cached).exists()  # the copy in Gradio's upload cache is gone
        answer = web.assistant.ask("Who coordinates the Women's Advisory Board?")
        assert "Lina Haddad" in answer.text and answer.sources[0].path == name
    finally:
        web.assistant.remove_document(name)


@pytest.mark.parametrize(("name", "size", "reason"), [
    ("../../etc/passwd", 20, "unsupported type"),
    ("..", 20, "not a usable file name"),
    ("evil\x00.exe", 20, "unsupported type"),
    ("big.txt", 3 * 1024 * 1024 // 2, "over the 1 MB"),
])
def test_refused_uploads_say_why_and_write_nothing(web, tmp_path, name, size, reason):
    from snc_qa.web import ChatApp

    source = tmp_path / "upload.bin"
    source.write_bytes(b"root:x:0:0 a line. " * (size // 19 + 1))
    before = web.files_outside_index()
    kind, message = ChatApp(web.assistant).store_upload(name, source, "en")
    assert kind == "error" and reason in message and message.startswith("Refused")
    assert "\x00" not in message
    assert web.files_outside_index() == before
    assert not Path("/etc/passwd.txt").exists()


def test_a_nul_byte_in_a_name_is_dropped_and_the_file_kept_inside(web, tmp_path):
    from snc_qa.web import ChatApp

    source = tmp_path / "upload.txt"
    source.write_text("The delegation met in Riyadh on 5 May 2025.", encoding="utf-8")
    kind, message = ChatApp(web.assistant).store_upload("../notes\x00.txt", source, "ar")
    try:
        assert kind == "ok" and message.startswith("notes.txt: فُهرست")
        assert (web.documents / "notes.txt").is_file()
    finally:
        web.assistant.remove_document("notes.txt")
    assert not (web.documents / "notes.txt").exists()
