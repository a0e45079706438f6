"""The time a question asks about: a year, a month, a day, "last year", "the most recent …", in Arabic or English.

Retrieval prefers passages of documents dated inside that time (a document's date comes from its
file name or its first lines, see :func:`snc_qa.documents.find_date`).

Example::

    >>> from datetime import date
    >>> parse_timeframe("What did the opposition say in January 2016?", today=date(2026, 11, 30)).spans
    ((datetime.date(2016, 1, 1), datetime.date(2016, 1, 31)),)
    >>> parse_timeframe("What did the 2017 report say of the plan of September 2016?").contains("2016-09-06")
    True
    >>> parse_timeframe("ماذا قالت الهيئة في 2024؟", today=date(2026, 11, 30)).start
    datetime.date(2024, 1, 1)
    >>> parse_timeframe("What is the most recent statement?", today=date(2026, 11, 30)).latest
    True
    >>> parse_timeframe("Who heads the commission?", today=date(2026, 11, 30)) is None
    True
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from snc_qa.arabic import normalize
from snc_qa.documents import AR_MONTHS, EN_MONTHS, WEEKDAYS

_MONTH_NAMES = sorted({normalize(name) for name in AR_MONTHS} | set(EN_MONTHS), key=len, reverse=True)
_MONTH = "|".join(re.escape(name) for name in _MONTH_NAMES)
_YEAR = r"(19[5-9]\d|20\d\d)"
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:of\s+)?({_MONTH})\s*,?\s*{_YEAR}(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+{_YEAR}(?!\d)")
_MONTH_YEAR = re.compile(
    rf"(?:^|[\s(،,])(?:[وفب]|في\s+)?(?:شهر\s+)?({_MONTH})\s*,?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?{_YEAR}(?!\d)"
)
# A month name as a word (an Arabic one with a clinging letter: "وفي أيار", "بنيسان"), and one written with a day
# before it or a year after it: "18 May 1756", "أيار 2016". Only the dated kind is a claim to check: "may" and
# "مارس" are also words of their own.
_ANY_MONTH = re.compile(rf"(?<!\w)[وفبل]?({_MONTH})(?!\w)")
_DATED_MONTH = re.compile(rf"(?<!\w)\d{{1,2}}\s+(?:of\s+)?[وفبل]?({_MONTH})(?!\w)"
                          rf"|(?<!\w)[وفبل]?({_MONTH})\s*,?\s*(?:من\s+)?(?:عام\s+|سنه\s+)?\d{{1,4}}(?!\d)")
# A day of a month, either way round: "8 November", "November 8, 2019", "28 أيلول/سبتمبر".
_DAY_OF_MONTH = re.compile(rf"(?<![\d/.])(\d{{1,2}})\s+(?:of\s+)?[وفبل]?({_MONTH})(?!\w)"
                           rf"|(?<!\w)[وفبل]?({_MONTH})\s+(\d{{1,2}})(?!\d|\.\d)")
_WEEKDAY_NUMBER = {name: n for n, pair in enumerate(WEEKDAYS) for name in (pair[0], normalize(pair[1]))}
_WEEKDAY = re.compile(r"(?<!\w)[وفب]?(" + "|".join(map(re.escape, _WEEKDAY_NUMBER)) + r")(?!\w)")
_YEAR_ONLY = re.compile(rf"(?<![\d/.-]){_YEAR}(?![\d/.-])")
_LAST_YEAR = re.compile(r"\blast year\b|\bprevious year\b|العام الماضي|السنه الماضيه|العام السابق")
_THIS_YEAR = re.compile(r"\bthis year\b|هذا العام|العام الحالي|هذه السنه|السنه الحاليه")
_LAST_MONTH = re.compile(r"\blast month\b|الشهر الماضي|الشهر السابق")
#: What a question asks "the latest" of when it asks for the newest documents: news and what news reports. "Last"
#: and "آخر" / "الأخير" alone mostly describe the subject ("the last ice age", "آخر رئيس وزراء", "نص آخر"), and
#: taken for "the newest documents" they put recent passages before the one that answers (34 of the 3,844
#: mixed XQuAD retrievals, the answer at rank 1 in 26 of them, at rank 3 to 6 or gone after).
_NEWS_EN = (r"(?:statements?|meetings?|news|reports?|items?|documents?|communiques?|announcements?|updates?|"
            r"developments?|briefings?|rounds?|sessions?|talks|conferences?|visits?|press releases?)")
_NEWS_AR = (r"(?:بيان|بيانات|اجتماع|اجتماعات|لقاء|لقاءات|خبر|اخبار|تقرير|تقارير|تصريح|تصريحات|وثيقه|وثائق|"
            r"جوله|جولات|جلسه|جلسات|مؤتمر|زياره|مستجدات|تطورات|اعلان)")
_LATEST = re.compile(
    rf"\b(?:most recent|recently|(?:latest|newest|last)\s+(?:\w+\s+)?{_NEWS_EN}\b|(?:latest|newest)(?=\s*[?.!]?$))"
    rf"|(?:^|\s)(?:[وف]?(?:اخر|احدث)\s+(?:ال)?{_NEWS_AR}|(?:ال)?{_NEWS_AR}\s+(?:الاخير|الاخيره|الاحدث)|مؤخرا)"
    r"(?:\s|$|[؟?.،])"
)
# "The latest …" inside a relative clause tells which event the question is about, in the words news uses for it
# ("the delegation that discussed the latest developments", "الوفد الذي بحث … آخر تطورات الأزمة"), rather than asking
# for the newest documents. "ما الذي" / "من الذي" and a first "who / which / that" ask the question itself.
_ASKING_RELATIVE = re.compile(r"^\W*(?:(?:ما|من|ماذا)\s+(?:الذي|التي|الذين)|who|whom|which|what|that)(?!\w)",
                               re.IGNORECASE)
_RELATIVE = re.compile(r"(?<!\w)(?:that|which|who|whom|الذي|التي|الذين|اللذين|اللتين|اللذان|اللتان)(?!\w)",
                       re.IGNORECASE)
# A part of a year ("late 2020", "مطلع عام 2016", "the end of 2016", "منتصف 2019"), read in normalised text: its
# third, the months news means by it. "Late 2020" said of an item of December 2020 picks it over one of August.
_PART_OF_YEAR = re.compile(
    r"(?:\b(early|mid|late)\s+|\b(?:the\s+)?(beginning|start|middle|end)\s+of\s+(?:the\s+year\s+)?"
    r"|(?<!\S)(مطلع|اوائل|بدايه|بدايات|منتصف|اواسط|اواخر|نهايه)\s+(?:عام\s+|العام\s+|سنه\s+)?)$"
)
_FIRST_MONTH_OF_PART = {"early": 1, "beginning": 1, "start": 1, "مطلع": 1, "اوائل": 1, "بدايه": 1, "بدايات": 1,
                        "mid": 5, "middle": 5, "منتصف": 5, "اواسط": 5, "late": 9, "end": 9, "اواخر": 9, "نهايه": 9}
# A resolution or article number is no year: "resolution 2254", "القرار 2118"; nor the year of a resolution, as
# the UN cites it: "resolution 2254 (2015)" names the resolution, not a time to search.
_NOT_A_YEAR = re.compile(r"(resolutions?|articles?|القرار|القرارات|قرار|الماده|رقم)\s+(?:\S+\s+){0,2}\(?$")
# A range of time: "between 2016 and 2018", "from May 2016 to 2017", "بين عامي 2016 و2018", "من 2016 حتى 2018" (read
# in normalised text: "إلى" is "الي").
_RANGE_FROM = re.compile(r"(?:\bbetween|\bfrom|(?<!\w)(?:بين|مابين|من|منذ))\s+"
                         r"(?:the\s+years?\s+|(?:عام|العام|عامي|سنه|سنتي|السنوات|الاعوام)\s+)?$")
_RANGE_TO = re.compile(r"\s*(?:and|to|until|till|through|-|–|و|الي|حتي|لغايه)\s*(?:عام\s+|العام\s+)?")


@dataclass(frozen=True)
class TimeFrame:
    """Dates from ``start`` to ``end`` (inclusive); ``latest`` asks for the newest documents instead."""

    start: date | None = None
    end: date | None = None
    latest: bool = False
    also: tuple[tuple[date, date], ...] = ()  # the other times the question names, each from-to

    @property
    def spans(self) -> tuple[tuple[date, date], ...]:
        """Every time the question names, from-to, the first first."""
        first = ((self.start, self.end),) if self.start and self.end else ()
        return first + self.also

    def contains(self, iso_date: str | None) -> bool:
        """Whether a document dated ``iso_date`` (YYYY-MM-DD) falls inside one of the times named."""
        if not iso_date:
            return False
        try:
            day = date.fromisoformat(iso_date[:10])
        except ValueError:
            return False
        return any(start <= day <= end for start, end in self.spans)


_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")


def years_in(text: str) -> set[int]:
    """Every year ``text`` writes, in any form of date ("2014", "10/7/2014", "عام ٢٠١٤").

    >>> sorted(years_in("انتخب في ١٠/٧/٢٠١٤ ثم في September 2024"))
    [2014, 2024]
    """
    return {int(year) for year in _ANY_YEAR.findall(normalize(text))}


def question_years(question: str) -> set[int]:
    """The years of the times a question names (:func:`parse_timeframe`), each year of a range.

    >>> sorted(question_years("What happened between 2016 and 2018?")), question_years("What does resolution 2254 say?")
    ([2016, 2017, 2018], set())
    """
    frame = parse_timeframe(question)
    return {year for start, end in frame.spans for year in range(start.year, end.year + 1)} if frame else set()


def _month(name: str) -> int | None:
    key = normalize(name)
    for table in (EN_MONTHS, {normalize(k): v for k, v in AR_MONTHS.items()}):
        if key in table:
            return table[key]
    return None


def month_names(text: str) -> list[str]:
    """The month names ``text`` writes, normalised, in either language and both Arabic calendars: a word of
    one ("الأول" of "كانون الأول") is a month's, not an ordinal of its own.

    >>> month_names("في كانون الأول/ديسمبر 2019 وفي اليوم الأول")
    ['كانون الاول', 'ديسمبر']
    """
    return [m.group(1) for m in _ANY_MONTH.finditer(normalize(text))]


def weekdays_in(text: str) -> set[int]:
    """The days of the week ``text`` names, Monday 0, in either language; in Arabic with the article a day's name
    takes, since "أحد" alone is "one" and "جمع" a gathering.

    >>> weekdays_in("صوّت المجلس يوم الخميس"), weekdays_in("On Thursday and Friday"), weekdays_in("أحد الأعضاء")
    ({3}, {3, 4}, set())
    """
    return {_WEEKDAY_NUMBER[m.group(1)] for m in _WEEKDAY.finditer(normalize(text))}


def months_in(text: str, dated: bool = False) -> set[int]:
    """The months ``text`` names, as numbers, in either language and in both Arabic calendars' names; with
    ``dated``, only those written beside a day or a year.

    >>> sorted(months_in("عقد في تشرين الثاني 2017، وفي أيار")), months_in("The talks began on 18 May 2016.")
    ([5, 11], {5})
    >>> months_in("They may meet in May.", dated=True), months_in("في 18 أيار", dated=True)
    (set(), {5})
    """
    if dated:
        return {_month(m.group(1) or m.group(2)) or 0 for m in _DATED_MONTH.finditer(normalize(text))} - {0}
    return {_month(name) or 0 for name in month_names(text)} - {0}


def days_in(text: str) -> set[tuple[int, int]]:
    """The days of a month ``text`` writes, as (month, day), in either language and both Arabic calendars' names.

    >>> sorted(days_in("It ended on November 8, 2019, and met on 28 أيلول/سبتمبر.")), days_in("In May 2016.")
    ([(9, 28), (11, 8)], set())
    """
    found = set()
    for m in _DAY_OF_MONTH.finditer(normalize(text)):
        day, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if (month := _month(name)) and 1 <= int(day) <= 31:
            found.add((month, int(day)))
    return found


def month_years(text: str) -> set[tuple[int, int]]:
    """The months ``text`` writes with their year, as (month, year), a day's date included, in either language.

    >>> sorted(month_years("منذ كانون الأول 2015، and on 20 November 2017; in May"))
    [(11, 2017), (12, 2015)]
    """
    return {(first.month, first.year) for _, _, first, last in _named_times(normalize(text))
            if (first.year, first.month) == (last.year, last.month)}


def _whole_month(year: int, month: int) -> TimeFrame:
    return TimeFrame(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _named_times(text: str) -> list[tuple[int, int, date, date]]:
    """The dates, months and years ``text`` (normalised) writes, in reading order: (where the date begins, where
    its match ends, first day, last day). A day's date is not also read as its month's or year's."""
    found: list[tuple[int, int, date, date]] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, begin: int, first: date, last: date) -> None:
        if all(m.end() <= s or m.start() >= e for s, e in taken):
            taken.append((m.start(), m.end()))
            found.append((begin, m.end(), first, last))

    # "25 January 2016" and "January 25, 2016": the groups of the day and the month.
    for pattern, day_at, month_at in ((_DAY_MONTH_YEAR, 1, 2), (_MONTH_DAY_YEAR, 2, 1)):
        for m in pattern.finditer(text):
            month, year = _month(m.group(month_at)), int(m.group(3))
            if month and 1 <= int(m.group(day_at)) <= calendar.monthrange(year, month)[1]:
                day = date(year, month, int(m.group(day_at)))
                add(m, m.start(), day, day)
    for m in _MONTH_YEAR.finditer(text):
        if month := _month(m.group(1)):
            whole = _whole_month(int(m.group(2)), month)
            add(m, m.start(1), whole.start, whole.end)
    for m in _YEAR_ONLY.finditer(text):
        if not _NOT_A_YEAR.search(text[: m.start()]):
            year = int(m.group(1))
            if part := _PART_OF_YEAR.search(text[: m.start()]):
                first = _FIRST_MONTH_OF_PART[next(word for word in part.groups() if word)]
                add(m, part.start(), date(year, first, 1), _whole_month(year, first + 3).end)
            else:
                add(m, m.start(), date(year, 1, 1), date(year, 12, 31))
    return sorted(found)


def _spans(text: str) -> list[tuple[date, date]]:
    """The times ``text`` names, a range ("between 2016 and 2018", "من 2016 الى 2018") read as one."""
    spans: list[tuple[date, date]] = []
    named = _named_times(text)
    for i, (begin, _, first, last) in enumerate(named):
        if i and _RANGE_FROM.search(text[: named[i - 1][0]]) and _RANGE_TO.fullmatch(text[named[i - 1][1]:begin]):
            spans[-1] = (min(spans[-1][0], first), max(spans[-1][1], last))
        else:
            spans.append((first, last))
    return list(dict.fromkeys(spans))


def parse_timeframe(question: str, today: date | None = None) -> TimeFrame | None:
    """The time ``question`` names, or None when it names none. A question naming several ("the September 2016
    plan, according to the November 2017 report") is answered by documents of any of them."""
    today = today or date.today()
    text = normalize(question)
    if spans := _spans(text):
        (start, end), *also = spans
        return TimeFrame(start, end, also=tuple(also))
    if _LAST_MONTH.search(text):
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        return _whole_month(year, month)
    if _LAST_YEAR.search(text):
        return TimeFrame(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    if _THIS_YEAR.search(text):
        return TimeFrame(date(today.year, 1, 1), date(today.year, 12, 31))
    if (latest := _LATEST.search(text)) and not _RELATIVE.search(
            text, opening.end() if (opening := _ASKING_RELATIVE.match(text)) else 0, latest.start()):
        return TimeFrame(latest=True)
    return None
