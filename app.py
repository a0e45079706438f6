"""Start the snc-qa web chat on http://127.0.0.1:7860 (settings from SNC_QA_* variables).

    python app.py                      # documents/ and index/ here, the bundled local model
    python app.py --port 7861          # any option of `snc-qa serve`
    SNC_QA_HOST=0.0.0.0 SNC_QA_AUTH=user:password python app.py   # off loopback only with a password
"""

import os
import sys

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before Gradio is imported anywhere

from snc_qa.cli import main  # after the environment is set

if __name__ == "__main__":
    raise SystemExit(main(["serve", *sys.argv[1:]]))
