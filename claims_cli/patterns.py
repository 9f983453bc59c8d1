"""Regular expressions compiled the first time they are used. Stdlib only.

Compiling a pattern is pure Python (re's parser and compiler), and the modules every command
imports hold dozens that most runs never reach: those that explain a refusal, read an unusual
value, or serve one command. Compiled at import, they took about 35 million instructions of an
import's start (a tenth of it), for nothing. A pattern on a command's common path (a claim ID,
a plain URL) stays a plain `re.compile`: it is compiled at once in any case.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A regular expression compiled the first time one of its methods or attributes is used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags

    def __getattr__(self, name: str):
        # (reached only until the first use: then the compiled pattern's methods become this
        # object's own attributes, looked up as fast as a module's compiled pattern's)
        compiled = re.compile(self._pattern, self._flags)
        for method in ("match", "fullmatch", "search", "sub", "subn", "split", "finditer", "findall"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
