"""Bad documents, a killed indexer, questions during a re-index, and a Chroma server: nothing is lost."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from snc_qa import Assistant
from snc_qa.settings import Settings

from .conftest import FOUNDING
from .servers import free_port, start_chroma

ARABIC = FOUNDING.read_text(encoding="utf-8")


def _corpus(folder: Path, n: int) -> None:
    """``n`` distinct documents built from the founding document's paragraphs."""
    paragraphs = [p for p in ARABIC.splitlines() if len(p) > 80]
    for i in range(n):
        lines = [f"وثيقة رقم {i}: {paragraphs[(i + j) % len(paragraphs)]}" for j in range(6)]
        (folder / f"doc-{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")


def _chunk_ids(index: Path) -> list[str]:
    """The chunk ids in the embedded index, read by another process: a client of this process would keep
    state of an index that another process is writing (Chroma caches one client per folder)."""
    read = ("import sys, json, chromadb; c = chromadb.PersistentClient(path=sys.argv[1]); "
            "print(json.dumps(sorted(c.get_collection('snc_qa-v3').get(include=[])['ids'])))")
    done = subprocess.run([sys.executable, "-c", read, str(index)], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout)


def test_bad_documents_are_each_reported_and_the_rest_indexed(workspace, embedding_model):
    import docx

    docs, index = workspace
    (docs / "good.txt").write_text("The commission met civil society organisations in 2024.", encoding="utf-8")
    (docs / "notes.xyz").write_text("not a document type", encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(os.urandom(4096))
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    (docs / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(200))
    (docs / "arabic-1256.txt").write_bytes("منظمة اليوم التالي تعمل على قضايا الاعتقال التعسفي.".encode("cp1256"))
    with (docs / "huge.txt").open("wb") as handle:  # 50 MB
        block = ("نص طويل جدا " * 1000 + "\n").encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    (docs / "copy of good.txt").write_text("The commission met civil society organisations in 2024.", encoding="utf-8")
    (docs / "ملف عربي بمسافات.txt").write_text("اجتمعت الهيئة مع منظمة بيتنا.", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("وحدة تنسيق الدعم جسم تنسيقي بين الدول المانحة والمجتمع المحلي.")
    d.save(docs / "good.docx")
    outside = docs.parent / "outside.txt"
    outside.write_text("secret outside the documents folder", encoding="utf-8")
    os.symlink(outside, docs / "link.txt")

    assistant = Assistant(documents_dir=docs, index_dir=index, generator="extractive")
    report = assistant.index()
    summary = report.summary()
    assert report.ok
    assert sorted(report.added) == ["arabic-1256.txt", "copy of good.txt", "good.docx", "ملف عربي بمسافات.txt"]
    failed = {p.path: p.reason for p in report.failed}
    skipped = {p.path: p.reason for p in report.skipped}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.pdf", "broken.docx", "huge.txt"}
    assert "empty" in failed["empty.txt"] and "binary" in failed["binary.txt"]
    assert "PDF" in failed["broken.pdf"] and "Word" in failed["broken.docx"] and "MB" in failed["huge.txt"]
    assert "unsupported" in skipped["notes.xyz"] and "outside" in skipped["link.txt"]
    assert "same content as copy of good.txt" in skipped["good.txt"]
    for name in [*failed, *skipped]:
        assert name in summary
    assert not any("secret" in text for text in assistant.store.all_chunks()[1])
    assert "اليوم التالي" in assistant.retrieve("ما هي قضايا منظمة اليوم التالي؟", k=1)[0].text


def test_killed_indexer_is_finished_by_the_next_run(tmp_path, embedding_model):
    docs = tmp_path / "documents"
    docs.mkdir()
    _corpus(docs, 40)
    clean = tmp_path / "clean-index"
    Assistant(documents_dir=docs, index_dir=clean, generator="extractive").index()
    expected = _chunk_ids(clean)

    index = tmp_path / "index"
    env = {**os.environ, "SNC_QA_DOCUMENTS_DIR": str(docs), "SNC_QA_INDEX_DIR": str(index)}
    proc = subprocess.Popen([sys.executable, "-m", "snc_qa.cli", "index"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    written = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            written = len(_chunk_ids(index))
        except Exception:  # the collection does not exist yet
            continue
        if 0 < written < len(expected):
            break
    assert proc.poll() is None, "the indexer finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < len(_chunk_ids(index)) < len(expected)

    resumed = Assistant(documents_dir=docs, index_dir=index, generator="extractive")
    report = resumed.index()
    assert report.ok and report.chunks == len(expected)
    assert _chunk_ids(index) == expected  # no duplicate, no missing chunk
    assert sum(resumed.store.passages.paths().values()) == len(expected)  # the passage index too
    again = Assistant(documents_dir=docs, index_dir=index, generator="extractive").index()
    assert again.new_chunks == 0


def test_questions_during_a_reindex_are_answered_from_a_consistent_index(tmp_path, embedding_model):
    import shutil

    docs = tmp_path / "documents"
    docs.mkdir()
    shutil.copy(FOUNDING, docs / FOUNDING.name)
    _corpus(docs, 30)
    assistant = Assistant(documents_dir=docs, index_dir=tmp_path / "index", generator="extractive")
    assistant.index()
    for path in docs.glob("doc-*.txt"):  # every other document changes
        path.write_text(path.read_text(encoding="utf-8") + "\nتحديث.", encoding="utf-8")
    errors: list[BaseException] = []
    answers = []

    def ask_repeatedly() -> None:
        try:
            while indexer.is_alive():
                answers.append(assistant.ask("من هو مدير منصة الذاكرة السورية؟"))
        except BaseException as exc:
            errors.append(exc)

    indexer = threading.Thread(target=assistant.index)
    indexer.start()
    asker = threading.Thread(target=ask_repeatedly)
    asker.start()
    indexer.join()
    asker.join()
    assert not errors
    assert answers and all(a.grounded and "عبد الرحمن الحاج" in a.text for a in answers)


def test_chroma_server_holds_the_index_across_a_restart(founding_docs, tmp_path, embedding_model):
    docs, _ = founding_docs
    port = free_port()
    data = tmp_path / "chroma-data"
    server = start_chroma(data, port)
    try:
        settings = Settings(documents_dir=docs, chroma_url=f"http://127.0.0.1:{port}", generator="extractive",
                            index_dir=tmp_path / "unused")
        first = Assistant(settings=settings)
        report = first.index()
        assert report.added == [FOUNDING.name] and report.chunks > 0
        assert "عبد الرحمن الحاج" in first.ask("من هو مدير منصة الذاكرة السورية؟").text
        assert not (tmp_path / "unused").exists()  # nothing went to the embedded store

        second_instance = Assistant(settings=settings)  # another app instance shares the index
        assert second_instance.index().new_chunks == 0

        server.terminate()
        server.wait(timeout=30)
        server = start_chroma(data, port)
        after = Assistant(settings=settings)
        assert after.store.count() == report.chunks
        assert after.index().new_chunks == 0
        assert "عبد الرحمن الحاج" in after.ask("من هو مدير منصة الذاكرة السورية؟").text
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_unreachable_chroma_server_says_how_to_start_one(tmp_path):
    from snc_qa.store import StoreUnavailableError

    with pytest.raises(StoreUnavailableError, match="chroma run"):
        Assistant(chroma_url=f"http://127.0.0.1:{free_port()}", index_dir=tmp_path, generator="extractive")


def test_a_poison_folder_is_indexed_around_its_bad_files_and_the_app_starts(tmp_path):
    """Each file that once broke indexing (or the app's start) beside good ones: the CLI names every bad one
    with its reason and indexes the rest; app.py starts on the folder and answers from a good document."""
    import httpx
    from gradio_client import Client

    from tests import poison

    docs, index = tmp_path / "documents", tmp_path / "index"
    docs.mkdir()
    poison.good_documents(docs)
    indexable = [make(docs).name for make in poison.INDEXABLE]
    failing = {make(docs).name: reason for make, reason in poison.FAILING.items()}
    env = {**os.environ, "SNC_QA_DOCUMENTS_DIR": str(docs), "SNC_QA_INDEX_DIR": str(index),
           "SNC_QA_GENERATOR": "extractive", "SNC_QA_MAX_DOCUMENT_PASSAGES": "50"}
    cli = Path(sys.executable).with_name("snc-qa")
    done = subprocess.run([str(cli), "index"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    report = done.stdout
    for name, reason in failing.items():
        line = next(line for line in report.splitlines() if f"failed: {name}:" in line)
        assert reason in line, line
    for name in ["cedar-forum.en.txt", "cedar-forum.ar.txt", *indexable]:
        assert f"added: {name}" in report, name
    assert str(tmp_path) not in report

    port = free_port()
    root = Path(__file__).resolve().parent.parent
    app = subprocess.Popen([sys.executable, str(root / "app.py"), "--port", str(port)], env=env, cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert app.poll() is None, app.stderr.read()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/config", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(1)
        answer = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(
            "Where will the Cedar Forum open an office?", [], api_name="/chat")
        assert "Idlib" in answer["text"] and answer["grounded"]
        assert answer["sources"][0]["document"] == "cedar-forum.en.txt"
    finally:
        app.terminate()
        app.wait(timeout=30)


def test_a_change_made_by_another_instance_is_seen_on_the_next_question(workspace, tmp_path, embedding_model):
    """Two processes on one `chroma run`: another process re-indexes; this one answers from the new text."""
    docs, _ = workspace
    port = free_port()
    server = start_chroma(tmp_path / "chroma-data", port)
    env = {**os.environ, "SNC_QA_DOCUMENTS_DIR": str(docs), "SNC_QA_CHROMA_URL": f"http://127.0.0.1:{port}",
           "SNC_QA_GENERATOR": "extractive"}
    other = [str(Path(sys.executable).with_name("snc-qa")), "index"]
    report = docs / "delegation.en.txt"
    try:
        report.write_text("The delegation was led by Amina Saleh.", encoding="utf-8")
        subprocess.run(other, env=env, check=True, capture_output=True)
        this = Assistant(settings=Settings(documents_dir=docs, chroma_url=f"http://127.0.0.1:{port}",
                                           generator="extractive", index_dir=tmp_path / "unused"))
        question = "Who led the delegation?"
        assert "Amina Saleh" in this.retrieve(question)[0].text

        report.write_text("The delegation was led by Karim Haddad.", encoding="utf-8")  # as many chunks
        subprocess.run(other, env=env, check=True, capture_output=True)
        assert "Karim Haddad" in this.retrieve(question)[0].text
        assert "Karim Haddad" in this.ask(question).text

        report.unlink()
        subprocess.run(other, env=env, check=True, capture_output=True)
        assert this.retrieve(question) == []
    finally:
        server.terminate()
        server.wait(timeout=30)
