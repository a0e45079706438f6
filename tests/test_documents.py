import os
from pathlib import Path

import pytest

from snc_qa.documents import DocumentError, find_date, load_document, scan_folder, strip_boilerplate

ARABIC = "عقدت هيئة التفاوض السورية اجتماعاً موسعاً مع منظمات المجتمع المدني."


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256"])
def test_text_encodings_are_detected(tmp_path, encoding):
    body = (ARABIC + "\n") * 5
    path = _write(tmp_path, "a.txt", body.encode(encoding))
    doc = load_document(tmp_path, path)
    assert ARABIC in doc.text
    assert doc.language == "ar"


def test_metadata_path_title_date_language_sha(tmp_path):
    path = _write(tmp_path, "news/2024-06-10-meeting.ar.txt", "10 حزيران 2024\n" + ARABIC)
    doc = load_document(tmp_path, path)
    assert doc.path == "news/2024-06-10-meeting.ar.txt"
    assert doc.date == "2024-06-10"
    # The title comes from the text, in its own language, not from the file name's Latin slug.
    assert doc.title == "عقدت هيئة التفاوض السورية اجتماعاً موسعاً مع منظمات المجتمع المدني"
    assert len(doc.sha256) == 64


def test_markdown_heading_is_the_title(tmp_path):
    doc = load_document(tmp_path, _write(tmp_path, "r.md", "# Resolution 2254\n\nThe Security Council endorsed it."))
    assert doc.title == "Resolution 2254"
    assert doc.language == "en"


def test_dates_in_arabic_and_english_text():
    assert find_date("10 حزيران 2024\nنص") == "2024-06-10"
    assert find_date("Published June 30, 2012 in Geneva") == "2012-06-30"
    assert find_date("no date here") is None


def test_a_date_the_text_speaks_of_is_not_the_document_s_date():
    running = ("The commission welcomed the agreement that the two delegations signed in Geneva on 28 February "
               "2008, and called for its full implementation.")
    assert find_date(running) is None
    assert find_date(f"GENEVA, 25 January 2016 (Reuters) - {running}") == "2016-01-25"
    assert find_date(f"بيان صحفي\n٢٥ كانون الثاني ٢٠١٦\n{running}") == "2016-01-25"


def test_copyright_footer_is_dropped():
    text = "محتوى مهم.\nجميع الحقوق محفوظة © 2024 هيئة التفاوض"
    assert strip_boilerplate(text) == "محتوى مهم."


def test_html_keeps_the_article_and_drops_scripts_and_footer(tmp_path):
    html = (
        "<html><head><title>بيان الهيئة</title><script>alert(1)</script></head><body>"
        f"<nav>الرئيسية</nav><article><p>{ARABIC}</p></article><footer>All rights reserved 2024</footer>"
        "</body></html>"
    )
    doc = load_document(tmp_path, _write(tmp_path, "s.html", html))
    assert doc.title == "بيان الهيئة"
    assert ARABIC in doc.text
    assert "alert" not in doc.text and "rights" not in doc.text and "الرئيسية" not in doc.text


def test_docx(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "اجتماع"
    document.add_paragraph(ARABIC)
    document.save(tmp_path / "d.docx")
    doc = load_document(tmp_path, tmp_path / "d.docx")
    assert doc.title == "اجتماع" and ARABIC in doc.text and doc.language == "ar"


def test_pdf(tmp_path):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "r.pdf"))
    c.drawString(72, 720, "Resolution 2254 calls for a Syrian-led political process.")
    c.save()
    doc = load_document(tmp_path, tmp_path / "r.pdf")
    assert "Syrian-led political process" in doc.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("broken.docx", b"PK\x03\x04 not a zip", "Word"),
    ],
)
def test_bad_files_raise_a_clear_error_naming_the_file(tmp_path, name, data, message):
    with pytest.raises(DocumentError) as err:
        load_document(tmp_path, _write(tmp_path, name, data))
    assert name in str(err.value) and message in str(err.value)


def test_scan_reports_unsupported_and_outside_links(tmp_path):
    docs = tmp_path / "docs"
    _write(docs, "a.txt", ARABIC)
    _write(docs, "sub dir/ملف عربي.md", ARABIC)
    _write(docs, "image.png", b"\x89PNG")
    _write(docs, ".hidden.txt", ARABIC)
    _write(tmp_path, "secret.txt", "outside")
    os.symlink(tmp_path / "secret.txt", docs / "link.txt")
    found, problems = scan_folder(docs)
    assert [p.relative_to(docs).as_posix() for p in found] == ["a.txt", "sub dir/ملف عربي.md"]
    reasons = {p.path: p.reason for p in problems}
    assert "unsupported" in reasons["image.png"]
    assert "outside" in reasons["link.txt"]


def test_missing_folder_names_the_setting(tmp_path):
    with pytest.raises(DocumentError, match="SNC_QA_DOCUMENTS_DIR"):
        scan_folder(tmp_path / "nope")


# ---------------------------------------------------------------- any bytes, any text

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(data=b"!", suffix=".txt")  # once a document whose only line was punctuation got an empty title
@given(data=st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(lambda t: t.encode("utf-8", "replace"))),
       suffix=st.sampled_from([".txt", ".md", ".html", ".pdf", ".docx"]))
def test_any_file_is_a_document_or_a_named_problem(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    try:
        doc = load_document(tmp_path, path)
    except DocumentError as exc:
        assert str(exc).startswith(f"random{suffix}:") and str(tmp_path) not in str(exc)
    else:
        assert doc.text.strip() and doc.title and doc.language in ("ar", "en")
