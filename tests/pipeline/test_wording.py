"""Reading questions and replies in Arabic and English."""

from snc_qa.pipeline.wording import (
    REASON_QUESTION,
    english_names,
    is_list_question,
    is_refusal,
    list_kind,
    quoted_names,
    resolution_numbers,
)


def test_list_questions_in_other_phrasings_and_how_many_is_not_one():
    for question in ("Which countries supported the resolution?", "Who took part in the talks?",
                     "Tell me who spoke at the meeting", "Can you say who attended?",
                     "ما هي منظمات المجتمع المدني التي شاركت في اللقاء؟", "من تكلم في الاجتماع؟",
                     "اذكر الدول الداعمة للقرار"):
        assert is_list_question(question), question
    for question in ("How many organisations attended?", "كم عدد المنظمات التي حضرت؟", "ما عدد المشاركين؟",
                     "Who gave the briefing?", "ما هي المنظمة التي يديرها أسعد العشي؟",
                     "Who is the Secretary of the Commission who attended the meeting?",
                     "Which official who spoke at the meeting chairs the commission?"):
        assert not is_list_question(question), question


def test_a_plural_that_is_not_what_is_asked_for_makes_no_list_question():
    assert is_list_question("اذكر أسماء المنظمات المشاركة") and is_list_question("What are the groups that met?")
    for question in ("اذكر اسم رئيس الهيئة", "اذكر أحد أسباب التأجيل", "إلى ماذا تخضع المستوصفات في غالبية الدول؟",
                     "What do some people protest against?", "What needs to be done so that members can vote?"):
        assert not is_list_question(question), question


def test_list_kind_follows_what_is_asked_for():
    assert list_kind("Who spoke at the meeting?") == "person"
    assert list_kind("من تحدث في الجلسة؟") == "person"
    assert list_kind("Which resolutions were cited?") == "document"
    assert list_kind("ما المنظمات التي حضرت؟") == "organisation"


def test_refusals_in_both_languages_whatever_they_cite():
    for reply in ("The president of France is not mentioned in the sources [1-3].", "NOT_FOUND",
                  "The sources do not mention who won the final [2].", "لم يرد ذكر رئيس فرنسا في المصادر [1].",
                  "لا تتضمن المصادر هذه المعلومة.", "لا يوجد معلومات حول اللاعب الذي فاز بالجائزة [3].",
                  "ليس هناك أي ذكر للاجتماع في المصادر."):
        assert is_refusal(reply), reply
    for reply in ("Badr Jamous heads the commission [1].", "يرأس الهيئة بدر جاموس [1].",
                  "يوجد مكتب للهيئة في إدلب [1]."):
        assert not is_refusal(reply), reply


def test_names_in_quotes_and_resolution_numbers():
    assert quoted_names("حضر ممثلو «بيتنا» و“اليوم التالي” اللقاء") == ["بيتنا", "اليوم التالي"]
    assert resolution_numbers("Resolutions 2118 and 2254 were cited; 1,000 people came.") == ["2118", "2254"]


def test_quoted_english_speech_is_no_name_but_a_quoted_english_name_is():
    sentence = 'He called it "in the next few days" and "UNREALISTIC", then met "Syrians for Truth and Justice".'
    assert quoted_names(sentence) == ["Syrians for Truth and Justice"]


def test_english_sentences_name_people_by_their_titles_and_verbs_and_bodies_by_their_nouns():
    sentence = ("Russian Foreign Minister Sergei Lavrov said on Monday that U.N. envoy Staffan de Mistura would "
                "brief the United Nations Security Council, while the United States stayed silent.")
    assert english_names(sentence, "person") == ["Sergei Lavrov", "Staffan de Mistura"]
    assert english_names(sentence, "organisation") == ["United Nations Security Council"]
    assert english_names("George Sabra, a member of the High Negotiations Committee, spoke.", "person") == \
        ["George Sabra"]


def test_a_question_asking_why_or_how_is_told_from_one_asking_how_many():
    for question in ("Why had the round been postponed?", "How did the envoy describe the week?", "لماذا؟",
                     "ما سبب تأجيل الجولة؟", "كيف وصف المبعوث الأسبوع؟"):
        assert REASON_QUESTION.search(question), question
    for question in ("How many members voted?", "How long did it last?", "من لم يحضر الاجتماع؟", "What did he say?"):
        assert not REASON_QUESTION.search(question), question


def test_the_text_between_two_quotations_is_no_quoted_name():
    # A quotation longer than a name is skipped, and the marks after it pair up the wrong way round.
    sentence = ('وأضاف "لن يبقى بعد المؤتمر شيء اسمه المجلس القديم، ولا لجانه ولا مكاتبه، وإنما سيتشكل جسم '
                'واحد في إطار جديد"، وكان مستشار "منتدى الأرز"، سامر خليل، أكد أن "الموعد قريب جداً، وقد يكون خلال '
                'الأسابيع القليلة المقبلة أو في نهاية الشهر المقبل على أبعد تقدير".')
    assert quoted_names(sentence) == ["منتدى الأرز"]
