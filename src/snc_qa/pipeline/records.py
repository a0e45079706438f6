"""What flows between the answer pipeline's stages, and the events a caller of the pipeline receives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from snc_qa.retrieval import Source

History = Sequence[tuple[str, str]]


@dataclass
class Answer:
    """The reply to one question. ``sources[i]`` is what ``[i+1]`` in ``text`` cites."""

    text: str
    language: str
    grounded: bool
    sources: list[Source]
    question: str
    standalone_question: str = ""
    generator: str = ""
    seconds: float = 0.0
    note: str | None = None
    #: Something the reader should know about how the question was read (in the question's language).
    notice: str | None = None
    #: The model's reply as written, when the answer is not it (a refusal, a reply the check rejected, or one whose
    #: mis-spelled names were mended).
    model_reply: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text, "language": self.language, "grounded": self.grounded,
            "question": self.question, "standalone_question": self.standalone_question,
            "generator": self.generator, "seconds": round(self.seconds, 2), "note": self.note,
            "notice": self.notice, "model_reply": self.model_reply,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class Query:
    """A question as the pipeline reads it (the output of the condense stage)."""

    question: str  # as asked
    standalone: str  # understandable without the conversation
    language: str  # "ar" or "en": the language of the answer
    is_list: bool = False  # gathers items across a document ("which organisations …")
    list_kind: str = "organisation"  # for lists: "organisation", "person" or "document"


@dataclass
class Retrieved:
    """The retrieve stage's output: the passages, the question's vector, and whether any is relevant."""

    vector: list[float]
    sources: list[Source]
    grounded: bool
    #: The question's similarity to the average passage of each language: what the retriever takes from a
    #: passage's cosine so that passages of different languages compare (:mod:`snc_qa.retrieval`).
    offsets: dict[str, float] = field(default_factory=dict)


@dataclass
class Unit:
    """A sentence (or clause group) of a retrieved chunk: the grain handed to the model and cited."""

    text: str
    source: Source
    order: int  # reading order across the candidates
    sentence: str = ""  # the whole sentence ``text`` is part of
    score: float = 0.0  # how well it answers, against the other units of one selection
    similarity: float = 0.0  # its cosine to the question


@dataclass
class Selection:
    """The select stage's output: chosen units, and their chunks numbered as cited (``sources[0]`` is [1])."""

    units: list[Unit] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    note: str | None = None  # why nothing was selected, when a stage could tell

    def text(self) -> str:
        return " ".join(u.text for u in self.units)

    def index(self) -> dict[str, int]:
        """Citation number of each chunk id."""
        return {s.chunk_id: n for n, s in enumerate(self.sources, 1)}

    def cited_units(self, numbers: Sequence[int]) -> list[Unit]:
        """The units of the chunks cited as ``[n]`` for each n of ``numbers`` (numbers out of range are ignored)."""
        index = self.index()
        return [u for u in self.units if index.get(u.source.chunk_id) in numbers]


@dataclass(frozen=True)
class Verdict:
    """The verify stage's finding on a model's reply."""

    refusal: bool = False  # the reply says the sources do not hold the answer
    problem: str | None = None  # why the reply is not supported (None: it is)
    #: The source the reply is to cite instead of its own, when what it says is in another given source than the
    #: one it cites (the model numbered its sources wrong); empty when its own citations hold.
    cited: tuple[int, ...] = ()
    #: The reply to show instead, with the names it mis-spelled from an Arabic source written as the name
    #: dictionary spells them (:func:`snc_qa.names.mended_names`); None when the reply stands as written.
    mended: str | None = None

    @property
    def ok(self) -> bool:
        return not self.refusal and self.problem is None


@dataclass(frozen=True)
class TextDelta:
    """A piece of the model's reply as it is generated (it may still be replaced by the final answer)."""

    text: str


@dataclass(frozen=True)
class AnswerReady:
    """The final, checked answer: always the last event of a question."""

    answer: Answer


Event = TextDelta | AnswerReady
