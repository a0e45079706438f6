"""Between select and prompt: do the selected passages speak of what the question names at all?

Retrieval always finds the closest passages, and on a question the documents do not answer they are
about something else; their cosine alone does not tell (on XQuAD's left-out articles the best passage
scores as high as many right ones). The names a question asks about do: an English question that names
the Panthers, over English passages none of which mentions them, is not answered by those passages,
whatever the model would make of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from snc_qa.arabic import contains_arabic, detect_language
from snc_qa.glossary import Glossary
from snc_qa.names import NameLookup, question_names
from snc_qa.pipeline.records import Query, Selection
from snc_qa.retrieval import Source


class EvidenceCheck:
    """Why the selected passages cannot answer the question, or None.

    An English question that names something must find one of its names in the passages (the whole
    chunks, not only the chosen sentences, and their documents' titles: a news item's headline names the
    place of a meeting that its paragraphs only call "the meeting"): written as is in an English passage,
    or in an Arabic one with the same consonant skeleton (``Tesla`` ↔ ``تسلا``) or as the glossary's
    English for an Arabic name there. Checked only when an English passage is among them, where a name
    the question asks about would be written as the question writes it; Arabic has no capitals to tell
    names by, so Arabic questions pass.

    >>> from snc_qa.pipeline.records import Query, Selection, Unit
    >>> from snc_qa.retrieval import Source
    >>> text = "The Cedar Forum met in Gaziantep on Monday."
    >>> chosen = Selection([Unit(text, Source(text, "f.txt", "F", 0.8, "c"), 0, text)],
    ...                    [Source(text, "f.txt", "F", 0.8, "c")])
    >>> EvidenceCheck().run(Query("x", "Where did the Cedar Forum meet?", "en"), chosen) is None
    True
    >>> EvidenceCheck().run(Query("x", "How many points did the Panthers score?", "en"), chosen)
    'the passages do not mention Panthers'
    """

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary or Glossary([])

    def run(self, query: Query, selection: Selection) -> str | None:
        if query.language != "en" or not selection.sources:
            return None
        names = question_names(query.standalone)
        if not names or all(detect_language(source.text) != "en" for source in selection.sources):
            return None
        if mentioned(names, titled(selection.sources), self.glossary):
            return None
        return f"the passages do not mention {', '.join(names)}"


def mentioned(names: Sequence[str], text: str, glossary: Glossary) -> list[str]:
    """The names of ``names`` (as an English question writes them) that ``text`` mentions: written as is, in any
    case, or in Arabic (:class:`~snc_qa.names.NameLookup`: ``Tesla`` ↔ ``تسلا`` by consonants, ``Riad`` ↔
    ``رياض`` as the name dictionary spells it), or as the glossary's English for an Arabic name there; a country
    by its name or adjective ("Russian" over "Russia's foreign minister").

    >>> mentioned(["Tesla", "Haddad", "Idlib", "Riad", "Turkish"],
    ...           "التقى تسلا ورياض بالمستثمرين في تركيا. Lina Haddad spoke.", Glossary([]))
    ['Tesla', 'Haddad', 'Riad', 'Turkish']
    """
    annotated = glossary.annotate(text) if contains_arabic(text) else ""
    # The glossary's other English names too: "SNC" over "هيئة التفاوض السورية".
    aliases = " ".join(glossary.english_names_in(text)) if annotated else ""
    written = f"{annotated or text} {aliases}".casefold()
    lookup = NameLookup(text, also=annotated, names_by_adjective=True)
    return [name for name in names if name.casefold() in written or lookup.holds(name)]


def titled(sources: Iterable[Source]) -> str:
    """The text of ``sources``, each after its document's title: a news item's headline names what its paragraphs
    only refer to ("the meeting" held in Riyadh).

    >>> titled([Source("Around 140 attend the meeting.", "a.txt", "HNC meets in Riyadh", 0.9, "c")])
    'HNC meets in Riyadh Around 140 attend the meeting.'
    """
    return " ".join(f"{source.title} {source.text}" for source in sources)
