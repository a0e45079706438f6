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
from collections.abc import Iterator
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
AR_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # The Maghreb's names, where they differ (Algerian and Tunisian news: "حتى الفاتح من أفريل").
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8, "اوت": 8,
}
#: The days of the week, Monday first, in English and as Arabic writes them (with its article).
WEEKDAYS = (("monday", "الاثنين"), ("tuesday", "الثلاثاء"), ("wednesday", "الأربعاء"), ("thursday", "الخميس"),
            ("friday", "الجمعة"), ("saturday", "السبت"), ("sunday", "الأحد"))
EN_MONTHS = {
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
class DocumentLimits:
    """What one document may cost: checked on the file and on what it expands to.

    A small file can expand a long way (a zipped Word file, a PDF of repeated pages, a page of nested
    lists), so the text, pages and unpacked bytes are bounded too, not only the file's size.
    """

    max_bytes: int = MAX_FILE_BYTES
    max_chars: int = 1_000_000
    max_pages: int = 1000

    @classmethod
    def from_settings(cls, settings) -> DocumentLimits:
        return cls(max_bytes=settings.reading.max_document_mb * 2**20, max_chars=settings.reading.max_document_chars,
                   max_pages=settings.reading.max_document_pages)

    def check_chars(self, name: str, chars: int) -> None:
        """Refuse a document whose text has grown past ``max_chars``."""
        if chars > self.max_chars:
            raise DocumentError(
                f"{name}: holds over {self.max_chars:,} characters of text, the limit for one document; "
                "split it, or raise SNC_QA_MAX_DOCUMENT_CHARS."
            )


# An absolute file path (two or more segments), not a URL's "//host" nor a word like "application/pdf".
_SERVER_PATH = re.compile(r"(?<![\w:/.])/(?:[^\s'\"/]+/)+[^\s'\"]*")


def unexpected_reason(exc: BaseException) -> str:
    """A short, path-free description of an unexpected failure, for a report a user reads."""
    detail = str(exc).splitlines()[0] if str(exc) else ""
    # Messages of libraries can carry absolute paths of this server; a user needs the kind of failure only.
    detail = _SERVER_PATH.sub("…", detail)[:120]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


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


_HTML_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "td", "blockquote", "pre")
_HTML_CONTAINERS = frozenset(("p", "li", "td"))


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
    blocks = body.find_all(list(_HTML_BLOCKS))
    # A block holding another paragraph, item or cell is left to its inner blocks. Marking each block's
    # ancestors once (and stopping at one already marked) keeps this linear in the page; asking every
    # block for its descendants took minutes on a page of deeply nested lists.
    has_inner: set[int] = set()
    for element in blocks:
        if element.name not in _HTML_CONTAINERS:
            continue
        for parent in element.parents:
            if id(parent) in has_inner:
                break
            has_inner.add(id(parent))
    texts = [el.get_text(" ", strip=True) for el in blocks if id(el) not in has_inner]
    text = "\n".join(t for t in texts if t) or body.get_text("\n", strip=True)
    return text, title


def _read_pdf(path: Path, name: str, limits: DocumentLimits) -> tuple[str, str | None]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: the PDF is encrypted; save an unencrypted copy.")
        if len(reader.pages) > limits.max_pages:
            raise DocumentError(
                f"{name}: has {len(reader.pages):,} pages, over the limit of {limits.max_pages:,} for one "
                "document; split it, or raise SNC_QA_MAX_DOCUMENT_PAGES."
            )
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > limits.max_chars:
                limits.check_chars(name, chars)
        title = (reader.metadata.title if reader.metadata else None) or None
    except (DocumentError, MemoryError):  # out of memory is the reader's budget, reported by the caller
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files, RecursionError on deep nesting
        raise DocumentError(
            f"{name}: the PDF is damaged or unreadable ({unexpected_reason(exc)}); re-export it."
        ) from exc
    return "\n".join(pages), title


def _read_docx(path: Path, name: str, limits: DocumentLimits) -> tuple[str, str | None]:
    import zipfile

    import docx

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"{name}: the Word file is damaged or not a .docx; re-save it.") from exc
    # Word files are zip archives: a few kilobytes can unpack to gigabytes of XML before any text is seen.
    if unpacked > limits.max_bytes:
        raise DocumentError(
            f"{name}: unpacks to {unpacked / 2**20:.0f} MB, over the {limits.max_bytes / 2**20:.0f} MB limit for "
            "one document; re-save it, split it, or raise SNC_QA_MAX_DOCUMENT_MB."
        )
    try:
        document = docx.Document(str(path))
        paragraphs, chars = [], 0
        for block in _docx_blocks(document):
            paragraphs.append(block)
            chars += len(block)
            if chars > limits.max_chars:
                limits.check_chars(name, chars)
        title = document.core_properties.title or None
        if title == "Word Document":  # python-docx's placeholder when a file has no properties part
            title = None
    except (DocumentError, MemoryError):  # out of memory is the reader's budget, reported by the caller
        raise
    except Exception as exc:  # python-docx raises its own PackageNotFoundError, lxml errors, KeyError …
        raise DocumentError(
            f"{name}: the Word file could not be read ({unexpected_reason(exc)}); re-save it as .docx."
        ) from exc
    return "\n".join(paragraphs), title


def _docx_blocks(document) -> Iterator[str]:
    yield from (p.text for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            yield " | ".join(cell.text for cell in row.cells)


def strip_boilerplate(text: str) -> str:
    """Drop short lines that are site furniture, e.g. a copyright footer."""
    kept = [line for line in text.splitlines() if not (len(line) < 200 and _BOILERPLATE.search(line))]
    return "\n".join(kept)


#: A document's own date stands in a line of its own near the top (a date line, a byline: "10 حزيران 2024",
#: "Published June 30, 2012 in Geneva"), or at the very start of its first paragraph (a dateline: "GENEVA, 25
#: January 2016 (Reuters) -"). A date further into a paragraph is one the text speaks of ("… signed on 28 February
#: 2008 …"), not the document's: 15 of XQuAD's 240 English paragraphs were dated so, and questions naming that
#: year then preferred them to the paragraph that answers (3 still are: they open with a date, as datelines do).
DATE_LINE_CHARS = 120
DATELINE_CHARS = 40


def find_date(text: str, filename: str = "") -> str | None:
    r"""An ISO date (YYYY-MM-DD) from the file name, else from the first lines of the text: a short line, or the
    start of a longer one (``DATE_LINE_CHARS``, ``DATELINE_CHARS``).

    >>> find_date("Talks resume\nGENEVA, 25 January 2016 (Reuters) - The talks resumed.")
    '2016-01-25'
    >>> print(find_date("The assembly elected under the act of 1978 first met in Edinburgh in the old royal "
    ...                 "high school building on 1 March 1979, two decades later."))
    None
    """
    head = [line if len(line) <= DATE_LINE_CHARS else line[:DATELINE_CHARS] for line in text.splitlines()[:5]]
    for candidate in (filename, "\n".join(head)):
        if m := _ISO_DATE.search(candidate):
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
        for m in _DMY_WORDS.finditer(candidate):
            month = AR_MONTHS.get(m.group(2)) or EN_MONTHS.get(m.group(2).lower())
            if month and 1 <= int(m.group(1)) <= 31:
                return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(1)):02d}"
        if m := _MDY_WORDS.search(candidate):
            month = EN_MONTHS.get(m.group(1).lower())
            if month and 1 <= int(m.group(2)) <= 31:
                return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"
    return None


_TITLE_WORDS = 14


def _title_from(text: str, filename: str, given: str | None) -> str:
    """The document's own title: its metadata's, else a heading line, else the start of its first sentence.

    The file name comes last: it is often a slug in another script ("snc-civil-society-meeting" for an
    Arabic statement) and says less than the text.
    """
    if given and given.strip():
        return given.strip()[:200]
    for line in text.splitlines()[:20]:
        line = line.strip().lstrip("#").strip()
        if not line or (find_date(line) and len(line.split()) <= 6):
            continue  # blank lines and date lines come before many a heading
        if len(line) <= 120 and not line.endswith((".", "۔", "؟", "?", "!", "،", ":")):
            return line
        words = split_first_clause(line).split()
        if not words:
            continue  # a line of punctuation alone ("!") names nothing
        return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
    stem = Path(filename).name.split(".")[0]
    stem = _ISO_DATE.sub("", stem).strip("-_ ")
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or Path(filename).name


def split_first_clause(line: str) -> str:
    """The first sentence of ``line``, cut at its first clause mark when that leaves several words."""
    sentence = re.split(r"(?<=[.!?؟؛])\s", line, maxsplit=1)[0].rstrip(".!?؟؛ ")
    clause = re.split(r"[،,;:]", sentence, maxsplit=1)[0].strip()
    return clause if len(clause.split()) >= 4 else sentence


def load_document(root: Path, path: Path, max_bytes: int | None = None,
                  limits: DocumentLimits | None = None) -> Document:
    """Read one file under ``root`` into a :class:`Document`; raises :class:`DocumentError`.

    Files over ``limits.max_bytes`` are refused: a 50 MB text is about 100,000 chunks, hours of embedding
    on a laptop, and almost always an export or a log that was not meant to be indexed. What a file
    expands to is bounded too (characters of text, pages, unpacked bytes). Any failure of a reader is a
    :class:`DocumentError` naming the file.
    """
    limits = limits or DocumentLimits()
    if max_bytes is not None:
        limits = DocumentLimits(max_bytes=max_bytes, max_chars=limits.max_chars, max_pages=limits.max_pages)
    root, path = Path(root), Path(path)
    rel = path.relative_to(root).as_posix()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"{rel}: cannot be read ({exc.strerror}).") from exc
    if size == 0:
        raise DocumentError(f"{rel}: the file is empty; add text to it or remove it.")
    if size > limits.max_bytes:
        raise DocumentError(
            f"{rel}: {size / 2**20:.0f} MB is over the {limits.max_bytes / 2**20:.0f} MB limit for one document; "
            "split it, or raise SNC_QA_MAX_DOCUMENT_MB."
        )
    suffix = path.suffix.lower()
    given_title = None
    try:
        if suffix in (".pdf",):
            text, given_title = _read_pdf(path, rel, limits)
            data = path.read_bytes()
        elif suffix == ".docx":
            text, given_title = _read_docx(path, rel, limits)
            data = path.read_bytes()
        else:
            data = path.read_bytes()
            if suffix in (".html", ".htm"):
                text, given_title = _read_html(data, rel)
            else:
                text = decode_text(data, rel)
    except (DocumentError, MemoryError):  # out of memory is the reader's budget, reported by the caller
        raise
    except OSError as exc:
        raise DocumentError(f"{rel}: cannot be read ({exc.strerror}).") from exc
    except Exception as exc:  # a reader's own bug or a recursion on a pathological file: this file's failure
        raise DocumentError(f"{rel}: could not be read ({unexpected_reason(exc)}); re-save it or remove it.") from exc
    limits.check_chars(rel, len(text))
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
