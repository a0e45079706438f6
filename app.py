"""Start the snc-qa web chat on http://127.0.0.1:7860 (settings from SNC_QA_* variables)."""

from snc_qa.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve"]))
