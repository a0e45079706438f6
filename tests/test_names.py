"""Names across scripts in replies: the document's spelling beside the model's, for any document."""

from snc_qa.names import arabic_person_names, both_scripts, broken_names, question_names, romanizer


def test_an_arabic_reply_from_an_english_passage_gets_the_latin_names():
    reply = both_scripts("قال سالم المسلط إن روسيا تعرقل المفاوضات [1].",
                         "Salim al-Muslat, a spokesman for the committee, accused Russia of obstacles.")
    assert reply == "قال سالم المسلط (Salim al-Muslat) إن روسيا تعرقل المفاوضات [1]."


def test_an_english_reply_from_an_arabic_passage_gets_the_arabic_names():
    reply = both_scripts("Munther Sallal leads the unit [1].", "المدير التنفيذي لوحدة دعم الاستقرار منذر سلال")
    assert reply == "Munther Sallal (منذر سلال) leads the unit [1]."


def test_nothing_is_added_twice_or_for_words_that_only_sound_alike():
    done = "Badr Jamous (بدر جاموس) spoke [1]."
    assert both_scripts(done, "تحدث بدر جاموس") == done
    reply = "اجتمع المنتدى منذ يوم الاثنين [1]."
    assert both_scripts(reply, "The forum met on Monday in Gaziantep.") == reply


def test_a_name_is_not_paired_with_another_of_the_same_consonants():
    # Bashar and Bushra share their consonants (b-sh-r); the dictionary spells بشار only one way.
    sources = "The sanctions named his siblings Maher al-Assad and Bushra al-Assad."
    reply = both_scripts("شملت العقوبات شقيقي بشار الأسد ماهر الأسد وبشرى الأسد [1].", sources)
    assert "بشار الأسد (Bushra" not in reply and "ماهر الأسد (Maher al-Assad)" in reply
    both = both_scripts("فرضت العقوبات على بشار الأسد [1].", "Bushra al-Assad and Bashar al-Assad were named.")
    assert both == "فرضت العقوبات على بشار الأسد (Bashar al-Assad) [1]."
    english = both_scripts("Bushra al-Assad was named [1].", "شملت العقوبات بشار الأسد، وشقيقته بشرى الأسد")
    assert english == "Bushra al-Assad (بشرى الأسد) was named [1]."


def test_a_month_is_no_name_though_it_sounds_like_one():
    # تشرين and "Syrian" share their consonants; a month is never a name to spell in the other script.
    reply = "اجتمعت المعارضة في تشرين الثاني 2017 [1]."
    assert both_scripts(reply, "In November 2017, Syrian opposition groups met in Riyadh.") == reply


def test_the_names_of_a_question_are_its_capitalised_words_after_the_first():
    assert question_names("Who did Tesla partner with in 1886?") == ["Tesla"]
    assert question_names("What did Rami Haddad say in Geneva?") == ["Rami", "Haddad", "Geneva"]
    assert question_names("What is the capital of the province?") == []
    # Times are no subject, "UN" is too short to tell by, a possessive and a hyphenated name count by their parts.
    assert question_names("What did the UN say on Monday in March?") == []
    assert question_names("Whom did Al-Assad's envoy meet?") == ["Assad"]


def test_arabic_people_are_named_by_their_titles_and_the_comma_after_their_names():
    sentence = "بدوره، تحدّث رئيس منظمة “مواطنون من أجل أمريكا آمنة” بكر غبيس، عن تركيز المنظمة على التواصل."
    assert arabic_person_names(sentence, romanizer()) == ["بكر غبيس"]
    # Common words that are also given names ("حرب") make no person without a name after them.
    assert arabic_person_names("وقال الباحث إن حرب الخلافة بدأت دوراً أكبر.", romanizer()) == []


def test_a_word_that_only_shares_two_consonants_with_a_first_name_does_not_start_it():
    # "لأنها" ("because it") and "Lina" are both "ln": too few consonants to tell a name from a word.
    assert broken_names("لأنها تعرقل المساعدات [1].", "Lina Haddad said so.", romanizer()) == []
    assert broken_names("قالت لينا حدادين [1].", "Lina Haddad said so.", romanizer()) == ["حدادين"]


def test_a_country_s_name_stands_only_beside_the_same_country_not_a_word_of_its_consonants():
    # "طريق" (road) is t-r-q, as Turkey is.
    reply = both_scripts("قال إن القرار خارطة طريق للحل في تركيا [1].", "He said Turkey backs the road map.")
    assert "طريق (" not in reply and "تركيا (Turkey)" in reply
    assert "(" not in both_scripts("Turkey backs it [1].", "قال إنه خارطة طريق.")


def test_a_numbered_name_keeps_its_number_in_both_scripts():
    # "Geneva (جنيف) 1" reads as no name at all (forty-third set); a number the sources do not write after the name
    # is not the name's.
    assert both_scripts("It accepts the decisions of Geneva 1 [1].", "توافق المعارضة على ما أقره مؤتمر “جنيف 1”.") \
        == "It accepts the decisions of Geneva 1 (جنيف 1) [1]."
    assert both_scripts("قبلت مقررات جنيف 1 [1].", "The opposition accepts the Geneva 1 communique.") \
        == "قبلت مقررات جنيف 1 (Geneva 1) [1]."
    assert both_scripts("He met Lina Haddad 3 times [1].", "التقى لينا حداد ثلاث مرات") \
        == "He met Lina Haddad (لينا حداد) 3 times [1]."
