"""Regular expressions compiled the first time they are used. Stdlib only.

Compiling a pattern is pure Python (re's parser and compiler), and the modules every command
imports hold dozens that most runs never reach: those that explain a refusal, read an unusual
value, or serve one command. Compiled at import, they took about 35 million instructions of an
import's start (a tenth of it), for nothing. One a command uses at every record (a plain link
in an export) is compiled at its first use all the same; a claim ID as stored is read without its.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A regular expression compiled the first time one of its methods or attributes is used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags

    def __getattr__(self, name: str):
        # (reached only until the first use: then the compiled pattern's methods become this
        # object's own attributes, looked up as fast as a module's compiled pattern's; a special
        # name, asked by copy and pickle of an object not yet filled in, is no pattern's)
        if name.startswith("__") or name in ("_pattern", "_flags"):
            raise AttributeError(name)
        compiled = re.compile(self._pattern, self._flags)
        for method in ("match", "fullmatch", "search", "sub", "subn", "split", "finditer", "findall"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
