"""HTML for the web chat: messages that carry their own direction, the sources panel, the documents table.

Every piece of user, document or model text goes through :func:`html.escape` here, so a question
like ``<img src=x onerror=…>`` is shown as text and never becomes markup. Messages are one line of
HTML (no blank lines), so the Chatbot's Markdown renderer passes them through untouched.

Example::

    from snc_qa.web_render import answer_html, question_html, sources_html
    question_html("من هو رئيس الهيئة؟")          # '<div class="snc-msg snc-question" dir="rtl" lang="ar">…'
    answer_html(answer, ui="en")                  # [1] becomes a link to source 1 in the panel
    sources_html(answer, ui="ar")
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Mapping

from snc_qa.answering import Answer
from snc_qa.arabic import detect_language, question_language
from snc_qa.indexing import IndexProgress
from snc_qa.pipeline.wording import CITATION, citations
from snc_qa.retrieval import Source
from snc_qa.store import IndexedFile
from snc_qa.web_text import text

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run starts and ends in its script (digits may end it) and never crosses a citation bracket or a line.
_ARABIC_RUN = re.compile(rf"[{_ARABIC}](?:[^A-Za-z\n\[\]]*[{_ARABIC}0-9])?")
_LATIN_RUN = re.compile(rf"[A-Za-z](?:[^{_ARABIC}\n\[\]]*[A-Za-z0-9])?")
_FIRST_LETTER = re.compile(rf"([{_ARABIC}])|[A-Za-z]")
_PAIRS = {"(": ")", "“": "”", "«": "»", '"': '"'}
_RUN_END = ".،؛؟!:"


def direction(language: str) -> str:
    """``"rtl"`` for Arabic, ``"ltr"`` for anything else."""
    return "rtl" if language == "ar" else "ltr"


def _wrap(inner: str, language: str, kind: str) -> str:
    return f'<div class="snc-msg snc-{kind}" dir="{direction(language)}" lang="{language}">{inner}</div>'


def question_html(question: str) -> str:
    """A user's question as escaped text, right-to-left when it is asked in Arabic (:func:`question_language`)."""
    language = question_language(question)
    lines = [_inline(line, 0, direction(language)) for line in question.splitlines() or [""]]
    return _wrap(f"<p>{'<br>'.join(lines)}</p>", language, "question")


def _runs(line: str, base: str) -> list[tuple[str, str | None]]:
    """Split ``line`` into pieces, marking runs in the other script so they can be isolated.

    In a left-to-right message an Arabic quotation keeps its own order (its full stop stays at its
    end), and the same for English words inside Arabic; ``[n]`` always belongs to the message.
    """
    pattern, other = (_LATIN_RUN, "ltr") if base == "rtl" else (_ARABIC_RUN, "rtl")
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in pattern.finditer(line):
        end = match.end()
        # A closing bracket or quote whose opener is inside the run belongs to it, and so does
        # a full stop after an Arabic quotation; left outside they would land on the wrong side.
        run = match.group(0)
        for opener, closer in _PAIRS.items():
            unclosed = run.count(opener) % 2 == 1 if opener == closer else run.count(opener) > run.count(closer)
            if unclosed and line[end:end + 1] == closer:
                end += 1
                break
        if other == "rtl" and line[end:end + 1] and line[end] in _RUN_END:
            end += 1
        if match.start() > at:
            pieces.append((line[at:match.start()], None))
        pieces.append((line[match.start():end], other))
        at = end
    if at < len(line):
        pieces.append((line[at:], None))
    return pieces


def _inline(line: str, sources: int, base: str) -> str:
    """Escape one line, make ``**bold**`` bold, ``[n]`` a link to source ``n``, and isolate other-script runs."""

    def cite(match: re.Match) -> str:
        n = int(match.group(1))
        if 1 <= n <= sources:
            return f'<a class="snc-cite" href="#snc-source-{n}" title="[{n}]">[{n}]</a>'
        return match.group(0)

    out = []
    for piece, isolated in _runs(line, base):
        body = CITATION.sub(cite, _BOLD.sub(r"<strong>\1</strong>", html.escape(piece, quote=False)))
        out.append(f'<bdi dir="{isolated}">{body}</bdi>' if isolated else body)
    return "".join(out)


def _blocks(answer_text: str, sources: int, base: str) -> str:
    """Paragraphs and lists of an answer; each paragraph finds its own direction (``unicode-bidi: plaintext``)."""
    parts: list[str] = []
    open_list = ""
    for raw in answer_text.splitlines():
        if not raw.strip():
            continue
        tag = "ul" if _BULLET.match(raw) else "ol" if _NUMBERED.match(raw) else ""
        if tag != open_list:
            parts.append(f"</{open_list}>" if open_list else "")
            parts.append(f"<{tag}>" if tag else "")
            open_list = tag
        if tag:
            body = _inline((_BULLET if tag == "ul" else _NUMBERED).sub("", raw, count=1), sources, base)
            parts.append(f"<li>{body}</li>")
        else:
            # A paragraph that starts in the other script (an Arabic quotation under an English lead)
            # reads in its own direction, with the names of the message's script isolated inside it.
            first = _FIRST_LETTER.search(raw)
            own = ("rtl" if first.group(1) else "ltr") if first else base
            attribute = f' dir="{own}"' if own != base else ""
            parts.append(f"<p{attribute}>{_inline(raw, sources, own)}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


def heading_html(ui: str, loaded: bool = True) -> str:
    """The page title and what the app does, in the interface language.

    ``loaded=False`` is the heading the page is built with, before it knows the visitor's language;
    ``data-loaded`` tells scripts (and the browser tests) that the page has its visitor's state.
    """
    marker = ' data-loaded="1"' if loaded else ""
    return (f'<header class="snc-heading" dir="{direction(ui)}" lang="{ui}"{marker}>'
            f'<h1>{html.escape(text(ui, "title"))}</h1><p>{html.escape(text(ui, "subtitle"))}</p></header>')


def indexing_html(where: IndexProgress | None, ui: str) -> str:
    """Where the indexing of the documents folder stands (files, passages, rate, time left); nothing when
    no indexing runs."""
    if where is None:
        return ""
    left = where.time_left
    when = text(ui, "left_minutes" if left[0] == "min" else "left_seconds", n=str(left[1])) if left else ""
    line = text(ui, "indexing_progress", done=f"{where.files_done:,}", total=f"{where.files_total:,}",
                chunks=f"{where.chunks:,}", rate=f"{where.chunks_per_s:.1f}", left=when)
    return (f'<p class="snc-badge snc-notice snc-indexing" role="status" dir="{direction(ui)}" lang="{ui}">'
            f'⏳ {html.escape(line)}</p>')


def ready_html(ready: bool, ui: str, indexing: IndexProgress | None = None) -> str:
    """While the documents are indexed, where that stands; then, until the assistant is ready, a note that
    it is getting ready; then nothing."""
    if indexing is not None:
        return indexing_html(indexing, ui)
    if ready:
        return '<div class="snc-ready" data-ready="1"></div>'
    return (f'<p class="snc-badge snc-notice snc-getting-ready" role="status" dir="{direction(ui)}" lang="{ui}">'
            f'⏳ {html.escape(text(ui, "getting_ready"))}</p>')


def pending_html(language: str, ui: str) -> str:
    """The answer bubble while the documents are searched, before the first token."""
    return _wrap(f'<p class="snc-pending">{html.escape(text(ui, "searching"))}</p>', language, "answer")


def partial_html(partial: str, language: str) -> str:
    """The answer as it streams in (citations are linked once the answer is complete)."""
    body = _blocks(partial, 0, direction(language))
    caret = '<span class="snc-caret" aria-hidden="true"></span>'
    for close in ("</p>", "</li></ul>", "</li></ol>"):  # the caret follows the last word, not on a line below
        if body.endswith(close):
            return _wrap(body[: -len(close)] + caret + close, language, "answer")
    return _wrap(body + caret, language, "answer")


def answer_html(answer: Answer, ui: str) -> str:
    """The final answer; an answer the documents do not support carries a visible badge."""
    badge = ""
    if not answer.grounded:
        # With sources, the answer is the closest passage after a rejected reply: shown, but not as found.
        key = "unverified" if answer.sources else "not_grounded"
        badge = (f'<p class="snc-badge snc-ungrounded" role="note" dir="{direction(ui)}" lang="{ui}">'
                 f'⚠ {html.escape(text(ui, key))}</p>')
    notice = ""
    if answer.notice:
        notice = f'<p class="snc-badge snc-notice" role="note" dir="auto">ℹ {html.escape(answer.notice)}</p>'
    return _wrap(notice + badge + _blocks(answer.text, len(answer.sources), direction(answer.language)),
                 answer.language, "answer")


def error_html(error: str, ui: str) -> str:
    """An answer that failed (a generator server down, say), with the way out."""
    message = html.escape(text(ui, "answer_failed", error=error))
    return _wrap(f'<p class="snc-badge snc-error" role="alert">⚠ {message}</p>', ui, "answer")


def cited_numbers(answer: Answer) -> list[int]:
    """The source numbers ``[n]`` that the answer's text cites, each once, in number order."""
    return sorted({n for n in citations(answer.text) if 1 <= n <= len(answer.sources)})


def _passage(source: Source) -> str:
    """The chunk with its supporting sentence marked."""
    body, mark = source.text, (source.highlight or "").strip()
    at = body.find(mark) if mark else -1
    if at < 0:
        return html.escape(body)
    before, after = body[:at], body[at + len(mark):]
    return f'{html.escape(before)}<mark class="snc-hl">{html.escape(mark)}</mark>{html.escape(after)}'


def _source_card(n: int, source: Source, ui: str) -> str:
    language = source.language or detect_language(source.text)
    meta = []
    if source.date:
        meta.append(f'<time datetime="{html.escape(source.date)}">{html.escape(source.date)}</time>')
    meta.append(f'<span class="snc-file" dir="ltr">{html.escape(source.path)}</span>')
    meta.append(f'{html.escape(text(ui, "score"))} {source.score:.2f}')
    return (
        f'<li class="snc-source" id="snc-source-{n}" data-n="{n}">'
        f'<div class="snc-source-head"><span class="snc-num">[{n}]</span> '
        f'<span class="snc-source-title" dir="auto">{html.escape(source.title or source.path)}</span></div>'
        f'<div class="snc-source-meta">{" · ".join(meta)}</div>'
        f'<blockquote class="snc-passage" dir="{direction(language)}" lang="{language}">{_passage(source)}</blockquote>'
        "</li>"
    )


def sources_html(answer: Answer | None, ui: str, searching: bool = False) -> str:
    """The panel beside the chat: the cited passages of ``answer``, numbered like its ``[n]``.

    Passages that were handed to the generator but not cited are listed under a closed
    "other passages" disclosure, keeping their numbers.
    """
    head = f'<h3 class="snc-sources-title">{html.escape(text(ui, "sources"))}</h3>'
    if searching:
        body = f'<p class="snc-muted" data-searching="1">{html.escape(text(ui, "sources_searching"))}</p>'
    elif answer is None:
        body = f'<p class="snc-muted">{html.escape(text(ui, "sources_empty"))}</p>'
    elif not answer.sources:
        body = (f'<div class="snc-ungrounded-panel" role="note"><strong>⚠ {html.escape(text(ui, "not_grounded"))}'
                f'</strong><p>{html.escape(text(ui, "not_grounded_detail"))}</p></div>')
    else:
        cited = cited_numbers(answer) or list(range(1, len(answer.sources) + 1))
        others = [n for n in range(1, len(answer.sources) + 1) if n not in cited]
        body = '<ul class="snc-source-list">' + "".join(
            _source_card(n, answer.sources[n - 1], ui) for n in cited) + "</ul>"
        if others:
            summary = html.escape(text(ui, "other_passages", count=len(others)))
            body += (f'<details class="snc-others"><summary>{summary}</summary><ul class="snc-source-list">'
                     + "".join(_source_card(n, answer.sources[n - 1], ui) for n in others) + "</ul></details>")
    return f'<section class="snc-sources" dir="{direction(ui)}" lang="{ui}">{head}{body}</section>'


def documents_html(files: Mapping[str, IndexedFile], indexed_at: Mapping[str, float], ui: str,
                   problems: Mapping[str, str] | None = None) -> str:
    """The table of indexed documents, under its heading: title, file, language, date, passages, when indexed.

    Files of the folder that could not be indexed (``problems``: path → reason) are listed too, with why.
    """
    heading = f'<h3 class="snc-documents-title">{html.escape(text(ui, "documents_heading"))}</h3>'
    problems = problems or {}
    if not files and not problems:
        return (f'<section dir="{direction(ui)}" lang="{ui}">{heading}'
                f'<p class="snc-muted">{html.escape(text(ui, "no_documents"))}</p></section>')
    heads = "".join(f"<th>{html.escape(text(ui, key))}</th>" for key in
                    ("col_title", "col_file", "col_language", "col_date", "col_chunks", "col_indexed"))
    rows = []
    for path in sorted(files):
        info = files[path]
        chunks = str(info.chunks) if info.complete else f"{info.chunks}/{info.expected} — {text(ui, 'incomplete')}"
        stamp = indexed_at.get(path)
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else "—"
        language = text(ui, f"lang_{info.language}") if info.language in ("ar", "en") else info.language
        cells = [
            f'<td dir="auto">{html.escape(info.title or path)}</td>',
            f'<td class="snc-file" dir="ltr">{html.escape(path)}</td>',
            f"<td>{html.escape(language)}</td>",
            f'<td dir="ltr">{html.escape(info.date or "—")}</td>',
            f"<td>{html.escape(chunks)}</td>",
            f'<td dir="ltr">{when}</td>',
        ]
        rows.append(f'<tr data-path="{html.escape(path)}">{"".join(cells)}</tr>')
    for path in sorted(problems):
        reason = html.escape(text(ui, "not_indexed", reason=problems[path]))
        rows.append(f'<tr class="snc-not-indexed" data-path="{html.escape(path)}"><td>⚠</td>'
                    f'<td class="snc-file" dir="ltr">{html.escape(path)}</td>'
                    f'<td colspan="4" dir="auto">{reason}</td></tr>')
    return (f'<section dir="{direction(ui)}" lang="{ui}">{heading}<table class="snc-documents"><thead><tr>{heads}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def note_html(key: str, ui: str) -> str:
    """A quiet line of interface text (``key`` of :mod:`snc_qa.web_text`) in the interface's direction."""
    return f'<p class="snc-muted" dir="{direction(ui)}" lang="{ui}">{html.escape(text(ui, key))}</p>'


def status_html(lines: list[tuple[str, str]], ui: str) -> str:
    """Upload / removal / settings messages; ``kind`` is "ok", "error" or "busy"."""
    items = "".join(f'<li class="snc-status-{kind}" dir="auto">{html.escape(line)}</li>' for kind, line in lines)
    return f'<ul class="snc-status" dir="{direction(ui)}" lang="{ui}" role="status">{items}</ul>' if lines else ""


CSS = """
.snc-heading h1 { font-size: 1.6em; margin: 0 0 0.3em; }
.snc-heading p { margin: 0; color: var(--body-text-color-subdued); }
.snc-msg { text-align: start; }
/* Example questions and the question box take the direction of what they hold, Arabic or English. */
#snc-chat .example-text-content, #snc-question textarea { unicode-bidi: plaintext; text-align: start; width: 100%; }
.snc-msg p, .snc-msg li { unicode-bidi: plaintext; margin: 0.25em 0; }
.snc-msg ul, .snc-msg ol { padding-inline-start: 1.4em; margin: 0.25em 0; }
.snc-msg[lang=ar], .snc-passage[lang=ar], .snc-documents td[dir=auto] { line-height: 1.85; }
[lang=ar] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", Tahoma, "DejaVu Sans", sans-serif; }
.snc-cite { text-decoration: none; font-weight: 600; color: var(--color-accent); padding: 0 0.1em; }
.snc-pending { opacity: 0.7; font-style: italic; }
.snc-caret::after { content: "▍"; opacity: 0.6; }
.snc-badge { display: inline-block; border-radius: 6px; padding: 0.1em 0.6em; font-size: 0.9em; }
.snc-ungrounded { background: #fff4e5; color: #8a4b00; border: 1px solid #f5c27a; }
.snc-notice { background: #eef2ff; color: #3730a3; border: 1px solid #c7d2fe; }
.snc-not-indexed td { color: #b91c1c; }
.snc-error { background: #fdecec; color: #8a1c1c; border: 1px solid #f1a4a4; }
.snc-sources { font-size: 0.95em; }
.snc-sources-title { margin: 0 0 0.5em; }
.snc-source-list { list-style: none; padding: 0; margin: 0; }
.snc-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6em 0.8em;
  margin-bottom: 0.6em; background: var(--block-background-fill); }
.snc-source:target { outline: 2px solid var(--color-accent); }
.snc-source-head { font-weight: 600; }
.snc-num { color: var(--color-accent); }
.snc-source-meta { color: var(--body-text-color-subdued); font-size: 0.85em; margin: 0.2em 0 0.4em; }
.snc-passage { margin: 0; padding: 0.4em 0.6em; border-inline-start: 3px solid var(--border-color-accent);
  text-align: start; white-space: pre-line; }
mark.snc-hl { background: #fde68a; color: inherit; border-radius: 3px; padding: 0 0.1em; }
.dark mark.snc-hl { background: #7c5e10; }
.dark .snc-ungrounded { background: #3b2a10; color: #f5c27a; }
.snc-ungrounded-panel { border: 1px solid #f5c27a; background: #fff4e5; color: #8a4b00; border-radius: 8px;
  padding: 0.6em 0.8em; }
.dark .snc-ungrounded-panel { background: #3b2a10; color: #f5c27a; }
.snc-muted { color: var(--body-text-color-subdued); }
.snc-documents { width: 100%; border-collapse: collapse; }
.snc-documents th, .snc-documents td { border-bottom: 1px solid var(--border-color-primary); padding: 0.4em 0.6em;
  text-align: start; }
.snc-file { font-family: var(--font-mono); font-size: 0.85em; }
.snc-status { list-style: none; padding: 0; margin: 0; }
.snc-status-ok::before { content: "✓ "; color: #15803d; }
.snc-status-error { color: #b91c1c; }
.snc-status-error::before { content: "✗ "; }
.snc-status-busy::before { content: "⏳ "; }
"""
