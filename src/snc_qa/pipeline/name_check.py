"""The reply check's rules on names: whom and what a reply names (people, countries, cities) must be in its
sentences or its question, in either script, and a question asking who or which country must be answered by one.

>>> names_someone("Lina Haddad coordinates it [2].", "Who coordinates the forum?")
True
>>> names_a_country("The delegation met in Geneva [1].", "Which country hosted it?")
False
"""

from __future__ import annotations

import functools
import re

from snc_qa.arabic import (
    CLINGING_LETTERS,
    ENGLISH_STOPWORDS,
    WORD,
    Analyzer,
    among_stems,
    arabic_keys,
    contains_arabic,
    normalize,
    phonetic_key,
)
from snc_qa.countries import Countries
from snc_qa.glossary import Glossary
from snc_qa.names import (
    LATIN_WORDS,
    TIME_WORDS,
    NameLookup,
    Romanizer,
    arabic_name_runs,
    arabic_name_words,
    broken_names,
    drop_possessive,
    latin_name_keys,
    latin_names_in_arabic,
    question_names,
    romanizer,
)
from snc_qa.pipeline.quantities import Quantities
from snc_qa.pipeline.records import Query, Selection
from snc_qa.pipeline.wording import ALTERNATIVES, ARABIC_BODY_WORDS, NOT_NAMES, ROLE_WORDS, latin_name_words
from snc_qa.places import Places

# Capitalised words side by side, with the small words of names, and a title or an initial among them: "Dr. Nasr
# al-Hariri", "Geir O. Pedersen" (not across a sentence's end: "… met Pedersen. Geneva …"). Not wording's
# _NAME_RUN, which finds where a name starts and so leaves titles and initials out: here they are part of
# what the reply says.
_CAPITALISED_WORD = r"(?:[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|(?:(?:al|el|bin|ibn|abu|de|van|von)[ -])?[A-Z][A-Za-z'’-]*)"
CAPITALISED_RUN = re.compile(rf"(?<![A-Za-z]){_CAPITALISED_WORD}(?:\s+{_CAPITALISED_WORD})*")


class NameCheck:
    """Finds the names of a reply that neither its sentences nor its question hold, in either script, and those
    that only repeat the question's.

    >>> from snc_qa.pipeline.records import Unit
    >>> from snc_qa.retrieval import Source
    >>> text = "Lina Haddad, the forum's coordinator, said it would open an office in Idlib."
    >>> source = Source(text=text, path="f.txt", title="Forum", score=0.9, chunk_id="c")
    >>> selection = Selection([Unit(text, source, 0, text)], [source])
    >>> query = Query("Who coordinates the forum?", "Who coordinates the forum?", "en")
    >>> NameCheck(Glossary([])).unsupported_names("Emmanuel Macron coordinates it [1].", query, selection)
    ['Emmanuel', 'Macron']
    """

    def __init__(self, glossary: Glossary, romanize: Romanizer | None = None,
                 quantities: Quantities | None = None) -> None:
        self.glossary = glossary
        self.romanize = romanize or romanizer()
        # Number words are no names; they are checked as numbers.
        self.quantities = quantities or Quantities()
        self.analyzer = self.quantities.analyzer

    def asked_names(self, body: str, query: Query) -> set[str]:
        """The words (tokens) of the reply's names that are names an English question asks about: "Geir
        Pedersen" and "Dr. Nasr Hariri" say no more than a question about Pedersen and Hariri, so a reply made
        of them is no answer ("Whom did Pedersen meet?" → "Geir Pedersen"). A name is told from the title before
        it ("Turkish Foreign Minister Hakan Fidan" is Fidan, whatever the question says of Turkey). Not for a
        question that offers a choice, whose answer is one of its names.

        >>> check = NameCheck(Glossary([]))
        >>> question = Query("x", "Which Turkish minister did Pedersen meet with Hariri?", "en")
        >>> sorted(check.asked_names("Dr. Nasr al-Hariri and Geir Pedersen [2], not Walid Muallem.", question))
        ['al', 'dr', 'geir', 'hariri', 'nasr', 'pedersen']
        >>> check.asked_names("Turkish Foreign Minister Hakan Fidan [1].", question)
        set()
        >>> sorted(check.asked_names("هو Geir Pedersen [2].", Query("x", "بأي كلمة وصف غير بيدرسن الجولة؟", "ar")))
        ['geir', 'pedersen']
        """
        english = query.language == "en"
        names = {name.casefold() for name in question_names(query.standalone)} if english else set()
        if (english and not names) or ALTERNATIVES.search(query.standalone):
            return set()
        found: set[str] = set()
        for run in CAPITALISED_RUN.finditer(body):
            words = [drop_possessive(w.rstrip(".")) for w in re.split(r"[\s-]+", run.group(0))]
            titles = [i for i, w in enumerate(words) if w.casefold() in ROLE_WORDS]
            # A person is named by the last word of the run ("Syrian MP Ahmad Al-Kuzbari" is Kuzbari, whatever
            # the question says of Syria: a right answer to "Who led the Syrian government delegation?" was
            # refused as a restatement). An Arabic question writes the name in Arabic letters: "Geir Pedersen"
            # for "بأي كلمة وصف غير بيدرسن الجولة الخامسة؟" (the forty-fourth set of real news).
            name = words[titles[-1] + 1 if titles else 0:]
            if name and (name[-1].casefold() in names if english
                         else latin_names_in_arabic(name[-1], query.standalone)):
                found.update(self.analyzer.tokens(run.group(0)))
        return found

    def unsupported_arabic_names(self, body: str, query: Query, selection: Selection, stems: set[str]) -> list[str]:
        """Arabic names of the reply that the sentences and the question do not hold, in either script: a
        full name (:func:`~snc_qa.names.arabic_name_runs`) two of whose words are nowhere, or a Latin name's
        first part followed by something other than its next (:func:`~snc_qa.names.broken_names`).

        A name the model could not copy from an English sentence is otherwise invisible: an Arabic reply's
        words cannot be looked up in English. A word is held when its stem is there, when the name
        dictionary spells it as a Latin word there, or when a Latin word there has its consonants.
        """
        def held(word: str) -> bool:
            return any(among_stems(t, stems) for t in self.analyzer.tokens(word))

        # A name begun right and ended wrong: "سليم الالمصل" for "Salim al-Muslat".
        broken = [w for w in broken_names(body, selection.text(), self.romanize) if not held(w)]
        runs = arabic_name_runs(body, self.romanize)
        if broken or not runs:
            return broken
        text = f"{selection.text()} {self.glossary.annotate(selection.text())} {query.standalone}"
        latin = {w.casefold() for w in LATIN_WORDS.findall(text)}
        keys = {phonetic_key(w) for w in latin}
        spelled = self.romanize.spellings(w for run in runs for w in run)
        unknown = []
        for run in runs:
            missing = [w for w in run if not held(w) and not set(spelled[w]) & latin and phonetic_key(w) not in keys]
            if len(missing) >= 2:  # one may be a word that is also a name ("باسم", "in the name of")
                unknown += missing
        return unknown

    def unsupported_names(self, body: str, query: Query, selection: Selection) -> list[str]:
        """Capitalised words of an English reply that neither the sentences nor the question hold.

        An Arabic name of the sentences counts as the name dictionary spells it ("Alaa Abdul Aziz" for
        "علاء عبد العزيز", whose consonants alone are too few to tell), a particle ("Abdul", "al-") with it,
        a country's name when they name that country in either language, and its adjective when they name it
        or use its adjective (:mod:`snc_qa.countries`).
        """
        sources = selection.text()
        lookup = NameLookup(sources, self.romanize, also=f"{query.standalone} {self.glossary.annotate(sources)}")
        unknown = []
        for word in LATIN_WORDS.findall(body):
            word = drop_possessive(word)
            folded = word.casefold()
            # A month or a weekday is no name; a month is checked as a date (number_check.uncited_month), in
            # either language ("on Saturday" was refused as a name over an Arabic item that says "يوم السبت").
            if not word[0].isupper() or len(word) < 3 or folded in NOT_NAMES or folded in TIME_WORDS or \
                    folded in ENGLISH_STOPWORDS:
                continue
            # A number in words is no name, and is checked as a number: "Four [1]." for how many zones were agreed,
            # over an Arabic item's "أربع مناطق", was refused as a name (ninth set of real news).
            if (stems := set(self.analyzer.tokens(word))) and stems <= self.quantities.number_stems:
                continue
            if lookup.holds(word):
                continue
            unknown.append(word)
        return unknown


def asked_word(word: str, asked: set[str], query: Query) -> bool:
    """Whether a word of the reply is one of the question's, in its script or the other ("Tesla" for تسلا)."""
    if among_stems(word, asked):
        return True
    key = phonetic_key(word)
    if len(key) < 3 or word.isdigit():
        return False
    latin, arabic = _question_keys(query.standalone)
    # An Arabic key keeps a clinging letter the Latin name has not ("بتسلا": btsl, "Tesla": tsl).
    return any(k == key or (len(k) == len(key) + 1 and k.endswith(key))
               for k in (latin if contains_arabic(word) else arabic))


def added_countries(body: str, question: str, sources: str) -> set[str]:
    """The countries (codes) a reply names, not the question, that the sources name too, in either language.

    Asked of English replies: in Arabic a country's short name may be an adjective too ("الدولة السعودية",
    the Saudi state), which on a captured reply counted as naming Saudi Arabia.

    >>> sorted(added_countries("It would divide Syria.", "What did it call the deal?", "مشروع لتقسيم سوريا"))
    ['SY']
    """
    named = countries_beyond(body, question)
    return named & set(Countries.load().named_in(sources)) if named else set()


def added_places(body: str, question: str, sources: str) -> set[str]:
    """The English words of the cities a reply names, not the question, that the sources name in the other script
    (:mod:`snc_qa.places`): an answer across languages that can be seen to come from them.

    >>> sorted(added_places("The meeting was held in Cairo [1].", "Where did they meet?", "عقد الاجتماع في القاهرة"))
    ['cairo']
    >>> sorted(added_places("عقد الاجتماع في القاهرة [1].", "أين عقد الاجتماع؟", "The meeting was held in Cairo."))
    ['cairo']
    >>> added_places("It was held in Riyadh [1].", "Where was it held?", "عقد الاجتماع في القاهرة")
    set()
    """
    places = Places.load()
    if contains_arabic(body):
        named, written = places.english_words(body), {w.casefold() for w in LATIN_WORDS.findall(sources)}
    else:
        named, written = {w.casefold() for w in LATIN_WORDS.findall(body)}, places.english_words(sources)
    asked = places.english_words(question) | {w.casefold() for w in LATIN_WORDS.findall(question)}
    return (named & written) - asked


def countries_beyond(body: str, question: str, adjectives: bool = False) -> set[str]:
    """The countries (codes) the reply names and the question does not; with ``adjectives``, by name or adjective.

    >>> sorted(countries_beyond("Russia and Turkey met [1].", "Where did Turkey meet?"))
    ['RU']
    """
    countries = Countries.load()
    return set(countries.named_in(body, adjectives)) - set(countries.named_in(question, adjectives))


def names_a_country(body: str, question: str) -> bool:
    """Whether the reply names a country, by its name or adjective in either language, that the question does
    not: a question asking which country is not answered by one that names none ("Syria Direct reported that
    …" for the country that sponsored the coalition).

    >>> names_a_country("Qatar sponsored it [1].", "Which country?"), names_a_country("The Qatari one.", "")
    (True, True)
    >>> names_a_country("Norway's ambassador served there [2].", "Where did Norway's ambassador serve?")
    False
    """
    return bool(countries_beyond(body, question, adjectives=True))


def names_someone(body: str, question: str, sources: str = "", romanize: Romanizer | None = None) -> bool:
    """Whether the reply names someone the question does not: a question asking who is not answered by a body, a
    country, a role or the question's own names ("المؤسستين [1].", "تركيا [1].", "وزير المصالحة [3].", "The
    delegation was led by the United Syrian Opposition Delegation [1].").

    Without a tagger, the words that may be a name (:func:`~snc_qa.pipeline.wording.latin_name_words`,
    :func:`~snc_qa.names.arabic_name_words`), less the question's words and the names of countries; and, read only
    when those find none, the words of the full names ``sources`` write, which count with the article too
    ("الحريري [2]." where they write "نصر الحريري"). Whether the name is the right one is for the other rules to tell.

    >>> names_someone("Lina Haddad coordinates it [2].", "Who coordinates the forum?")
    True
    >>> names_someone("Turkey [1].", "Who led the delegation?"), names_someone("المقرّب من الدوحة [2].", "من المنافس؟")
    (False, False)
    >>> names_someone("Lina Haddad [2].", "Who succeeded Lina Haddad?")
    False
    >>> reply, who = "الحريري [2].", "من ترأس الوفد؟"
    >>> names_someone(reply, who), names_someone(reply, who, "ترأسه نصر الحريري.")
    (False, True)
    """
    asked = {w.casefold() for w in WORD.findall(question)} | {normalize(w) for w in WORD.findall(question)}
    if any(w not in asked and not Countries.load().named_in(w.title(), True) for w in latin_name_words(body)):
        return True
    # A city's name counts: many family names are cities' ("نيوتن", "إديسون").
    stems, romanize = set(_ANALYZER.tokens(question)), romanize or romanizer()
    if any(normalize(w) not in asked and not question_word_form(w, stems, romanize) and
           not Countries.load().named_in(w, True) and not names_a_body(w, romanize) for w in arabic_name_words(body)):
        return True
    if not sources:
        return False
    names = {normalize(w) for run in arabic_name_runs(sources, romanize) for w in run} - asked
    return any(normalize(w) in names for w in WORD.findall(body))


#: Letters after the article that make a word with a clinging letter before it ("والمعارضة") a common noun: a
#: name the dictionary does not know may begin so, "بالمر" (Palmer), "كالفن" (Calvin).
_AFTER_ARTICLE = 3


def names_a_body(word: str, romanize: Romanizer) -> bool:
    """Whether an Arabic word of a reply is no person's name for a question asking who: the head noun of a body's
    name, bare or after a clinging letter ("هيئة", "لقوى", :data:`~snc_qa.pipeline.wording.ARABIC_BODY_WORDS`), or
    a noun with the article after a clinging letter ("والمعارضة", "بالرئاسة") that the name dictionary does not
    know ("فالح" is Faleh).

    >>> [names_a_body(w, romanizer()) for w in ("هيئة", "لقوى", "والمعارضة", "فالح", "بالمر", "سالم")]
    [True, True, True, False, False, False]
    """
    bare = normalize(word)
    clung = bare[1:] if bare[:1] in CLINGING_LETTERS else bare
    if bare in ARABIC_BODY_WORDS or clung in ARABIC_BODY_WORDS:
        return True
    return clung != bare and clung.startswith("ال") and len(clung) - 2 >= _AFTER_ARTICLE and \
        not romanize.spellings([word])[word]


#: The letters an Arabic verb's present tense begins with by its person: "يرأس" (he chairs) and "ترأس" (she
#: chairs; and the past, he chaired) are one verb.
_PERSON_PREFIXES = frozenset("يتنا")
#: Endings of an Arabic verb's person and number that the light stemmer keeps: "رأسوا", "يرأسون", "ترأست".
_VERB_ENDINGS = ("وا", "ون", "تا", "ت")
_ANALYZER = Analyzer()


def question_word_form(word: str, question_stems: set[str], romanize: Romanizer) -> bool:
    """Whether an Arabic word of a reply is one of the question's words (``question_stems``, light-stemmed) in
    another form: its stem, or, unless the name dictionary knows it as a name ("نزار" is no form of "زار"), its
    verb in another person. A reply that restates "من ترأس الوفد الروسي …؟" as "الوفد الروسي يرأس الجولة الخامسة
    …" names no one (a reply captured on the twenty-sixth set of real news).

    >>> stems = set(Analyzer().tokens("من ترأس الوفد الروسي؟ من زار دمشق؟"))
    >>> [question_word_form(w, stems, romanizer()) for w in ("يرأس", "رأسوا", "والوفد", "نزار", "يونس")]
    [True, True, True, False, False]
    """
    def forms(stem: str) -> set[str]:
        # Three letters are left at least: "تين" is no form of "ين".
        return {stem, stem[1:]} if len(stem) >= 4 and stem[0] in _PERSON_PREFIXES else {stem}

    if romanize.spellings([word])[word]:
        return any(among_stems(stem, question_stems) for stem in _ANALYZER.tokens(word))

    def endings(stem: str) -> set[str]:
        # The light stemmer leaves a verb's endings of person and number: "رأسوا" (they chaired) is "ترأس".
        return {stem} | {stem[:-len(end)] for end in _VERB_ENDINGS if stem.endswith(end) and len(stem) - len(end) >= 3}

    asked = {form for stem in question_stems for form in forms(stem)}
    own = _ANALYZER.tokens(word)
    return bool(own) and all(among_stems(stem, question_stems) or
                             any(forms(bare) & asked for bare in endings(stem)) for stem in own)



def name_of_question_words(body: str, question: str, sources: str) -> str | None:
    """A name of two words or more that the reply writes as the sources do and the question does not, though
    each of its words is the question's: the answer to "Which campaign group for victims in Syria …?" is "The
    Syria Campaign", not a restatement. ``None`` when the reply writes none.

    >>> sources = "The Syria Campaign, which works for victims of abuses, called it a betrayal."
    >>> name_of_question_words("The Syria Campaign [1].", "Which campaign group in Syria spoke?", sources)
    'Syria Campaign'
    >>> name_of_question_words("The Syria Campaign [1].", "What did the Syria Campaign say?", sources) is None
    True
    """
    asked, held = " ".join(question.casefold().split()), " ".join(sources.casefold().split())
    question_words = set(LATIN_WORDS.findall(asked))
    for run in CAPITALISED_RUN.finditer(body):
        words = run.group(0).split()
        name = " ".join(words[1:] if words[0] == "The" else words)
        folded = name.casefold()
        # A name with a word of its own ("Ahmad Al-Kuzbari" for "Whom did Kuzbari lead?") is the question's
        # subject named in full, which the rules on the question's names judge.
        if len(folded.split()) >= 2 and folded not in asked and folded in held and \
                set(LATIN_WORDS.findall(folded)) <= question_words:
            return name
    return None



@functools.lru_cache(maxsize=64)
def _question_keys(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The phonetic keys of a question's Latin names and of its Arabic words, asked for each word of a reply."""
    return frozenset(latin_name_keys(question)), frozenset(arabic_keys(question))
