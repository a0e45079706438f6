"""Find and read the documents folder: .txt .md .html .pdf .docx, Arabic or English.

Every file becomes a :class:`Document` (text plus path, title, date, language and
sha256), or a :class:`Problem` naming the file and what is wrong with it — never
a silent skip.

Example::

    from snc_qa.documents import scan_folder, load_document
    found, problems = scan_folder(Path("documents"))
    doc = load_document(Path("documents"), found[0])
    doc.title, doc.date, doc.language, doc.sha256
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from snc_qa.arabic import detect_language

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
MAX_FILE_BYTES = 20 * 1024 * 1024

_BOILERPLATE = re.compile(
    r"(جميع الحقوق محفوظة|كل الحقوق محفوظة|all rights reserved"
    r"|copyright\s*(©|\(c\))?\s*\d{4}|^©\s*\d{4})",
    re.IGNORECASE,
)
_AR_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
_EN_MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"),
        1,
    )
}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-_/.](\d{1,2})[-_/.](\d{1,2})(?!\d)")
_DMY_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+([^\d\s]+(?:\s[^\d\s]+)?)\s+(\d{4})(?!\d)")
_MDY_WORDS = re.compile(r"\b([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})\b")


class DocumentError(ValueError):
    """A file that cannot be read as a document; ``str()`` names the file and the fix."""


@dataclass(frozen=True)
class Document:
    """One loaded document. ``path`` is relative to the documents folder, with ``/``."""

    path: str
    text: str
    title: str
    language: str
    sha256: str
    date: str | None = None
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """A file that was not indexed, and why (shown in the index report)."""

    path: str
    reason: str


def _within(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def scan_folder(root: Path) -> tuple[list[Path], list[Problem]]:
    """Supported files under ``root`` (sorted), and the files passed over with the reason.

    Hidden files are ignored; links that lead outside ``root`` are not followed.
    """
    root = Path(root)
    if not root.is_dir():
        raise DocumentError(f"The documents folder {root} does not exist; create it or set SNC_QA_DOCUMENTS_DIR.")
    found: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not _within(root, path):
                problems.append(Problem(rel, "skipped: a link that points outside the documents folder"))
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                problems.append(
                    Problem(rel, f"skipped: unsupported type '{path.suffix or name}' "
                                 f"(supported: {' '.join(SUPPORTED_SUFFIXES)})")
                )
                continue
            found.append(path)
    return found, problems


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def decode_text(data: bytes, name: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else the detected encoding (e.g. Windows-1256)."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{name}: looks like a binary file, not text; remove it or save it as UTF-8 text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise DocumentError(f"{name}: the text encoding could not be recognised; save it as UTF-8.")
    text = str(best)
    if _looks_binary(text):
        raise DocumentError(f"{name}: looks like a binary file, not text; remove it or save it as UTF-8 text.")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f") or ord(c) >= 0xFFF0)
    return odd / len(sample) > 0.05


def _read_html(data: bytes, name: str) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "nav", "footer", "header", "aside", "form", "template"]):
        tag.decompose()
    body = soup.body or soup
    heading = body.find(["h1", "h2"])
    if heading and not title:
        title = heading.get_text(" ", strip=True)
    blocks = [
        el.get_text(" ", strip=True)
        for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "blockquote", "pre"])
        if not el.find(["p", "li", "td"])
    ]
    text = "\n".join(b for b in blocks if b) or body.get_text("\n", strip=True)
    return text, title


def _read_pdf(path: Path, name: str) -> tuple[str, str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: the PDF is encrypted; save an unencrypted copy.")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except DocumentError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(f"{name}: the PDF is damaged or unreadable ({exc}); re-export it.") from exc
    return "\n".join(pages), title


def _read_docx(path: Path, name: str) -> tuple[str, str | None]:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"{name}: the Word file is damaged or not a .docx ({exc}); re-save it.") from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise DocumentError(f"{name}: the Word file could not be read ({exc}); re-save it as .docx.") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    title = document.core_properties.title or None
    return "\n".join(paragraphs), title


def strip_boilerplate(text: str) -> str:
    """Drop short lines that are site furniture, e.g. a copyright footer."""
    kept = [line for line in text.splitlines() if not (len(line) < 200 and _BOILERPLATE.search(line))]
    return "\n".join(kept)


def find_date(text: str, filename: str = "") -> str | None:
    """An ISO date (YYYY-MM-DD) from the file name or the first lines of the text."""
    for candidate in (filename, "\n".join(text.splitlines()[:5])):
        if m := _ISO_DATE.search(candidate):
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
        for m in _DMY_WORDS.finditer(candidate):
            month = _AR_MONTHS.get(m.group(2)) or _EN_MONTHS.get(m.group(2).lower())
            if month and 1 <= int(m.group(1)) <= 31:
                return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(1)):02d}"
        if m := _MDY_WORDS.search(candidate):
            month = _EN_MONTHS.get(m.group(1).lower())
            if month and 1 <= int(m.group(2)) <= 31:
                return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
    return None


def _title_from(text: str, filename: str, given: str | None) -> str:
    if given and given.strip():
        return given.strip()[:200]
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= 120 and not find_date(line) and not line.endswith((".", "۔")):
            return line
        break
    stem = Path(filename).name.split(".")[0]
    stem = _ISO_DATE.sub("", stem).strip("-_ ")
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or Path(filename).name


def load_document(root: Path, path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one file under ``root`` into a :class:`Document`; raises :class:`DocumentError`.

    Files over ``max_bytes`` are refused: a 50 MB text is about 100,000 chunks, hours of embedding on a
    laptop, and almost always an export or a log that was not meant to be indexed.
    """
    root, path = Path(root), Path(path)
    rel = path.relative_to(root).as_posix()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{rel}: cannot be read ({exc.strerror}).") from exc
    if size == 0:
        raise DocumentError(f"{rel}: the file is empty; add text to it or remove it.")
    if size > max_bytes:
        raise DocumentError(
            f"{rel}: {size / 2**20:.0f} MB is over the {max_bytes / 2**20:.0f} MB limit for one document; "
            "split it, or raise SNC_QA_MAX_DOCUMENT_MB."
        )
    suffix = path.suffix.lower()
    given_title = None
    try:
        if suffix in (".pdf",):
            text, given_title = _read_pdf(path, rel)
            data = path.read_bytes()
        elif suffix == ".docx":
            text, given_title = _read_docx(path, rel)
            data = path.read_bytes()
        else:
            data = path.read_bytes()
            if suffix in (".html", ".htm"):
                text, given_title = _read_html(data, rel)
            else:
                text = decode_text(data, rel)
    except OSError as exc:
        raise DocumentError(f"{rel}: cannot be read ({exc.strerror}).") from exc
    text = strip_boilerplate(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise DocumentError(f"{rel}: no text could be extracted (a scanned PDF needs OCR first).")
    return Document(
        path=rel,
        text=text,
        title=_title_from(text, path.name, given_title),
        language=detect_language(text[:5000]),
        sha256=hashlib.sha256(data).hexdigest(),
        date=find_date(text, path.name),
    )
