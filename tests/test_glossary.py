import pytest

from snc_qa.glossary import Entry, Glossary, GlossaryError


def test_arabic_for_finds_english_names_and_aliases():
    glossary = Glossary.load()
    assert glossary.arabic_for("What does Women Now for Development do?") == ["النساء الآن من أجل التنمية"]
    assert glossary.arabic_for("what does women now do?") == ["النساء الآن من أجل التنمية"]
    assert glossary.arabic_for("Who is the weather forecaster?") == []


def test_longest_name_wins():
    glossary = Glossary([Entry("مجلس الأمن", "Security Council"),
                         Entry("مجلس الأمن القومي", "National Security Council")])
    assert glossary.arabic_for("What did the National Security Council decide?") == ["مجلس الأمن القومي"]


def test_annotate_matches_arabic_spelling_variants():
    glossary = Glossary([Entry("وحدة دعم الاستقرار", "Stabilization Support Unit")])
    text = "قدّم مدير “وحدة دعم الإستقرار” خلاصة"
    assert glossary.annotate(text) == "قدّم مدير “وحدة دعم الإستقرار (Stabilization Support Unit)” خلاصة"
    # Hamza seats: the normaliser writes ئ as ي and ؤ as و, and the name must still be found as written.
    glossary = Glossary([Entry("هيئة التفاوض السورية", "Syrian Negotiation Commission")])
    assert glossary.annotate("يضم رئاسة هيئة التفاوض السورية") == \
        "يضم رئاسة هيئة التفاوض السورية (Syrian Negotiation Commission)"


def test_in_both_scripts_only_for_names_the_sources_hold():
    glossary = Glossary.load()
    assert glossary.in_both_scripts("Badr Jamous spoke.", "قدّم بدر جاموس إحاطة") == "Badr Jamous (بدر جاموس) spoke."
    assert glossary.in_both_scripts("Badr Jamous spoke.", "نص آخر") == "Badr Jamous spoke."


def test_users_extend_the_glossary_and_bad_files_are_named(tmp_path):
    extra = tmp_path / "names.tsv"
    extra.write_text("# my names\nسامر قطان\tSamer Kattan\tSamer Qattan\n", encoding="utf-8")
    glossary = Glossary.load(extra)
    assert glossary.arabic_for("What did Samer Qattan say?") == ["سامر قطان"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-one-field\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:1"):
        Glossary.load(bad)
    with pytest.raises(GlossaryError, match="not a file"):
        Glossary.load(tmp_path / "missing.tsv")


def test_a_name_is_a_whole_word_not_part_of_another():
    glossary = Glossary([Entry("مدنية", "Madaniya", kind="organisation")])
    assert glossary.annotate("زيادة فاعلية المشاركة المدنية") == "زيادة فاعلية المشاركة المدنية"
    assert glossary.annotate("وقدّم رئيس مدنية عرضاً") == "وقدّم رئيس مدنية (Madaniya) عرضاً"
    assert glossary.names_in("ولمدنية دور", kind="organisation") == ["مدنية"]  # a joined clitic is no obstacle


def test_a_quoted_entry_is_a_name_only_inside_quotes():
    glossary = Glossary([Entry("اليوم التالي", "The Day After", kind="organisation", quoted=True)])
    assert glossary.annotate("وفي اليوم التالي عقد اجتماع") == "وفي اليوم التالي عقد اجتماع"
    assert glossary.names_in("وفي اليوم التالي عقد اجتماع", kind="organisation") == []
    assert glossary.annotate("مدير منظمة “اليوم التالي” معتصم") == "مدير منظمة “اليوم التالي (The Day After)” معتصم"
    assert glossary.in_both_scripts("The Day After works on rights.", "منظمة “اليوم التالي”") == \
        "The Day After (اليوم التالي) works on rights."
    assert glossary.in_both_scripts("The Day After works on rights.", "في اليوم التالي") == \
        "The Day After works on rights."


def test_the_quoted_column_is_read_from_a_users_file(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_text("بيتنا\tBaytna\t\torganisation\tquoted\nمنذر سلال\tMunther Sallal\n", encoding="utf-8")
    entries = {e.arabic: e for e in Glossary.load(path).entries}
    assert entries["بيتنا"].quoted and not entries["منذر سلال"].quoted


def test_arabic_names_keep_english_possessives_whole():
    glossary = Glossary.load()
    source = "قدّم رئيس الهيئة بدر جاموس إحاطة"
    assert glossary.in_both_scripts("Badr Jamous's organisation focuses on talks [1].", source) == \
        "Badr Jamous's (بدر جاموس) organisation focuses on talks [1]."
    assert glossary.in_both_scripts("Dr. Badr Jamous' organisation", source) == \
        "Dr. Badr Jamous' (بدر جاموس) organisation"
    assert glossary.in_both_scripts("It was Badr Jamous.", source) == "It was Badr Jamous (بدر جاموس)."
