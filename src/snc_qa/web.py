"""The web chat (Gradio). ``python app.py`` or ``snc-qa serve``.

Example::

    from snc_qa.web import build_app
    demo = build_app(Assistant())
    demo.launch(server_name="127.0.0.1", server_port=7860)
"""

from __future__ import annotations

import os
from collections.abc import Callable

from snc_qa.settings import Settings


def build_app(assistant):
    import gradio as gr

    from snc_qa.answering import Answer

    def respond(message: str, history: list[dict]):
        pairs = []
        for i in range(0, len(history) - 1, 2):
            if history[i]["role"] == "user" and history[i + 1]["role"] == "assistant":
                pairs.append((str(history[i]["content"]), str(history[i + 1]["content"])))
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        text = ""
        for event in assistant.stream_events(message, pairs):
            if isinstance(event, Answer):
                text = event.text
            else:
                text += event
            history[-1] = {"role": "assistant", "content": text}
            yield history, ""

    with gr.Blocks(title="snc-qa") as demo:
        chatbot = gr.Chatbot(label="snc-qa", height=520)
        box = gr.Textbox(placeholder="اسأل عن الوثائق · Ask about the documents", show_label=False)
        box.submit(respond, [box, chatbot], [chatbot, box], api_name="chat")
    return demo


def serve(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Index the documents folder (incrementally) and start the chat on ``settings.host:port``."""
    from snc_qa.assistant import Assistant

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    assistant = Assistant(settings=settings, progress=progress)
    report = assistant.index()
    if progress:
        progress(report.summary())
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, show_error=True
    )
