"""Interface text of the web chat in Arabic and English, and the example questions.

Example::

    from snc_qa.web_text import text, ui_language
    text("ar", "new_chat")                         # 'محادثة جديدة'
    text("en", "added", name="a.txt", chunks=3)    # 'a.txt: indexed (3 passages) — you can ask about it now.'
    ui_language("ar-SY,ar;q=0.9,en;q=0.8")         # 'ar'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

UiLanguage = Literal["ar", "en"]

LANGUAGE_CHOICES = (("English", "en"), ("العربية", "ar"))

#: Shown on the empty chat; clicking one asks it. Two per language, all answerable from the founding document.
EXAMPLE_QUESTIONS = (
    "من هو رئيس هيئة التفاوض السورية؟",
    "ما هي منظمة اليوم التالي؟",
    "Who is the head of the Syrian Negotiation Commission?",
    "What does the Support Coordination Unit do?",
)

_TEXT: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    "en": MappingProxyType({
        "title": "SNC documents assistant",
        "subtitle": "Ask about the Syrian Negotiation Commission's documents in Arabic or English. "
                    "Answers cite the passages they come from; nothing leaves this computer.",
        "ui_language": "Interface language",
        "tab_chat": "Chat",
        "tab_documents": "Documents",
        "chatbot": "Conversation",
        "chat_placeholder": "**Ask a question about the documents** · **اطرح سؤالاً عن الوثائق**\n\n"
                            "Or pick an example · أو اختر مثالاً",
        "question": "Your question",
        "question_placeholder": "Ask in Arabic or English… · اسأل بالعربية أو بالإنجليزية…",
        "send": "Ask",
        "new_chat": "New chat",
        "sources": "Sources",
        "sources_empty": "The passages behind the last answer appear here, numbered like the [n] in the answer.",
        "sources_searching": "Searching the documents…",
        "searching": "Searching the documents…",
        "other_passages": "Other passages considered ({count})",
        "not_grounded": "Not found in the documents",
        "unverified": "Not confirmed by the documents: the closest passage is shown",
        "not_grounded_detail": "The documents do not hold an answer to this question, so no passage is cited. "
                               "Try other words, or add the document that holds the answer under Documents.",
        "answer_failed": "Could not answer: {error} — try again, or pick another generator under Settings.",
        "score": "similarity",
        "documents_heading": "Indexed documents",
        "no_documents": "No documents are indexed yet. Add some below.",
        "col_title": "Title",
        "col_file": "File",
        "col_language": "Language",
        "col_date": "Date",
        "col_chunks": "Passages",
        "col_indexed": "Indexed",
        "incomplete": "incomplete: re-add the file",
        "lang_ar": "Arabic",
        "lang_en": "English",
        "upload": "Add documents: .txt .md .html .pdf .docx",
        "upload_status": "Upload",
        "indexing": "Indexing {name} ({done}/{total})…",
        "added": "{name}: indexed ({chunks} passages) — you can ask about it now.",
        "unchanged": "{name}: already indexed with the same content.",
        "refused": "Refused — {reason}.",
        "failed": "{name}: not indexed — {reason}. The file was not kept.",
        "too_large": "{name}: {size:.1f} MB is over the {limit} MB upload limit.",
        "remove_choice": "Document to remove",
        "remove": "Remove document",
        "removed": "{name}: removed from the documents folder and the index.",
        "nothing_to_remove": "Pick a document to remove first.",
        "settings": "Settings",
        "settings_note": "Applies to your own answers only; other visitors keep theirs.",
        "generator": "Generator",
        "generator_info": "local: the bundled model on this computer · extractive: quotes the best passage, fastest "
                          "· openai: any OpenAI-compatible server",
        "base_url": "OpenAI-compatible base URL",
        "model": "Model name",
        "top_k": "Number of sources",
        "apply": "Apply settings",
        "applied": "Settings applied: generator {generator}, {top_k} sources.",
        "settings_failed": "Settings not applied: {error}.",
        "renamed": "{name}: a different document already had the name {old}, so both are kept; this one is {name} "
                   "({chunks} passages).",
        "updated": "{name}: replaced by the new version and indexed ({chunks} passages).",
        "duplicate": "{name}: the same content is already in the documents as {other}; nothing was added.",
        "not_uploaded": "A file was refused: it was not uploaded through this page.",
        "upload_error": "{name}: could not be stored ({reason}).",
        "on_clash": "When a document of the same name exists",
        "clash_keep": "Keep both",
        "clash_replace": "Replace it",
        "not_indexed": "not indexed: {reason}",
        "custom_endpoint_off": "The server and model are set by the operator.",
        "getting_ready": "Getting ready — loading the language model. You can type your question now; it is "
                         "answered as soon as the model is loaded.",
        "indexing_progress": "Indexing the documents: {done}/{total} files, {chunks} passages, {rate} passages a "
                             "second{left}. Questions are answered from what is indexed so far.",
        "left_minutes": ", about {n} min left",
        "left_seconds": ", about {n} s left",
    }),
    "ar": MappingProxyType({
        "title": "مساعد وثائق هيئة التفاوض السورية",
        "subtitle": "اسأل عن وثائق هيئة التفاوض السورية بالعربية أو بالإنجليزية. تستشهد الإجابات بالمقاطع التي "
                    "أُخذت منها، ولا يغادر شيء هذا الحاسوب.",
        "ui_language": "لغة الواجهة",
        "tab_chat": "المحادثة",
        "tab_documents": "الوثائق",
        "chatbot": "المحادثة",
        "chat_placeholder": "**اطرح سؤالاً عن الوثائق** · **Ask a question about the documents**\n\n"
                            "أو اختر مثالاً · Or pick an example",
        "question": "سؤالك",
        "question_placeholder": "اسأل بالعربية أو بالإنجليزية… · Ask in Arabic or English…",
        "send": "اسأل",
        "new_chat": "محادثة جديدة",
        "sources": "المصادر",
        "sources_empty": "تظهر هنا المقاطع التي بُنيت عليها الإجابة الأخيرة، مرقّمة مثل [n] في الإجابة.",
        "sources_searching": "جارٍ البحث في الوثائق…",
        "searching": "جارٍ البحث في الوثائق…",
        "other_passages": "مقاطع أخرى رُوجعت ({count})",
        "not_grounded": "غير موجود في الوثائق",
        "unverified": "لم تؤكده الوثائق: يُعرض أقرب مقطع",
        "not_grounded_detail": "لا تتضمن الوثائق إجابة عن هذا السؤال، لذلك لا يُستشهد بأي مقطع. جرّب كلمات أخرى، "
                               "أو أضف الوثيقة التي تتضمن الإجابة من تبويب الوثائق.",
        "answer_failed": "تعذّرت الإجابة: {error} — أعد المحاولة، أو اختر مولّداً آخر من الإعدادات.",
        "score": "التشابه",
        "documents_heading": "الوثائق المفهرسة",
        "no_documents": "لا توجد وثائق مفهرسة بعد. أضف بعضها أدناه.",
        "col_title": "العنوان",
        "col_file": "الملف",
        "col_language": "اللغة",
        "col_date": "التاريخ",
        "col_chunks": "المقاطع",
        "col_indexed": "تاريخ الفهرسة",
        "incomplete": "غير مكتملة: أعد إضافة الملف",
        "lang_ar": "العربية",
        "lang_en": "الإنجليزية",
        "upload": "أضف وثائق: ‎.txt .md .html .pdf .docx",
        "upload_status": "الرفع",
        "indexing": "جارٍ فهرسة {name} ({done}/{total})…",
        "added": "{name}: فُهرست ({chunks} مقطعاً) — يمكنك السؤال عنها الآن.",
        "unchanged": "{name}: مفهرسة مسبقاً بالمحتوى نفسه.",
        "refused": "مرفوض — {reason}.",
        "failed": "{name}: لم تُفهرس — {reason}. لم يُحتفظ بالملف.",
        "too_large": "{name}: حجمها {size:.1f} ميغابايت، وهو أكبر من حد الرفع {limit} ميغابايت.",
        "remove_choice": "الوثيقة المراد حذفها",
        "remove": "حذف الوثيقة",
        "removed": "{name}: حُذفت من مجلد الوثائق ومن الفهرس.",
        "nothing_to_remove": "اختر وثيقة لحذفها أولاً.",
        "settings": "الإعدادات",
        "settings_note": "تنطبق على إجاباتك أنت فقط؛ ولا تتغير إعدادات الزوار الآخرين.",
        "generator": "المولّد",
        "generator_info": "local: النموذج المضمَّن على هذا الحاسوب · extractive: يقتبس أفضل مقطع، الأسرع "
                          "· openai: أي خادم متوافق مع OpenAI",
        "base_url": "عنوان الخادم المتوافق مع OpenAI",
        "model": "اسم النموذج",
        "top_k": "عدد المصادر",
        "apply": "تطبيق الإعدادات",
        "applied": "طُبّقت الإعدادات: المولّد {generator}، {top_k} مصادر.",
        "settings_failed": "لم تُطبّق الإعدادات: {error}.",
        "renamed": "{name}: كانت وثيقة مختلفة تحمل الاسم {old}، فاحتُفظ بالاثنتين؛ هذه هي {name} ({chunks} مقطعاً).",
        "updated": "{name}: استُبدلت بالنسخة الجديدة وفُهرست ({chunks} مقطعاً).",
        "duplicate": "{name}: المحتوى نفسه موجود في الوثائق باسم {other}؛ لم يُضف شيء.",
        "not_uploaded": "رُفض ملف: لم يُرفع من هذه الصفحة.",
        "upload_error": "{name}: تعذّر حفظها ({reason}).",
        "on_clash": "عند وجود وثيقة بالاسم نفسه",
        "clash_keep": "الاحتفاظ بالاثنتين",
        "clash_replace": "استبدالها",
        "not_indexed": "لم تُفهرس: {reason}",
        "custom_endpoint_off": "يحدّد المشغّل الخادم والنموذج.",
        "getting_ready": "جارٍ التحضير — يُحمَّل النموذج اللغوي. يمكنك كتابة سؤالك الآن، وستأتيك الإجابة حالما "
                         "يكتمل التحميل.",
        "indexing_progress": "تجري فهرسة الوثائق: {done} من {total} ملفاً، {chunks} مقطعاً، {rate} مقطعاً في "
                             "الثانية{left}. يُجاب عن الأسئلة مما فُهرس حتى الآن.",
        "left_minutes": "، يتبقى نحو {n} دقيقة",
        "left_seconds": "، يتبقى نحو {n} ثانية",
    }),
})


def text(language: str, key: str, **values: object) -> str:
    """The interface text ``key`` in ``language`` ("ar" or "en", anything else reads as "en"), filled in.

    >>> text("en", "removed", name="a.txt")
    'a.txt: removed from the documents folder and the index.'
    """
    table = _TEXT["ar" if language == "ar" else "en"]
    if not values:
        return table[key]
    # A reason or an error is a sentence of its own; its full stop would double the template's.
    values = {k: v.rstrip(". ") if isinstance(v, str) and k in ("reason", "error") else v for k, v in values.items()}
    return table[key].format(**values)


def ui_language(accept_language: str | None) -> UiLanguage:
    """The interface language for a browser's ``Accept-Language`` header: Arabic when preferred first.

    >>> ui_language("ar,en;q=0.5"), ui_language("en-GB"), ui_language(None)
    ('ar', 'en', 'en')
    """
    first = (accept_language or "").split(",")[0].strip().lower()
    return "ar" if first.startswith("ar") else "en"
