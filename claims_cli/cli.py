"""The root Typer app: global options, the command modules, and the one error edge.

Errors are turned into messages in `ClaimsGroup.invoke`, which wraps every command (including
the ones CliRunner calls in tests): a ClaimsError prints `Error: ...` and its hint on stderr and
exits with its code; an unexpected exception prints one line and exits 70 (set CLAIMS_DEBUG=1
for the traceback). Nothing heavy is imported here: `claims --version` must start fast.
"""

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__, collector, context, typer_speed
from .errors import EXIT_IOERR, EXIT_OSERR, EXIT_READER_GONE, ClaimsError, DamagedRecord, OutputFailed, no_memory_for

EXIT_SOFTWARE = 70  # an internal error (a bug): sysexits' EX_SOFTWARE

typer_speed.install()  # plain option values without importing Pydantic (0.1 s on every command)


def _refuse_repeated_options() -> None:
    """An option that takes one value, given twice, is a usage error (exit 2): Click keeps the last
    one without a word (`list --text Kupiansk --text Siversk` listed Siversk's claims alone, and an
    export's scope said "--text Siversk"). Repeatable options are declared so (--tag, --source).
    A usage error the parse raises knowing no command (Click's parser's "Option '--reason' requires
    an argument.") is given the command's, so that it too says where to find help.
    Wraps Typer's command parsing; if its internals are not as expected, nothing changes."""
    try:
        from typer.core import TyperCommand

        kinds = (TyperCommand, TyperGroup)  # (a group's own options, the root's --db: before its command)
        originals = [kind.parse_args for kind in kinds]
    except (ImportError, AttributeError):
        return

    def checking(original):
        def parse_args(self, ctx, args):
            _refuse_repeated(self, ctx, args)
            given = list(args)  # (as given: Click's parser takes the words out of the list it is handed)
            try:
                return original(self, ctx, args)
            except Exception as error:
                if _is_click_control_flow(error) and getattr(error, "ctx", ctx) is None:
                    error.ctx = ctx  # type: ignore[attr-defined]
                if type(error).__name__ == "UsageError":  # (not one of its kinds: a bad value, a missing one)
                    _say_unquoted(self, ctx, given, error)
                raise
        return parse_args

    for kind, original in zip(kinds, originals):
        kind.parse_args = checking(original)


def _refuse_repeated(command, ctx, args) -> None:
    given = args[:args.index("--")] if "--" in args else args
    if any(arg in ("-h", "--help", "--version") for arg in given):  # (given whatever else the line holds)
        return
    try:  # (the options in the order given, repeats too, parsed as the command will parse them)
        _, _, order = command.make_parser(ctx).parse_args(args=list(args))
    except Exception:  # noqa: BLE001 - the command's own parse says what is wrong
        return
    seen: set = set()
    for param in order:
        if getattr(param, "param_type_name", None) != "option" or param.multiple or param.is_flag or param.count:
            continue
        if param.name in seen:
            spelled = "/".join(sorted(param.opts, key=len))  # ("-n/--limit": the user may have typed either)
            ctx.fail(f"{spelled} takes one value, and was given more than once.")
        seen.add(param.name)


_refuse_repeated_options()


# The free text that words typed without quotes run on from (`claims add Russian forces took Rivne`,
# `sources add Black Bird Group`, `delete C-1 --reason footage was from 2023`): an argument, and how a
# message calls it, or an option's value, by the parameter's name
_FREE_TEXT_ARGUMENTS = {"text": "the statement", "name": "the name"}
_FREE_TEXT_OPTIONS = ("text", "note", "reason")
# The options whose value is a name (`confirm C-1 --by Russian MoD`, `--outlet Ukrainska Pravda`), by the
# parameter's name: words after it that look like a date are not its (`--source ISW 2025-12-07`, --on left out)
_NAME_OPTIONS = ("source", "by", "outlet", "place", "region", "evidence_by")
# The options whose value is a date that may be written in words (`--on 7 Dec 2025`, `--since 30 days ago`),
# by how they are spelled
_DATE_OPTIONS = frozenset(("--on", "--event-on", "--since", "--until"))
# A word that is a claim's or an evidence item's ID (C-0002, c-12, E3, Cyrillic С or Е too): another argument,
# never the words of a text (`delete C-1 --reason dup C-2`: two claims meant?)
_ID_WORD = r"[cCeE\u0421\u0441\u0415\u0435][-\u2010-\u2015\u2212\ufe63\uff0d]?\d{1,9}"
# A word that is a date (2025-12-07, 7.12.2025, 12/07/25): the value of an option left out, not a name's
_DATE_WORD = r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"


def _say_unquoted(command, ctx, args: list[str], error: BaseException) -> None:
    """Click's "Got unexpected extra argument(s) (forces took Rivne)", of words run on from a
    statement, a name or a --text, --note or --reason value, or a name typed as an option's value
    (--source, --by, --outlet, --place, --region, --evidence-by), or a date in words (--on 7 Dec
    2025, --since 30 days ago), said as what must be one argument,
    then the command line with it in quotes (shown in place of where to find help). Left as Click
    says it unless the extra words are plainly that text's: they follow it, one after another,
    and none is an option's, holds a space (whoever quoted one knows how) or is a claim's or an
    evidence item's ID (another argument), nor, after a name, a date (an option's value, left out)."""
    said = _unquoted(command, ctx, args)
    if said is not None:
        error.message, error.suggested = said  # type: ignore[attr-defined]


def _unquoted(command, ctx, args: list[str]) -> tuple[str, str] | None:
    """(what must be one argument, the command line with it quoted), or None."""
    params = list(getattr(command, "params", ()))
    arguments = [param for param in params if param.param_type_name == "argument"]
    if hasattr(command, "list_commands") or any(param.nargs != 1 for param in arguments):
        return None
    valued: dict = {}  # (each spelling of an option that takes a value: its parameter)
    flags: set = set()
    for param in params:
        if param.param_type_name == "option":
            for opt in (*param.opts, *param.secondary_opts):
                if param.is_flag or param.count:
                    flags.add(opt)
                else:
                    valued[opt] = param
    # The words as Click's parser reads them: where each positional one is, and where each option's
    # value is (its parameter, and what comes before the value in the word: "--text=", or none)
    positional: list[int] = []
    values: dict = {}
    at, only_positional = 0, False
    while at < len(args):
        word = args[at]
        if only_positional or word == "-" or not word.startswith("-"):
            positional.append(at)
        elif word == "--":
            only_positional = True
        elif word.startswith("--"):
            name, equals, _ = word.partition("=")
            if name in valued:
                if not equals:
                    at += 1
                values[at] = (valued[name], f"{name}=" if equals else "")
        else:  # (short options, run together too: -y, -sISW, -ys ISW)
            for letter in range(1, len(word)):
                if f"-{word[letter]}" in valued:
                    attached = letter + 1 < len(word)
                    if not attached:
                        at += 1
                    values[at] = (valued[f"-{word[letter]}"], word[:letter + 1] if attached else "")
                    break
        at += 1
    extra = positional[len(arguments):]
    if not extra or extra != list(range(extra[0], extra[0] + len(extra))):
        return None
    words = [args[at] for at in extra]
    head = extra[0] - 1
    if any(word.partition("=")[0] in valued or word in flags for word in words) \
            or any(char.isspace() for word in (args[head], *words) for char in word):
        return None
    import re

    if any(re.fullmatch(_ID_WORD, word) for word in words):
        return None
    if head in values and (values[head][0].name in (*_FREE_TEXT_OPTIONS, *_NAME_OPTIONS)
                           or not _DATE_OPTIONS.isdisjoint(values[head][0].opts)):
        param, before = values[head]
        if param.name in _NAME_OPTIONS and any(re.fullmatch(_DATE_WORD, word) for word in words):
            return None
        what = "the value of " + max(param.opts, key=len)
    elif positional[:len(arguments)] == [head] and arguments[0].name in _FREE_TEXT_ARGUMENTS and not (
            head - 1 in values and not _DATE_OPTIONS.isdisjoint(values[head - 1][0].opts)
            and args[head - 1][len(values[head - 1][1]):].isdigit()):
        # (not after a date's first word, a number: `--on 7 Dec 2025 Russian forces...` is whose words?)
        what, before = _FREE_TEXT_ARGUMENTS[arguments[0].name], ""
    else:
        return None
    from .plain import shell_quoted

    joined = " ".join([args[head][len(before):], *words])
    line = [*_command_words(ctx), *map(shell_quoted, args[:head]), before + shell_quoted(joined),
            *map(shell_quoted, args[extra[-1] + 1:])]
    return f"{what} must be one argument: put it in quotes", " ".join(line)


def _command_words(ctx) -> list[str]:
    """The command line up to a command's own arguments: its path, with the options given before
    it (the root's --db and --analyst), so that a command line a message shows runs as typed."""
    from .plain import shell_quoted

    chain = []
    while ctx is not None:
        chain.insert(0, ctx)
        ctx = ctx.parent
    words = []
    for each in chain:
        words.append(each.info_name or "")
        if each is chain[-1]:
            break
        for param in each.command.params:
            value = each.params.get(param.name)
            if param.param_type_name == "option" and isinstance(value, str):
                words += [max(param.opts, key=len), shell_quoted(value)]
    return words


def _help_to_a_closed_stdout_fails() -> None:
    """`claims --help >&-` exited 0, its help written nowhere: Click's echo writes nothing when
    Python has no stdout (fd 1 closed), where a command's output is an OutputFailed, exit 74.
    Wraps the echo of Click's help option, in the module that defines it (decorators since Click
    8.2, core before; utils's, which decorators takes when it is first imported, after this), Click
    found from Typer's public BadParameter, whether Typer vendors it (0.26 on) or imports it, as
    `_install_usage_errors` finds it; if it is not as expected, nothing changes."""
    package = typer.BadParameter.__module__.rpartition(".")[0]  # (click, or typer._click)
    for name in ("utils", "decorators", "core"):
        module = sys.modules.get(f"{package}.{name}")
        original = getattr(module, "echo", None)
        if original is None or getattr(original, "_closed_stdout_fails", False):
            continue

        def echo(message=None, file=None, nl=True, err=False, color=None, original=original):
            if file is None and not err and sys.stdout is None:
                raise OutputFailed("it is closed")
            return original(message, file=file, nl=nl, err=err, color=color)

        echo._closed_stdout_fails = True  # type: ignore[attr-defined]
        module.echo = echo  # type: ignore[union-attr]


_help_to_a_closed_stdout_fails()


def _show_usage_error(self, file=None) -> None:
    """A usage error in two lines, the error and where to find help (Typer prints the usage line,
    the hint, a blank line, then the error: four lines for one mistake)."""
    ctx = self.ctx
    hint = ""
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        hint = f"\nTry '{ctx.command_path} {ctx.help_option_names[0]}' for help."
    suggested = getattr(self, "suggested", None)  # (a statement typed without quotes: the command with them)
    if suggested:
        hint = f"\n{suggested}"
    name = getattr(self, "option_name", None) or ""
    if type(self).__name__ == "NoSuchOption" and ctx is not None and name in _MEANT:
        has = {opt for param in ctx.command.params for opt in getattr(param, "opts", ())}
        meant = [option for option in _MEANT[name] if option in has]
        if "--on" in meant:  # (a command dated by --on is not filtered by a period)
            meant = ["--on"]
        # (Click's nearest in letters: `list --by` was offered --db, `dispute --source` --url; where the
        # command has nothing of the kind, `show --date` was offered --db: none is offered)
        self.possibilities = meant or None
    if type(self).__name__ == "NoSuchOption" and len(name) > 1 and not (name[1].isascii() and name[1].isalpha()) \
            and name[1] != "-" and ctx is not None and _takes_text(ctx):  # ("-10 tanks destroyed": a statement)
        hint = f"\nA value that starts with '-' goes after the options and --: {ctx.command_path} [OPTIONS] -- \"-10 ...\"."
    typer.echo(f"Error: {self.format_message()}{hint}", file=file, err=file is None,
               color=None if ctx is None else ctx.color)


# An option an analyst types for what a command names otherwise, and the options it may mean, as the
# command has them: the claim commands name the source --source/-s, the evidence commands --by
_MEANT = {
    "--by": ("--source", "--evidence-by"), "--source": ("--by",), "-s": ("--by",), "--sources": ("--source", "--by"),
    # (a day: a claim's or an item's --on, where the command has one, else a period's ends)
    **dict.fromkeys(("--date", "--day", "--when", "--claimed-on", "--claimed"), ("--on", "--since", "--until")),
    "--from": ("--since",), "--after": ("--since",), "--start": ("--since",),
    "--to": ("--until",), "--before": ("--until",), "--end": ("--until",),
    "--location": ("--place",), "--town": ("--place",), "--village": ("--place",), "--city": ("--place",),
    "--oblast": ("--region",),
    "--search": ("--text",), "--query": ("--text",), "--grep": ("--text",),
    "--link": ("--url",),
}


def _takes_text(ctx) -> bool:
    """Whether the command takes a statement as its argument (`add`), which may start with '-'."""
    return any(getattr(param, "param_type_name", "") == "argument" and param.name == "text"
               for param in ctx.command.params)


def _install_usage_errors() -> None:
    # The usage error class, found from Typer's public BadParameter (whether Typer vendors Click,
    # since 0.26, or imports it): not `import click` (STYLE.md).
    usage_error = next((kind for kind in typer.BadParameter.__mro__ if kind.__name__ == "UsageError"), None)
    if usage_error is not None and callable(getattr(usage_error, "show", None)):
        usage_error.show = _show_usage_error


_install_usage_errors()


def _is_click_control_flow(error: BaseException) -> bool:
    """Exit, Abort and usage errors belong to Typer's own handling."""
    return isinstance(error, (typer.Exit, typer.Abort)) or (
        hasattr(error, "exit_code") and hasattr(error, "show"))


def _say_choices_plainly(error: BaseException) -> None:
    """A usage error's message without the "Value error, " that Typer's validation (pydantic's)
    puts before a value outside an option's choices, and naming a letter of the value that only
    looks Latin ("'јson' is not one of 'table', 'json', ..." with a Cyrillic ј: Typer reads no
    lookalike as `clean_enum` does)."""
    message = getattr(error, "message", None)
    if not isinstance(message, str):
        return
    if message.startswith(_VALIDATION_PREFIX):
        message = error.message = message[len(_VALIDATION_PREFIX):]  # type: ignore[attr-defined]
    value, one_of, choices = message.partition(" is not one of ")
    if not one_of:
        return
    typed = _typed(value)
    if typed is not None:  # (Click quotes the value by repr, which doubles a backslash: said as typed)
        from .errors import shown

        value = shown(typed)
        error.message = f"{value}{one_of}{choices}"  # type: ignore[attr-defined]
    if not value.isascii():
        import re

        from .models import only_looks_latin

        odd = only_looks_latin(value.strip("'") if typed is None else typed, re.findall(r"'([^']*)'", choices))
        if odd is not None:
            error.message = f"{value}{one_of}{choices.removesuffix('.')} ({odd})."  # type: ignore[attr-defined]


def _say_numbers_plainly(error: BaseException) -> None:
    """A number option's usage error in the product's words, with the value given: `list -n abc` said
    Typer's validation's (pydantic's) "Invalid value for '--limit' / '-n': Input should be a valid
    integer, unable to parse string as an integer", and of a byte that is not UTF-8 "unable to parse
    raw data as a unicode string"; now "--limit 'abc' is not a whole number" (or "'-2' is out of range
    (0 or more)"). The value is the one pydantic's error holds; a Typer that checks numbers with
    Click's own types (before 0.29) names it itself, and is left as it says it."""
    param = getattr(error, "param", None)
    number = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    problems = getattr(error.__cause__, "errors", None)
    if number not in (int, float) or not callable(problems):
        return
    try:
        problem = problems()[0]
        value = problem["input"]
    except Exception:  # noqa: BLE001 - not pydantic's error as expected: said as it was
        return
    if not isinstance(value, str):
        return
    from .errors import shown

    option = next((opt for opt in param.opts if opt.startswith("--")), param.opts[0])
    least, most = getattr(param, "min", None), getattr(param, "max", None)
    if problem.get("type", "").startswith(("greater_than", "less_than")) and (least is not None or most is not None):
        bounds = f"{least} or more" if most is None else f"up to {most}" if least is None else f"{least} to {most}"
        said = f"{option} {shown(value)} is out of range ({bounds})"
    else:
        said = f"{option} {shown(value)} is not {'a whole number' if number is int else 'a number'}"
    error.message = said  # type: ignore[attr-defined]
    # (said as the whole message: Click's "Invalid value for '--limit' / '-n': " would name the option twice)
    error.format_message = lambda: said  # type: ignore[attr-defined]


def _typed(quoted: str) -> str | None:
    """The text a usage error quotes as Python writes text ('js\\\\on'), or None."""
    import ast

    try:
        text = ast.literal_eval(quoted)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return text if type(text) is str else None


_VALIDATION_PREFIX = "Value error, "


def _damaged_database() -> Path | None:
    """After an unexpected error: the database, if `claims doctor` finds problems in it (read-only)."""
    try:
        from .store import examine

        path = context.SESSION.opened or context.db_path()
        report = examine(path, check_lock=False)
    except Exception:
        return None
    return path if report.database.exists and not report.database.healthy else None


_FULL = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EFBIG))  # errors only a write gives


def _say_output_failed(error: OutputFailed) -> None:
    from . import storage

    hint = ("The change the command made to the database was saved before its output failed."
            if storage.files_written else None)
    try:
        sys.stdout = open(os.devnull, "w")  # (nothing more is written there, not even at exit)
        context.notify("error", error.message, hint)
    except (OSError, ValueError, AttributeError):  # (stderr as unwritable: the exit status says it)
        pass


_interruption_said: list = []  # (once said: main says it if Typer ended a Ctrl-C in silence)


def _say_interrupted(written: int = 0) -> None:
    _interruption_said.append(True)
    from .plain import INTERRUPTED

    output = sys.modules.get(f"{__package__}.output")  # (a command that writes a file has it loaded)
    files = output.interrupted_said() if output is not None else None
    try:
        if sys.stderr is not None and sys.stderr.isatty():  # (on a line of its own: the terminal's ^C echo
            sys.stderr.write("\n")  # is mid-line, after a question's [y/N] or a listing's half-written row)
        if files is not None and not written:  # (an export or report to --output: whether the file is there)
            context.notify("error", f"interrupted; {files}, and the database was not changed")
            return
        context.notify("error", "interrupted after the change was saved to the database" if written else INTERRUPTED)
    except (OSError, ValueError, AttributeError):  # (a SIGHUP's terminal, gone: the exit status says it)
        pass


def _say_created() -> None:
    from .errors import path_shown

    try:
        for path, made_dirs in context.created_databases():  # (a mistyped --db on a write would make one in silence)
            from .exporters import readable_text  # (a byte of the name that is not UTF-8 as \xNN, as import says it)

            made = context.directories_made([readable_text(str(made)) for made in made_dirs])
            context.notify("ok", f"Created a new database: {path_shown(readable_text(str(path)))}{made}")
        for path, why in context.unbacked_databases():
            context.notify("warning", f"{path_shown(f'{path}.bak')} could not be kept ({why}): this change has no backup to restore")
        for path, names in context.split_databases():
            from .plain import SECOND_NAME_HINT, other_names_said

            context.notify("warning", f"{path_shown(path)} {other_names_said(names, replaced=True)}.", SECOND_NAME_HINT)
        for path in context.missing_databases():  # (a mistyped --db reads as empty: a [] said why)
            context.say_missing(path, listing=False)
        if _files_written():  # (a change recorded as made by "unknown": said, each time)
            context.say_no_analyst()
    except (OSError, ValueError, AttributeError):  # (stderr unwritable or closed: the exit status says the rest)
        pass


def _files_written() -> int:
    """storage's count of database files written, 0 before it loaded (a Ctrl-C or a MemoryError as
    it loads: a handler reading `storage.files_written` then failed with an UnboundLocalError)."""
    return getattr(sys.modules.get(f"{__package__}.storage"), "files_written", 0)


class ClaimsGroup(TyperGroup):
    def invoke(self, ctx):
        from . import output

        output.outputs_named.clear()  # (what this command writes; a test runs many in one process)
        output.outputs_written.clear()
        try:
            with output.interrupts_held():  # (a Ctrl-C inside orjson's module set-up, which storage
                from . import storage  # imports first, ended in a segmentation fault: it comes just
                storage.files_written = 0  # after, and is said as any other)
                storage.databases_split.clear()
            result = super().invoke(ctx)
            _say_created()
            return result
        except typer.Exit:  # (a command's own status: an import that skipped invalid rows, say)
            _say_created()
            raise
        except OutputFailed as error:
            _say_output_failed(error)
            _say_created()
            raise typer.Exit(error.exit_code) from None
        except ClaimsError as error:
            context.notify("error", error.message, error.hint)
            raise typer.Exit(error.exit_code) from None
        except DamagedRecord as damaged:  # (a claim without what every claim holds, found before it was written out)
            _say_damaged(context.SESSION.opened or context.db_path(), damaged.args[0] if damaged.args else None)
        except BrokenPipeError:
            # `claims list | head`: the reader went away; nothing more to say, but that a change the
            # command made was saved (stderr may well be there: a script's log)
            try:
                sys.stdout = open(os.devnull, "w")
                if _files_written():
                    context.notify("ok", "The output's reader went away; the change to the database was saved.")
                    _say_created()
            except (OSError, ValueError):
                pass
            raise typer.Exit(EXIT_READER_GONE) from None
        except KeyboardInterrupt as interruption:  # (a Ctrl-C, SIGTERM or SIGHUP: output.Terminated)
            _say_interrupted(_files_written())
            _say_created()
            raise typer.Exit(output.interrupted_status(interruption)) from None
        except (MemoryError, ImportError) as error:  # (a resource limit, not a bug: `ulimit -v`, a small machine)
            # (so for a module imported late whose shared object found no memory to be mapped into;
            # any other ImportError is a bug)
            if os.environ.get("CLAIMS_DEBUG"):
                raise
            if isinstance(error, ImportError) and not no_memory_for(error):
                _say_internal_error(error)
            from .errors import OUT_OF_MEMORY, OUT_OF_MEMORY_HINT

            context.notify("error", "claims ran out of memory after the change to the database was saved"
                           if _files_written() else OUT_OF_MEMORY, OUT_OF_MEMORY_HINT)
            raise typer.Exit(EXIT_OSERR) from None
        except Exception as error:
            if _is_click_control_flow(error) or os.environ.get("CLAIMS_DEBUG"):
                _say_choices_plainly(error)
                _say_numbers_plainly(error)
                raise
            if isinstance(error, OSError) and error.errno in _FULL:  # (a command's --help, which Click
                _say_output_failed(OutputFailed(error.strerror or str(error)))  # writes itself, on a full disk)
                raise typer.Exit(EXIT_IOERR) from None
            damaged = _damaged_database()
            if damaged is not None:
                # A hand-edited record the commands cannot read: the data's fault, not a bug.
                # (the exception's words, "KeyError: 'text'", say nothing to an analyst: doctor names the record)
                _say_damaged(damaged)
            _say_internal_error(error)


def _say_damaged(path: Path, which: str | None = None) -> None:
    """`which`: the record and what is wrong with it, where the command knows (DamagedRecord's words)."""
    from .errors import path_shown

    said = f": {which}" if which else ""
    context.notify("error", f"the database {path_shown(path)} has damaged records this command cannot read{said}",
                   "Run `claims doctor` to see which records and how to recover.")
    raise typer.Exit(1) from None


def _say_internal_error(error: BaseException) -> None:
    context.notify("error", f"internal error: {type(error).__name__}: {error}",
                   "This is a bug in claims; run again with CLAIMS_DEBUG=1 for the details.")
    raise typer.Exit(EXIT_SOFTWARE) from None


root_app = typer.Typer(
    cls=ClaimsGroup,
    name="claims",
    help="Track war claims, their sources, and the evidence that confirms or disputes them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        context.emit(f"claims {__version__}\n".encode())  # (an OutputFailed here is main's: no group yet)
        raise typer.Exit()


@root_app.callback()
def root(
    db: Annotated[Optional[str], typer.Option(  # (text: see options.DbOpt)
        "--db", help="Database file. Default: $CLAIMS_DB, else claims.json in your user data directory.",
        show_default=False, metavar="<path>")] = None,
    analyst: Annotated[Optional[str], typer.Option(
        "--analyst", help="Who makes changes, for the audit trail. Default: $CLAIMS_ANALYST, else your login.",
        show_default=False)] = None,
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_version, is_eager=True)] = False,
) -> None:
    """Track war claims, their sources, and the evidence that confirms or disputes them.

    \b
    Start with:  claims import seeds/article-2025-12-07.json && claims contested
    """
    context.reset(db=db, analyst=analyst)
    collector.end_startup()


# The command modules in the order `claims --help` lists them, each with the name it is added
# under (None: its commands join the root's), and the module that defines each command or group
# at the root, so that a run imports only the module it needs (tests check this table against
# the modules; a name missing here only costs the import of every module, never a behaviour).
COMMAND_MODULES = (("claims", None), ("evidence", None), ("report", None), ("sources", "sources"),
                   ("transfer", None), ("doctor", None))
COMMAND_HOMES = {
    **dict.fromkeys(("init", "add", "list", "show", "edit", "delete", "restore", "categories"), "claims"),
    **dict.fromkeys(("evidence", "confirm", "dispute", "assess", "history", "contested", "unverified"),
                    "evidence"),
    **dict.fromkeys(("export", "report"), "report"),
    "sources": "sources",
    "import": "transfer",
    "doctor": "doctor",
}


def build_app(modules: tuple[str, ...] | None = None) -> typer.Typer:
    """The root app with the commands of `modules` (default: all of them, in --help's order)."""
    import copy
    import importlib

    built = copy.copy(root_app)
    built.registered_commands = list(root_app.registered_commands)
    built.registered_groups = list(root_app.registered_groups)
    for module_name, added_as in COMMAND_MODULES:
        if modules is None or module_name in modules:
            module = importlib.import_module(f"{__package__}.commands.{module_name}")
            if added_as is None:
                built.add_typer(module.app)
            else:
                built.add_typer(module.app, name=added_as)
    return built


def __getattr__(name: str):
    """`app`, the whole CLI, is built when first asked for (tests, `python -c`); the console
    script builds only the command it runs (`app_for`)."""
    if name == "app":
        whole = globals()["app"] = build_app()
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_as_utf8() -> None:
    """Under an ASCII locale with Python's UTF-8 mode off (LC_ALL=C, PYTHONUTF8=0), Python keeps
    each byte of an argument past ASCII as a lone surrogate: the arguments are read again as UTF-8
    where they are (bytes of another encoding stay, to be refused by name as "not UTF-8 text").
    (Not the variables: os.environ takes no text its locale cannot write.)"""
    def utf8(text: str) -> str:
        if text.isascii():
            return text
        try:
            return os.fsencode(text).decode("utf-8")
        except (UnicodeError, ValueError):
            return text

    sys.argv[1:] = [utf8(argument) for argument in sys.argv[1:]]


def main() -> None:
    """The console script: run the app, then leave without tearing the interpreter down."""
    collector.pause_startup()  # (already paused when run as `claims` or `python -m claims_cli`)
    _replace_what_cannot_be_shown()
    if sys.getfilesystemencoding() != "utf-8":
        _read_as_utf8()
    _interruption_said.clear()
    try:
        app_for(sys.argv[1:])()
        code: object = 0
    except SystemExit as done:  # Typer's standalone mode always ends here
        code = done.code
        if code == 130:  # (Typer's status for an interruption outside the group's handler: which one)
            code = _interrupted_status(done)
        if code == 1 and type(sys.stdout).__name__ == "PacifyFlushWrapper":  # (Typer's own answer to a
            code = EXIT_READER_GONE  # reader gone while it wrote --help or a usage message: as ours)
    except KeyboardInterrupt as interruption:  # (before Typer's own handling began)
        code = _interrupted_status(interruption)
    except OutputFailed as error:  # (from an option's callback, --version: before the group's handlers)
        _say_output_failed(error)
        code = error.exit_code
    except OSError as error:  # (Click writing --help or a usage message itself: not through context)
        if error.errno not in context.OUTPUT_ERRNOS:
            raise
        if isinstance(error, BrokenPipeError):
            code = EXIT_READER_GONE
        else:
            _say_output_failed(OutputFailed(error.strerror or str(error)))
            code = EXIT_IOERR
    if code in _INTERRUPTED_STATUSES and not _interruption_said:  # (Typer ends a Ctrl-C outside the group's
        # handler in silence)
        from . import storage

        _say_interrupted(storage.files_written)
    collector.end_startup()  # (--help, a usage error: the root callback never ran)
    exit_now(code)



_INTERRUPTED_STATUSES = (130, 143, 129)  # (128 + SIGINT, SIGTERM, SIGHUP)


def _interrupted_status(error: BaseException) -> int:
    """The exit status of the interruption that `error` is, or was raised while handling (Typer's
    Exit(130) is raised from it): 143 for a SIGTERM, 129 for a SIGHUP, else 130."""
    from .output import interrupted_status

    seen: set = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return interrupted_status(error)
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return 130


def _replace_what_cannot_be_shown() -> None:
    """On a terminal (or stream) that is not UTF-8, such as a CP1251 one, a character it cannot
    encode (Ukrainian's ʼ in CP1251, all Cyrillic in ASCII) is written as `?`: a table or message
    failed with an internal error at the first one. (Data formats are written as UTF-8 bytes.)"""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (OSError, ValueError):  # (closed, or not a text stream that can change)
                pass


def app_for(args: list[str]) -> typer.Typer:
    """The root app holding only the command that `args` name, else the whole app.

    Before it parses anything, Typer turns every command it holds into a Click command (reading
    each signature and building every option): about 15 ms for all of them, on every run. A
    command line that plainly names one command needs only that one (and the root callback); the
    command, its options, its help and its errors are exactly those of the whole app, and only its
    command module is imported. Anything else (no command, --help or --version first, an unknown
    name) gets the whole app, so the list of commands and "No such command" stay Typer's own.
    """
    name = _command_name(args)
    home = COMMAND_HOMES.get(name) if name is not None else None
    if home is None:
        return _whole_app()
    try:
        only = _only(build_app((home,)), name)
    except Exception:  # Typer internals not as expected: build everything, as Typer does
        return _whole_app()
    return _whole_app() if only is None else only


def _whole_app() -> typer.Typer:
    return globals()["app"] if "app" in globals() else __getattr__("app")


def _command_name(args: list[str]) -> str | None:
    """The first argument after the root options, if nothing but --db and --analyst precede it."""
    items = iter(args)
    for arg in items:
        if arg in ("--db", "--analyst"):
            next(items, None)
        elif not arg.startswith(("--db=", "--analyst=")):
            return None if arg.startswith("-") or not arg else arg
    return None


def _only(typer_app: typer.Typer, name: str) -> typer.Typer | None:
    """A shallow copy of `typer_app` with only the commands and groups Typer would name `name`
    (looking inside sub-apps added without a name, whose commands Typer merges); None if none."""
    import copy

    from typer.main import get_command_name, solve_typer_info_defaults

    commands = [info for info in typer_app.registered_commands
                if (info.name or get_command_name(info.callback.__name__)) == name]
    groups = []
    for info in typer_app.registered_groups:
        group_name = solve_typer_info_defaults(info).name
        if group_name == name:
            groups.append(info)
        elif not group_name:
            inner = _only(info.typer_instance, name)
            if inner is not None:
                merged = copy.copy(info)
                merged.typer_instance = inner
                groups.append(merged)
    if not commands and not groups:
        return None
    only = copy.copy(typer_app)
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def exit_now(code: object) -> None:
    """Flush stdout and stderr and end the process at once.

    After a command over 100,000 claims the interpreter's normal teardown frees millions of
    objects one by one (0.1-0.7 s) just before the OS reclaims the memory anyway. Nothing in
    `claims` needs teardown: files are written with `with`, the writers' lock is released when
    the transaction ends, and no atexit handlers are registered. Only the two standard streams
    may hold buffered output, so they are flushed here, as Python's own exit would.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): Python prints it and exits 1
        sys.stderr.write(f"{code}\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # (closed when the process started: Python has none)
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # `claims list | head`: the reader has gone; nothing more to say
            status = status or EXIT_READER_GONE
        except (OSError, ValueError):
            status = status or EXIT_IOERR  # (Python's own exit says 120)
    os._exit(status)


if __name__ == "__main__":
    main()
