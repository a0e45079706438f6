"""The reply check's rules on names (snc_qa.pipeline.name_check): a name in no sentence nor the question, in
either script, or no name where the question asks who or which country, keeps a reply from being shown."""

from .helpers import FORUM, MEETING, problem, query, selection


def test_answering_with_whom_the_question_names_is_no_answer(check):
    news = ("Geir Pedersen met Walid al-Moallem in Damascus.", "Dr. Nasr Hariri then met Geir Pedersen in Riyadh.")
    found = problem(check, "Whom did Pedersen meet in Damascus?", "Geir Pedersen [1].", news)
    assert found and "restates" in found
    assert "restates" in problem(check, "Whom did Pedersen meet with Hariri?", "Dr. Nasr Hariri [2].", news)
    assert problem(check, "Whom did Pedersen meet in Damascus?", "Walid al-Moallem [1].", news) is None
    # A question that offers a choice is answered with one of its own names.
    assert problem(check, "Did Pedersen meet Moallem or Hariri in Damascus?", "Walid al-Moallem [1].", news) is None


def test_a_country_s_adjective_is_no_name_in_no_source_when_the_sentences_name_the_country(check):
    talks = ("وترأس الوفد التركي نائب وزير الخارجية، فيما ترأس الوفد الروسي ألكسندر لافرنتييف.",)
    led = query("Who headed the delegation?")
    assert check.run("The Russian envoy Alexander Lavrentiev [1].", led, selection(*talks)).ok
    found = check.run("The Iranian envoy Alexander Lavrentiev [1].", led, selection(*talks)).problem
    assert found and "Iranian" in found
    # The adjective does not hold the country's name: "Syria" is no city named in "the Syrian delegation".
    where = query("In which city did the talks take place?")
    assert "Syria" in check.run("Syria [1].", where, selection("وقال رئيس الوفد السوري إن المحادثات انتهت.")).problem


def test_a_question_asking_which_country_is_not_answered_without_one(check):
    report = ("Syria Direct reported that Hadi al-Bahra was elected president of the coalition Qatar sponsored.",)
    which = query("Which country sponsored the coalition, according to Syria Direct?")
    found = check.run("Syria Direct reported that Hadi al-Bahra was elected president [1].", which,
                      selection(*report)).problem
    assert found and "which country" in found
    assert check.run("Qatar sponsored the coalition [1].", which, selection(*report)).ok
    arabic = query("أي دولة رعت تشكيل الائتلاف؟", "ar")
    assert "which country" in check.run("رعت تشكيل الائتلاف دولة عربية [1].", arabic, selection(*report)).problem
    # A kind of country between the question word and "country" asks for one all the same.
    draft = ("وزّع المغرب مشروع القرار العربي الغربي الذي عطّلته موسكو وبكين.",)
    arab = query("Which Arab country circulated the Arab-Western draft resolution?")
    found = check.run("The Arab-Western draft resolution was circulated by Moscow (موسكو) [1].", arab,
                      selection(*draft)).problem
    assert found and "which country" in found


def test_a_question_asking_who_held_a_role_is_not_answered_by_a_body_a_country_or_a_role(check):
    talks = ("ترأس وفد المعارضة إلى الجولة الثانية عشرة من محادثات أستانا أحمد طعمة، بدعم من تركيا.",
             "وقال وزير المصالحة إن الحكومة ستشارك في الجولة.")
    who = query("من ترأس وفد المعارضة إلى الجولة الثانية عشرة من محادثات أستانا؟", "ar")
    assert "asks who" in check.run("تركيا [1].", who, selection(*talks)).problem
    assert check.run("أحمد طعمة [1].", who, selection(*talks)).ok
    minister = query("من هو الوزير الذي قال إن الحكومة ستشارك في الجولة؟", "ar")
    assert "asks who" in check.run("وزير المصالحة [2].", minister, selection(*talks)).problem
    found = problem(check, "Who is the Cedar Forum's coordinator?", "The Cedar Forum's coordinator is the council [3].")
    assert found and "asks who" in found
    # "Who" asks for a body as well where nothing in the question is what only a person is or does.
    assert problem(check, "Who met in Gaziantep on Monday?", "The Cedar Forum met in Gaziantep [1].") is None


def test_a_question_asking_which_one_of_a_role_is_answered_with_a_name(check):
    talks = ("وقام كوفي عنان بزيارة إلى سوريا، ثم التقى في أنقرة زعيم المجلس الوطني السوري، برهان غليون.",)
    leader = query("أي زعيم للمعارضة السورية التقاه كوفي عنان في أنقرة؟", "ar")
    found = check.run("زعيم المجلس الوطني السوري [1].", leader, selection(*talks)).problem
    assert found and "asks who" in found
    assert check.run("برهان غليون [1].", leader, selection(*talks)).ok
    found = problem(check, "Which spokesman accused Russia of blocking aid?", "The council's spokesman [3].")
    assert found and "asks who" in found
    assert problem(check, "Which spokesman accused Russia of blocking aid?", "Omar Saleh [3].") is None


def test_the_question_s_verb_in_another_person_names_no_one(check):
    talks = ("ترأس الوفد الروسي إلى الجولة الخامسة من محادثات أستانا ألكسندر لافرينتييف.",
             "وزار نزار الحراكي دمشق في الجولة الخامسة.")
    who = query("من ترأس الوفد الروسي إلى الجولة الخامسة من محادثات أستانا؟", "ar")
    found = check.run("الوفد الروسي يرأس الجولة الخامسة من محادثات أستانا [1].", who, selection(*talks)).problem
    assert found and "asks who" in found
    assert check.run("ألكسندر لافرينتييف [1].", who, selection(*talks)).ok
    # A name the dictionary knows is a name, whatever verb of the question it looks like: نزار is no form of زار.
    visitor = query("من هو العضو الذي زار دمشق في الجولة الخامسة؟", "ar")
    assert check.run("نزار الحراكي [2].", visitor, selection(*talks)).ok
    # Nor in another number: "… رأسوا وفد المعارضة" (they chaired) for "من ترأس …" (forty-fourth set).
    found = check.run("المشاركون في الجولة الخامسة رأسوا الوفد الروسي [1].", who, selection(*talks)).problem
    assert found and "asks who" in found


def test_a_name_made_of_the_questions_words_answers_it(check):
    # Every word of "The Syria Campaign" is the question's, but the question does not name it: it is the answer.
    group = ("The Syria Campaign, which works for victims of rights abuses, called the decision a betrayal.",)
    which = query("Which campaign group for victims of rights abuses in Syria called the decision a betrayal?")
    assert check.run("The Syria Campaign [1].", which, selection(*group)).ok
    assert "restates" in check.run("A campaign group in Syria [1].", which, selection(*group)).problem


def test_an_arabic_name_that_no_sentence_holds_in_either_script_is_caught(check):
    asked = "من المتحدث الذي قال إن المنتدى سيفتح مكتباً؟"
    found = problem(check, asked, "المتحدث هو سامر خليل [2].", FORUM, "ar")
    assert found and "سامر" in found
    assert problem(check, asked, "قالت لينا حداد إن المنتدى سيفتح مكتباً في إدلب [2].", FORUM, "ar") is None
    found = problem(check, "من المتحدث باسم المجلس؟", "المتحدث باسم المجلس هو بدر جاموس [1].", MEETING[:1], "ar")
    assert found and "جاموس" in found
    english = ("Salim al-Muslat, a spokesman for the committee, accused Russia of blocking the talks.",)
    asked = "من المتحدث الذي اتهم روسيا بعرقلة المحادثات؟"
    found = problem(check, asked, "المتحدث هو سليم الالمصل [1].", english, "ar")
    assert found and "الالمصل" in found
    assert problem(check, asked, "المتحدث هو سليم المسلط [1].", english, "ar") is None


def test_a_name_its_sentence_writes_with_a_possessive_is_held(check):
    sentences = ("The Grainger Market opened in 1835 and was Newcastle's first indoor market.",)
    assert problem(check, "When did the first indoor market open?",
                   "Newcastle's first indoor market opened in 1835 [1].", sentences) is None
    assert "Leeds" in problem(check, "When did the first indoor market open?",
                              "Leeds's first indoor market opened in 1835 [1].", sentences)


def test_a_country_the_arabic_sentences_name_may_be_named_in_english(check):
    sentences = ("واعتبرت الهيئة أن الاتفاق \"مشروع لتقسيم سوريا\".",)
    question = "What did the committee call the agreement?"
    assert problem(check, question, "It called it \"a project to divide Syria\" [1].", sentences) is None
    assert "Iraq" in problem(check, question, "It called it \"a project to divide Iraq\" [1].", sentences)


def test_a_person_is_named_by_the_end_of_the_name_not_the_country_before_it(check):
    sentences = ("Syrian MP Ahmad Al-Kuzbari arrives with the Syrian government delegation in Geneva.",)
    assert problem(check, "Who led the Syrian government delegation in Geneva?", "Syrian MP Ahmad Al-Kuzbari [1].",
                   sentences) is None
    found = problem(check, "Whom did Kuzbari lead in Geneva?", "Syrian MP Ahmad Al-Kuzbari [1].", sentences)
    assert found and "restates" in found


def test_a_weekday_is_no_name(check):
    sentences = ("أعادت هيئة التفاوض السورية يوم السبت انتخاب بدر جاموس رئيساً لها.",)
    reply = "The Commission re-elected Badr Jamous as its president on Saturday [1]."
    assert problem(check, "When did the Commission re-elect its president?", reply, sentences) is None


def test_a_number_in_words_is_no_name_and_answers_when_the_sentences_write_its_number(check):
    sentences = ("واتفقت روسيا وتركيا وإيران في أستانا على إنشاء أربع مناطق لخفض التصعيد في سوريا.",)
    question = "How many de-escalation zones did Russia, Turkey and Iran agree at Astana?"
    assert problem(check, question, "Four [1].", sentences) is None
    assert problem(check, question, "Five [1].", sentences) == "the number five is not in the passages it cites"


def test_a_country_the_question_names_by_its_adjective_is_held_by_the_country_s_name(check):
    ministers = ("The foreign ministers of Russia, Iran and Turkey met the UN envoy Staffan de Mistura in Geneva.",)
    question = "Which UN envoy met the Russian, Iranian and Turkish foreign ministers in Geneva?"
    assert problem(check, question, "Staffan de Mistura met the Russian, Iranian and Turkish foreign ministers "
                                    "in Geneva [1].", ministers) is None


def test_a_who_question_answered_with_a_description_after_li_and_the_article_names_no_one(check):
    # "للمعارضة" is "for the opposition", and a "و" cut off by a quotation mark is no name (forty-second set).
    sentences = ('انتخبت الهيئة العامة للائتلاف رياض سيف رئيساً، ونذير الحكيم أميناً عاماً، والائتلاف هو الممثل '
                 'السياسي للمعارضة و"الثورة" السورية.',)
    asked = "من انتخب أميناً عاماً للائتلاف في الاجتماع الذي انتخب فيه رياض سيف رئيساً؟"
    assert "names no one" in problem(check, asked, 'الممثل السياسي للمعارضة و"الثورة" السورية [1].', sentences, "ar")
    assert problem(check, asked, "نذير الحكيم [1].", sentences, "ar") is None


def test_an_arabic_question_s_name_written_in_latin_letters_is_no_answer(check):
    # "Geir Pedersen" for "بأي كلمة وصف غير بيدرسن الجولة الخامسة؟" restates the question (forty-fourth set).
    sentences = ("Speaking after the fifth round, Geir Pedersen called the week of meetings a disappointment.",)
    asked = "بأي كلمة وصف المبعوث الأممي غير بيدرسن الجولة الخامسة من محادثات اللجنة الدستورية؟"
    found = problem(check, asked, "وصف المبعوث الجولة الخامسة من محادثات اللجنة الدستورية هو Geir Pedersen [1].",
                    sentences, "ar")
    assert found and "restates" in found


def test_a_who_question_answered_with_a_body_s_name_names_no_one(check):
    # "هيئة التفاوض السورية" for who succeeded the envoy, and the question's own body named in full for who won a
    # post in its election (forty-eighth and forty-ninth sets).
    sentences = ("اجتمع المبعوث الأممي الخاص إلى سوريا، غير بيدرسن، مع وفد من هيئة التفاوض السورية في دمشق.",
                 "وخلف سامر خليل غير بيدرسن في منصب المبعوث الأممي الخاص إلى سوريا.")
    asked = "من خلف غير بيدرسن في منصب المبعوث الأممي الخاص إلى سوريا؟"
    found = problem(check, asked, "هيئة التفاوض السورية [1].", sentences, "ar")
    assert found and "no one" in found
    assert "no one" not in (problem(check, asked, "سامر خليل [2].", sentences, "ar") or "")
    coalition = ("أعلن الائتلاف الوطني لقوى الثورة والمعارضة السورية أن سالم المسلط فاز برئاسة الائتلاف.",)
    asked = "من فاز بمنصب الأمين العام للائتلاف الوطني السوري في الانتخابات التي فاز فيها سالم المسلط بالرئاسة؟"
    reply = "الائتلاف الوطني لقوى الثورة والمعارضة السورية فاز بمنصب الأمين العام للائتلاف الوطني السوري [1]."
    found = problem(check, asked, reply, coalition, "ar")
    assert found and "no one" in found
