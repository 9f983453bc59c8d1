"""Start-up speed: coerce the plain option values `claims` uses without importing Pydantic.

Typer (0.2x) coerces every command-line value through a Pydantic TypeAdapter that it builds on
first use, and it builds one for every parameter of the command being run, even for options that
were not given (value None). That imports Pydantic, about 0.1-0.15 s, on nearly every command:
most of the time budget of a command on a small database (see bench/RESULTS.md).

`install()` wraps Typer's adapter builder so that:

* a missing value (None) never needs an adapter: Typer's own `RuntimeParam.coerce` returns () or
  None for it before it looks at the adapter;
* the common, valid cases are coerced here exactly as Typer's adapters would: a str for a str
  parameter, strings for a list-of-str parameter, a choice for an Enum parameter (with Typer's own
  `coerce_cli_choice`), a plain decimal integer within min/max for an int parameter, and a path
  string for a Path parameter (with Typer's own `coerce_cli_path`);
* everything else (every invalid value, so every error message, and every other type) goes to the
  adapter Typer builds, then and only then.

It relies on Typer internals (`typer.core.build_runtime_param`, `typer._coercion`,
`typer._param_types`); if they are not as expected, `install()` changes nothing and Typer works
as shipped, only slower. Imports only Typer.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_SLOW = object()  # "not a plain case: let Typer's adapter coerce it"
_DECIMAL = re.compile(r"[0-9]{1,18}")


def install() -> bool:
    """Put the fast path in front of Typer's coercion; False (and no change) if Typer differs."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer._param_types import coerce_cli_choice, coerce_cli_path
    except ImportError:
        return False
    if getattr(core, "build_runtime_param", None) is not build_runtime_param:
        return False  # already installed, or Typer no longer looks the builder up there

    def plain_value(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
        if info.parser is not None:
            return _SLOW
        if annotation is str:
            return value if type(value) is str else _SLOW
        if get_origin(annotation) is list:
            if get_args(annotation) == (str,) and isinstance(value, (list, tuple)) and \
                    all(type(item) is str for item in value):
                return list(value)
            return _SLOW
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            if type(value) is not str and not isinstance(value, annotation):
                return _SLOW
            try:
                return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive,
                                         ctx=ctx)
            except ValueError:
                return _SLOW
        if annotation is int:
            if type(value) is str and _DECIMAL.fullmatch(value) and not info.clamp:
                number = int(value)
                if (info.min is None or number >= info.min) and (info.max is None or number <= info.max):
                    return number
            return _SLOW
        if isinstance(annotation, type) and issubclass(annotation, Path) and type(value) is str:
            path_type = info.path_type or annotation
            if not (isinstance(path_type, type) and issubclass(path_type, Path)):
                return _SLOW
            try:
                return coerce_cli_path(path_type(value), info, path_type=path_type, param=param, ctx=ctx)
            except Exception:
                return _SLOW  # Typer's own path gives the error message
        return _SLOW

    class FastRuntimeParam(RuntimeParam):
        """RuntimeParam's fields and frozen-dataclass behaviour, inherited (not decorated again: a
        frozen dataclass costs ~1 ms to build at every start); the descriptor Typer's own coercion
        is built from, when needed, is kept beside the fields (`_descriptor`)."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = plain_value(self.annotation, self.parameter_info, value, param, ctx)
            if result is not _SLOW:
                return result
            slow = self.__dict__.get("_slow")
            if slow is None:
                slow = build_runtime_param(self.__dict__["_descriptor"])
                object.__setattr__(self, "_slow", slow)
            return slow._coerce_value(value, param=param, ctx=ctx)

    def fast_build_runtime_param(descriptor: Any) -> Any:
        if getattr(descriptor, "file_annotation", None) is not None:
            return build_runtime_param(descriptor)
        fast = FastRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        object.__setattr__(fast, "_descriptor", descriptor)  # (frozen: set as the dataclass itself would)
        return fast

    core.build_runtime_param = fast_build_runtime_param
    return True
