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

# llama.cpp comes prebuilt: xllamacpp's portable AVX2 wheel (no AVX-512, no AMX, whose tiles crash inside the
# VMs of these Xeons). --only-binary: never fall back to compiling it from its source distribution.
extras="local"
[ "$want_tests" = 1 ] && extras="local,test"
echo "setup: installing snc-qa[$extras]" >&2
pip install -q --only-binary xllamacpp -e ".[$extras]"

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
