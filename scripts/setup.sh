#!/usr/bin/env bash
# Sets up .venv with everything snc-qa needs and builds the bundled models once (idempotent).
#   bash scripts/setup.sh          # the assistant: embeddings, local LLM, web chat
#   bash scripts/setup.sh --test   # … plus the test tools and Debian's chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$python" -m venv .venv
fi
pip() { .venv/bin/python -m pip --disable-pip-version-check "$@"; }
pip install -q --upgrade pip

# torch is pinned to the CPU build that lies on these machines; an unpinned torch pulls a multi-GB CUDA build.
pip install -q "torch==2.13.0"

# llama.cpp is compiled here (about 8 minutes on 2 cores, then cached by pip). A -march=native build
# uses AMX tiles on these Xeons, which crash inside the VM, so build a portable AVX2 binary instead.
export CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
extras="local"
[ "$want_tests" = 1 ] && extras="local,test"
echo "setup: installing snc-qa[$extras] (the first time compiles llama.cpp: several minutes)" >&2
pip install -q -e ".[$extras]"

if [ "$want_tests" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

# Build the embedding model folder and join the local model's parts now, not on the first question.
.venv/bin/snc-qa prepare
