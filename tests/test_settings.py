import pytest
from pydantic import ValidationError

from snc_qa.settings import GROUP_OF, GROUPS, Settings


def test_every_setting_and_every_group_says_what_it_does():
    assert [name for name, field in Settings.model_fields.items() if not field.description] == []
    undescribed = [f"{group}.{name}" for group, cls in GROUPS.items()
                   for name, field in cls.model_fields.items() if not field.description]
    assert undescribed == []


def test_a_field_name_is_one_setting_and_one_environment_variable():
    assert len(GROUP_OF) == sum(len(cls.model_fields) for cls in GROUPS.values())
    assert set(GROUPS) == set(Settings.model_fields)


def test_a_setting_comes_from_its_environment_variable_and_a_bad_value_is_named(monkeypatch):
    monkeypatch.setenv("SNC_QA_PORT", "7999")
    assert Settings().web.port == 7999
    monkeypatch.setenv("SNC_QA_PORT", "99999")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_a_keyword_lands_in_its_group_and_the_environment_fills_the_rest(monkeypatch):
    monkeypatch.setenv("SNC_QA_CANDIDATES", "9")
    settings = Settings(top_k=6, generator="extractive")
    assert (settings.retrieval.top_k, settings.retrieval.candidates) == (6, 9)
    assert settings.generation.generator == "extractive"
    assert Settings(retrieval={"top_k": 2}).retrieval.candidates == 9


def test_an_update_is_validated_and_keeps_everything_else():
    settings = Settings(top_k=6, port=8001)
    changed = settings.updated(index_dir="elsewhere", top_k=3)
    assert str(changed.storage.index_dir) == "elsewhere" and changed.retrieval.top_k == 3
    assert changed.web.port == 8001 and settings.retrieval.top_k == 6
    with pytest.raises(ValidationError, match="top_k"):
        settings.updated(top_k=0)


def test_a_misspelt_setting_is_named_not_ignored():
    with pytest.raises(ValidationError, match="topk"):
        Settings(topk=3)
