"""Tab-separated data files that a user can extend (the glossary, the country names): one reader for all.

Each line holds fields separated by tabs; blank lines and lines starting with ``#`` are skipped. A line
that lacks a required field is an error that names the file, the line and the shape expected, since a
user who added it needs to find it.
"""

from __future__ import annotations


def rows(text: str, name: str, required: int, shape: str, error: type[ValueError] = ValueError) -> list[list[str]]:
    """The stripped fields of every data line of ``text``; the first ``required`` of each must not be empty.

    ``name`` says where ``text`` came from (a path, "bundled glossary"), ``shape`` what a line holds.

    >>> rows("# code<TAB>name\\nSY\\tسورية\\n\\nSA\\tSaudi \\n", "country names", 2, "code<TAB>name")
    [['SY', 'سورية'], ['SA', 'Saudi']]
    >>> rows("SY سورية", "countries.tsv", 2, "code<TAB>name")
    Traceback (most recent call last):
    ValueError: countries.tsv:1: expected 'code<TAB>name'.
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < required or not all(fields[:required]):
            raise error(f"{name}:{number}: expected '{shape}'.")
        out.append(fields)
    return out
