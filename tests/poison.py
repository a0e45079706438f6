"""Files that once broke indexing, made on the fly (tiny to store, some large once unpacked).

Each function writes one file into ``folder`` and returns its path. Used by the poison-folder tests.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

GOOD_EN = ("The Cedar Forum, a civil society network, held its annual meeting in Gaziantep on 3 March 2025. "
           "Its coordinator, Lina Haddad, said the forum would open an office in Idlib.")
GOOD_AR = "عقدت شبكة منتدى الأرز اجتماعها السنوي في غازي عنتاب، وقالت منسقتها لينا حداد إن المنتدى سيفتح مكتباً في إدلب."


def long_url(folder: Path) -> Path:
    path = folder / "long-url.txt"
    url = "https://example.org/" + "/".join(f"seg{i}" for i in range(120))
    path.write_text(f"See {url} for details.\nThe report was published by the Cedar Forum.", encoding="utf-8")
    return path


def base64_blob(folder: Path) -> Path:
    import base64

    path = folder / "blob.md"
    blob = base64.b64encode(bytes(range(256)) * 8).decode()
    path.write_text(f"# Attachment\n\n{blob}\n", encoding="utf-8")
    return path


def arabic_run(folder: Path) -> Path:
    path = folder / "arabic-run.ar.txt"
    path.write_text("بيان " + "هيئةالتفاوض" * 20 + " انتهى.", encoding="utf-8")
    return path


def dashes(folder: Path) -> Path:
    path = folder / "dashes.txt"
    path.write_text("Minutes\n" + "-" * 2000 + "\nEnd of minutes.", encoding="utf-8")
    return path


def nested_pdf(folder: Path, depth: int = 5000) -> Path:
    """A small PDF whose page holds arrays nested ``depth`` deep (pypdf recursed past the stack on it)."""
    path = folder / "nested.pdf"
    nested = "[" * depth + "0" + "]" * depth
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Nested {nested} >>",
        "<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Hello world) Tj ET\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _docx(path: Path, body_xml: str) -> Path:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                f'wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return path


def docx_bomb(folder: Path, megabytes: int = 30) -> Path:
    """A Word file of a few dozen kilobytes that unpacks to ``megabytes`` of XML."""
    paragraph = "<w:p><w:r><w:t>The same sentence again and again, padding a tiny file.</w:t></w:r></w:p>"
    return _docx(folder / "bomb.docx", paragraph * (megabytes * 2**20 // len(paragraph)))


def docx_many_passages(folder: Path, paragraphs: int = 400) -> Path:
    """A small Word file of many distinct short paragraphs: many passages from few bytes."""
    body = "".join(f"<w:p><w:r><w:t>Item {i}: the committee noted point number {i} of the agenda.</w:t></w:r></w:p>"
                   for i in range(paragraphs))
    return _docx(folder / "many-passages.docx", body)


def nested_html(folder: Path, depth: int = 3000) -> Path:
    """Lists nested ``depth`` deep: reading it was quadratic in the page."""
    path = folder / "nested-lists.html"
    path.write_text("<html><body>" + "<ul><li>item " * depth + "</li></ul>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def binary_text(folder: Path) -> Path:
    path = folder / "binary.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 256)
    return path


def good_documents(folder: Path) -> list[Path]:
    (folder / "cedar-forum.en.txt").write_text(GOOD_EN, encoding="utf-8")
    (folder / "cedar-forum.ar.txt").write_text(GOOD_AR, encoding="utf-8")
    return [folder / "cedar-forum.en.txt", folder / "cedar-forum.ar.txt"]


#: Files that must index now (their one over-long token is cut), and files that must fail, each alone.
INDEXABLE = (long_url, base64_blob, arabic_run, dashes, nested_html)
FAILING = {nested_pdf: "PDF", docx_bomb: "unpacks to", docx_many_passages: "passages", binary_text: "binary"}
