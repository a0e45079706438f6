"""Documents read in a worker process: a file that hangs, crashes or eats memory fails alone, by name."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from snc_qa.documents import DocumentError, DocumentLimits
from snc_qa.reading import IsolatedReader
from tests import poison


def test_reads_documents_and_reports_bad_ones_by_name(tmp_path):
    good = poison.good_documents(tmp_path)
    with IsolatedReader(DocumentLimits(), seconds=60, memory_mb=2048) as reader:
        assert "Lina Haddad" in reader.read(tmp_path, good[0]).text
        for make, reason in poison.FAILING.items():
            if make is poison.docx_many_passages:
                continue  # fine to read; the passage limit is the indexer's
            bad = make(tmp_path)
            with pytest.raises(DocumentError, match=reason) as caught:
                reader.read(tmp_path, bad)
            assert str(caught.value).startswith(f"{bad.name}:") and str(tmp_path) not in str(caught.value)
        assert "غازي عنتاب" in reader.read(tmp_path, good[1]).text  # the same worker goes on


def test_a_read_past_its_time_budget_fails_alone_and_the_next_read_works(tmp_path):
    good = poison.good_documents(tmp_path)
    slow = IsolatedReader(DocumentLimits(), seconds=0.001, memory_mb=2048)
    started = time.monotonic()
    with pytest.raises(DocumentError, match="time budget"):
        slow.read(tmp_path, good[0])
    assert time.monotonic() - started < 10
    slow.seconds = 60
    assert "Lina Haddad" in slow.read(tmp_path, good[0]).text  # a fresh worker was started
    slow.close()


def test_a_read_past_its_memory_budget_fails_alone(tmp_path):
    # Deep structure costs lxml and BeautifulSoup far more memory than the file's size.
    page = tmp_path / "huge.html"
    page.write_text("<html><body>" + "<p><b>x</b> y</p>" * 600_000 + "</body></html>", encoding="utf-8")
    good = poison.good_documents(tmp_path)
    with IsolatedReader(DocumentLimits(), seconds=120, memory_mb=300) as reader:
        with pytest.raises(DocumentError, match=r"huge\.html") as caught:
            reader.read(tmp_path, page)
        assert "memory" in str(caught.value)
        assert "Lina Haddad" in reader.read(tmp_path, good[0]).text


def test_limits_on_what_a_file_expands_to(tmp_path):
    with IsolatedReader(DocumentLimits(max_chars=5000, max_pages=1), seconds=60, memory_mb=2048) as reader:
        with pytest.raises(DocumentError, match="SNC_QA_MAX_DOCUMENT_CHARS"):
            reader.read(tmp_path, poison.docx_many_passages(tmp_path))
        text = tmp_path / "long.txt"
        text.write_text("A sentence of a long report. " * 1000, encoding="utf-8")
        with pytest.raises(DocumentError, match="characters"):
            reader.read(tmp_path, text)


def test_no_worker_is_left_running(tmp_path):
    good = poison.good_documents(tmp_path)
    reader = IsolatedReader(DocumentLimits(), seconds=60, memory_mb=2048)
    reader.read(tmp_path, good[0])
    worker = reader._worker
    reader.close()
    assert worker is not None and worker.poll() is not None
    assert isinstance(Path(tmp_path), Path)
