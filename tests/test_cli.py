"""The snc-qa command line, run as a user would (a real subprocess)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import FOUNDING

# Our own questions about the founding document, in the development set's format (tests never read ../shared).
EVAL_SET = Path(__file__).resolve().parent / "data" / "founding_questions.jsonl"


def _run(*args, env=None, cwd=None):
    full_env = {**os.environ, "SNC_QA_GENERATOR": "extractive", **(env or {})}
    return subprocess.run([sys.executable, "-m", "snc_qa.cli", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=600)


def test_index_ask_and_json(founding_docs):
    docs, index = founding_docs
    first = _run("--documents", str(docs), "--index", str(index), "index")
    assert first.returncode == 0, first.stderr
    assert "added 1" in first.stdout
    again = _run("--documents", str(docs), "--index", str(index), "index")
    assert "added 0" in again.stdout and "unchanged 1" in again.stdout and "(0 new)" in again.stdout

    asked = _run("--documents", str(docs), "--index", str(index), "ask", "من هو مدير منصة الذاكرة السورية؟")
    assert asked.returncode == 0 and "عبد الرحمن الحاج" in asked.stdout and "[1]" in asked.stdout
    assert FOUNDING.name in asked.stdout

    question = "Who is the head of the Syrian Negotiation Commission?"
    as_json = _run("--documents", str(docs), "--index", str(index), "ask", question, "--json")
    data = json.loads(as_json.stdout)
    assert data["language"] == "en" and data["grounded"] and data["sources"][0]["path"] == FOUNDING.name

    rebuilt = _run("--documents", str(docs), "--index", str(index), "index", "--rebuild")
    assert "added 1" in rebuilt.stdout


def test_index_exits_non_zero_only_when_nothing_could_be_indexed(workspace):
    docs, index = workspace
    (docs / "empty.txt").write_bytes(b"")
    bad = _run("--documents", str(docs), "--index", str(index), "index")
    assert bad.returncode == 1 and "empty.txt" in bad.stdout and "empty" in bad.stdout
    (docs / "good.txt").write_text("The commission met civil society organisations.", encoding="utf-8")
    partly = _run("--documents", str(docs), "--index", str(index), "index")
    assert partly.returncode == 0 and "failed: empty.txt" in partly.stdout


def test_missing_documents_folder_is_a_clear_error(tmp_path):
    result = _run("--documents", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i"), "index")
    assert result.returncode == 1 and "SNC_QA_DOCUMENTS_DIR" in result.stderr


def test_eval_prints_evidence_and_accuracy_per_language(founding_docs, tmp_path):
    docs, index = founding_docs
    out = tmp_path / "results.json"
    result = _run("--documents", str(docs), "--index", str(index), "eval", str(EVAL_SET), "--json", str(out))
    assert result.returncode == 0, result.stderr
    assert "evidence@5" in result.stdout
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line[:3] in ("ar ", "en ", "all")}
    assert rows["all"][2] == "6/6"  # evidence@5
    assert set(rows) == {"ar", "en", "all"}
    assert len(json.loads(out.read_text())["results"]) == 6


def test_bad_setting_is_reported(tmp_path):
    result = _run("--index", str(tmp_path), "index", env={"SNC_QA_TOP_K": "many"})
    assert result.returncode == 2 and "top_k" in result.stderr


def test_ctrl_c_stops_indexing_and_the_next_run_goes_on(tmp_path):
    import signal
    import time

    from snc_qa.passages import PassageIndex

    docs, index = tmp_path / "documents", tmp_path / "index"
    docs.mkdir()
    paragraphs = [p for p in FOUNDING.read_text(encoding="utf-8").splitlines() if len(p) > 80]
    total = 100  # about three batches of writes: the first one done leaves two to stop
    for i in range(total):
        lines = [f"وثيقة رقم {i}: {paragraphs[(i + j) % len(paragraphs)]}" for j in range(6)]
        (docs / f"doc-{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "SNC_QA_GENERATOR": "extractive", "SNC_QA_DOCUMENTS_DIR": str(docs),
           "SNC_QA_INDEX_DIR": str(index)}
    proc = subprocess.Popen([sys.executable, "-m", "snc_qa.cli", "index"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    passages = index / "passages-snc_qa"
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if passages.is_dir() and PassageIndex(passages, dimension=384).paths():
            break
    assert proc.poll() is None, "the indexer finished before it could be stopped; make the corpus larger"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "indexing stopped after" in err and "run `snc-qa index` again" in err
    kept = len(PassageIndex(passages, dimension=384).paths())
    assert 0 < kept < total

    resumed = _run("index", env=env)
    assert resumed.returncode == 0, resumed.stderr
    added = int(re.search(r"added (\d+),", resumed.stdout).group(1))
    unchanged = int(re.search(r"unchanged (\d+),", resumed.stdout).group(1))
    assert added + unchanged == total and 0 < added < total and unchanged >= kept  # nothing done twice
    assert "chunks/s" in resumed.stdout
