from datetime import date

import pytest

from snc_qa.timeframe import TimeFrame, days_in, months_in, parse_timeframe

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(("question", "start", "end"), [
    ("What did the opposition say in January 2016?", date(2016, 1, 1), date(2016, 1, 31)),
    ("Who met Kerry on 25 January 2016?", date(2016, 1, 25), date(2016, 1, 25)),
    ("What happened on February 12, 2016?", date(2016, 2, 12), date(2016, 2, 12)),
    ("ماذا قالت الهيئة في 2024؟", date(2024, 1, 1), date(2024, 12, 31)),
    ("ماذا حدث في شباط 2016؟", date(2016, 2, 1), date(2016, 2, 29)),
    ("ماذا حدث في فبراير 2016؟", date(2016, 2, 1), date(2016, 2, 29)),
    ("من التقى في 10 حزيران 2024؟", date(2024, 6, 10), date(2024, 6, 10)),
    ("What did the commission do last year?", date(2025, 1, 1), date(2025, 12, 31)),
    ("ماذا فعلت الهيئة العام الماضي؟", date(2025, 1, 1), date(2025, 12, 31)),
    ("Who spoke last month?", date(2026, 10, 1), date(2026, 10, 31)),
    # A part of a year is its third.
    ("ماذا طرحت الهيئة في جنيف أواخر 2020؟", date(2020, 9, 1), date(2020, 12, 31)),
    ("ما الذي قاله رئيس الائتلاف مطلع عام 2015؟", date(2015, 1, 1), date(2015, 4, 30)),
    ("Who was appointed envoy at the end of 2018?", date(2018, 9, 1), date(2018, 12, 31)),
    ("What was agreed in mid 2019?", date(2019, 5, 1), date(2019, 8, 31)),
    ("What changed between early 2016 and late 2018?", date(2016, 1, 1), date(2018, 12, 31)),
])
def test_times_named_in_either_language(question, start, end):
    assert parse_timeframe(question, TODAY) == TimeFrame(start, end)


@pytest.mark.parametrize("question", ["What is the most recent statement?", "ما هو آخر بيان للهيئة؟",
                                      "What did the latest meeting decide?", "ما أحدث خبر عن المفاوضات؟",
                                      "What did the last round of talks achieve?", "ماذا تضمن البيان الأخير؟",
                                      "ما آخر المستجدات؟", "وآخر اجتماع؟", "What's the latest?",
                                      "Who spoke recently?", "ما الذي قاله المبعوث في آخر اجتماع؟",
                                      "Which body issued the latest statement?"])
def test_the_newest_documents_asked_for(question):
    assert parse_timeframe(question, TODAY) == TimeFrame(latest=True)


@pytest.mark.parametrize("question", ["When did the last ice age end?", "متى انتهت الفترة الجليدية الأخيرة؟",
                                      "من كان آخر رئيس وزراء لألمانيا الشرقية؟", "What is the latest epoch called?",
                                      "قارن مع نص آخر", "ماذا أحدث القرار؟",
                                      "من ترأس الوفد الذي بحث مع الأمين العام آخر تطورات الأزمة السورية؟",
                                      "Who led the delegation that discussed the latest developments with the envoy?"])
def test_last_that_describes_the_subject_asks_for_no_time(question):
    assert parse_timeframe(question, TODAY) is None


@pytest.mark.parametrize("question", ["Which resolutions were cited, 2118 or 2254?", "ما هو القرار 2254؟",
                                      "What does resolution 2254 (2015) call for?", "ماذا يتضمن القرار 2118 (2013)؟",
                                      "Who heads the commission?", "كم عدد المشاركين؟"])
def test_numbers_that_are_no_year_and_questions_without_a_time(question):
    assert parse_timeframe(question, TODAY) is None


def test_every_time_a_question_names_counts():
    frame = parse_timeframe("Which groups criticised the September 2016 plan, according to the November 2017 "
                            "report?", TODAY)
    assert frame.contains("2016-09-06") and frame.contains("2017-11-20") and not frame.contains("2017-01-10")
    assert parse_timeframe("ماذا حدث في 10 حزيران 2024 وفي 3 أيار 2023؟", TODAY).spans == (
        (date(2024, 6, 10), date(2024, 6, 10)), (date(2023, 5, 3), date(2023, 5, 3)))
    # A day's date is not also its month's and year's.
    assert parse_timeframe("Who met Kerry on 25 January 2016?", TODAY).spans == ((date(2016, 1, 25),) * 2,)


@pytest.mark.parametrize("question", ["What happened between 2016 and 2018?", "What happened from 2016 until 2018?",
                                      "ماذا حدث بين 2016 و2018؟", "ماذا حدث من أيار 2016 إلى 2018؟",
                                      "ماذا حدث ما بين عامي 2016 و2018؟", "ماذا تغيّر بين سنتي 2016 و2018؟",
                                      "ماذا حدث منذ عام 2016 حتى عام 2018؟"])
def test_a_range_of_time_is_one_time(question):
    frame = parse_timeframe(question, TODAY)
    assert len(frame.spans) == 1 and frame.contains("2017-03-01") and frame.contains("2018-12-31")
    assert not frame.contains("2019-01-01")


def test_two_years_without_a_range_are_two_times():
    frame = parse_timeframe("What did the commission say in 2016 and in 2018?", TODAY)
    assert frame.contains("2016-05-01") and frame.contains("2018-05-01") and not frame.contains("2017-05-01")


def test_a_document_date_is_inside_or_outside():
    january = TimeFrame(date(2016, 1, 1), date(2016, 1, 31))
    assert january.contains("2016-01-25") and not january.contains("2016-02-01")
    assert not january.contains(None) and not january.contains("not a date")


def test_months_are_read_in_either_language_and_calendar():
    assert months_in("في تشرين الثاني 2017 وكانون الثاني") == {11, 1}
    assert months_in("On 18 May 2016 and in November") == {5, 11}
    # Dated only: "may" the verb and a month without a day or a year are not claims to check.
    assert months_in("It may happen in May.", dated=True) == set()
    assert months_in("وفي 18 أيار ثم في نوفمبر 2017", dated=True) == {5, 11}
    # The Maghreb's names, as Algerian and Tunisian news write them.
    assert months_in("تستمر الجولة حتى الفاتح من أفريل وتعود في جويلية") == {4, 7}


def test_days_of_a_month_are_read_either_way_round_and_in_either_language():
    assert days_in("The talks ended on November 8, 2019; the next began on 25 November.") == {(11, 8), (11, 25)}
    assert days_in("أعلن في 28 أيلول/سبتمبر الماضي") == {(9, 28)}
    assert days_in("In May 2016 and in 2019.") == set()
