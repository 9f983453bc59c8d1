"""CSV, JSON, JSONL and ClaimReview exports (and `list --format csv`) of many claims are written in two
processes (workers.write_in_two): the output is the same bytes with or without the worker, and a
worker that fails, dies or leaves a short file changes nothing but who did the work."""

from __future__ import annotations

import json
import os
import re
import signal

import pytest

from claims_cli import exporters, workers

CAN_FORK = workers.workers_allowed()
needs_fork = pytest.mark.skipif(not CAN_FORK, reason="no second core or no fork here")


def write(claims, first):
    """Pieces of the claims' numbers, a line each, after a header when first; their sum gathered."""
    numbers = [claim["n"] for claim in claims]
    lines = ([b"header"] if first else []) + [b"%d" % n for n in numbers]
    pieces = [b"".join(line + b"\n" for line in lines[at:at + 3]) for at in range(0, len(lines), 3)]
    return pieces, b"%d" % sum(numbers)


CLAIMS = [{"n": n} for n in range(40)]


def _joined(parts) -> tuple[bytes, list[bytes]]:
    return b"".join(bytes(piece) for pieces, _ in parts for piece in pieces), [bytes(g) for _, g in parts]


@needs_fork
@pytest.mark.parametrize("share", [0.01, 0.5, 0.99])
def test_two_parts_are_the_whole(share):
    parts = workers.write_in_two(CLAIMS, write, share=share, min_claims=1)
    assert len(parts) == 2
    whole, gathered = _joined(parts)
    assert whole == b"".join(write(CLAIMS, True)[0])
    first = len(CLAIMS) - int(len(CLAIMS) * share)
    assert gathered == [b"%d" % sum(range(max(1, min(first, 39)))), b"%d" % sum(range(max(1, min(first, 39)), 40))]


def test_one_part_when_small_told_so_or_given_an_iterator(monkeypatch):
    assert len(workers.write_in_two(CLAIMS, write)) == 1  # under MIN_CLAIMS
    assert len(workers.write_in_two(CLAIMS[:1], write, min_claims=0)) == 1  # (each part needs a claim)
    assert workers.write_in_two([], write, min_claims=0) == [write([], True)]
    assert len(workers.write_in_two(iter(CLAIMS), write, min_claims=1)) == 1  # (read once)
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    assert len(workers.write_in_two(CLAIMS, write, min_claims=1)) == 1
    assert _joined(workers.write_in_two(CLAIMS, write, min_claims=1))[0] == b"".join(write(CLAIMS, True)[0])


def _raises(claims, first):
    raise RuntimeError("the worker breaks")


def _dies(claims, first):
    os.kill(os.getpid(), signal.SIGKILL)


@needs_fork
@pytest.mark.parametrize("misbehave", [_raises, _dies], ids=["raises", "is killed"])
def test_a_worker_that_fails_is_replaced_by_this_process(misbehave):
    parent = os.getpid()

    def writing(claims, first):
        return write(claims, first) if os.getpid() == parent else misbehave(claims, first)

    parts = workers.write_in_two(CLAIMS, writing, min_claims=1)
    assert len(parts) == 2
    assert _joined(parts)[0] == b"".join(write(CLAIMS, True)[0])
    assert not any(isinstance(piece, memoryview) for pieces, _ in parts for piece in pieces)  # (written here)


@needs_fork
def test_a_short_file_is_not_believed(monkeypatch):
    """A worker whose file lost its end (say, a full disk): this process writes that part."""
    real = workers._write_rest

    def cut_short(claims, start, count, writing, file):
        real(claims, start, count, writing, file)
        file.truncate(file.tell() - 5)

    monkeypatch.setattr(workers, "_write_rest", cut_short)
    parts = workers.write_in_two(CLAIMS, write, min_claims=1)
    assert _joined(parts)[0] == b"".join(write(CLAIMS, True)[0])
    assert not any(isinstance(piece, memoryview) for pieces, _ in parts for piece in pieces)


@pytest.fixture
def writes_in_two(monkeypatch):
    """Any list or export of two claims or more is written in two processes; what came back from
    each worker is recorded (None: it failed, and this process wrote its part)."""
    made = []
    real = workers._written_by

    def recording(pid, file):
        written = real(pid, file)
        made.append(written)
        return written

    monkeypatch.setattr(workers, "MIN_CLAIMS", 1)
    monkeypatch.setattr(workers, "_written_by", recording)
    return made


@pytest.fixture
def forked(monkeypatch):
    """The workers started (their PIDs, `forked.started`) and those this process stopped
    (`forked.stopped`: killed, or reaped if they had exited) before it had their output."""
    seen = type("Forked", (), {})()
    seen.started, seen.stopped = [], []
    real_fork, real_stop = workers._fork, workers._stop

    def fork(work):
        made = real_fork(work)
        if made is not None:
            seen.started.append(made[0])
        return made

    def stop(pid):
        if pid is not None:
            seen.stopped.append(pid)
        real_stop(pid)

    monkeypatch.setattr(workers, "_fork", fork)
    monkeypatch.setattr(workers, "_stop", stop)
    return seen


_STAMP = re.compile(rb'"exported_at": ?"[^"]*"')


@needs_fork
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "--output"])
@pytest.mark.parametrize("command", [("export", "--format", "csv"), ("export", "--format", "json"),
                                     ("export", "--format", "jsonl"), ("list", "--format", "csv"),
                                     ("list", "--format", "json"), ("list", "--format", "jsonl")])
def test_the_commands_give_the_same_bytes_with_a_worker(cli, db, tmp_path, monkeypatch, command, to_file,
                                                         writes_in_two):
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    cli("confirm", "C-0002", "--by", "DeepState", "--kind", "map", ok=True)

    def run(name: str) -> bytes:
        if to_file and command[0] == "export":
            target = tmp_path / name
            cli(*command, "--output", target, ok=True)
            return target.read_bytes()
        return cli(*command, ok=True).stdout.encode("utf-8")

    shared = run("shared")
    assert writes_in_two and writes_in_two[-1] is not None  # the worker wrote its part
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = run("alone")
    assert _STAMP.sub(b"", shared) == _STAMP.sub(b"", alone)
    if command[:3] == ("export", "--format", "json"):  # (the same bytes: the sources cited by either half are listed, once each)
        sources = [source["name"] for source in json.loads(shared)["sources"]]
        assert len(sources) == len(set(sources)) > 3


@needs_fork
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "--output"])
@pytest.mark.parametrize("reviewed", [(), ("C-0002",), ("C-0020",), ("C-0002", "C-0020")],
                         ids=["none", "first half only", "last half only", "both halves"])
def test_claimreview_gives_the_same_bytes_with_a_worker(cli, db, tmp_path, monkeypatch, reviewed, to_file,
                                                         writes_in_two):
    """It leaves unverified claims out, so either half may give no review: the worker's reviews
    then open the list, or the first half's close it."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)  # (29 claims: the worker reviews C-0016 on)
    for claim_id in ("C-0002", "C-0003", "C-0009", "C-0020"):  # (the seed's contested claims: C-0003, 9, 20)
        status = "refuted" if claim_id in reviewed else "unverified"
        cli("assess", claim_id, status, "--note", "a <b> & c", ok=True)

    def run(name: str) -> tuple[bytes, str]:
        args = ("export", "--format", "claimreview", "--review-url", "https://desk.example/{id}/")
        if to_file:
            result = cli(*args, "--output", tmp_path / name, ok=True)
            return (tmp_path / name).read_bytes(), result.stderr.replace(name, "")
        result = cli(*args, ok=True)
        return result.stdout.encode("utf-8"), result.stderr

    shared = run("shared")
    assert writes_in_two and writes_in_two[-1] is not None  # the worker wrote its part
    first = 29 - int(29 * exporters._CLAIMREVIEW_SHARE)  # (the claims this process reviews: C-0001 to C-0015)
    assert json.loads(writes_in_two[-1][1]) == [sum(int(claim_id[2:]) > first for claim_id in reviewed)]  # (its count)
    monkeypatch.setenv("CLAIMS_WORKERS", "0")
    alone = run("alone")
    assert shared == alone
    assert [review["identifier"] for review in json.loads(shared[0])] == list(reviewed)
    count = len(reviewed)
    assert (f"Wrote {count} claim{'' if count == 1 else 's'} as claimreview (of 29 matching)" if to_file
            else f"({count} of 29 matching exported)") in shared[1]


@needs_fork
@pytest.mark.parametrize("where", ["first", "last"])
@pytest.mark.parametrize("command, fmt", [*((command, fmt) for command in ("export", "list")
                                             for fmt in ("csv", "json", "jsonl")), ("export", "claimreview")])
def test_a_damaged_line_on_either_side_is_named(cli, db, command, fmt, where, writes_in_two, forked):
    """A claim line that is not JSON, in this process's part or in the worker's: the export
    fails with the line named (the worker's failure makes this process read its part), and no
    output is written. (audit) In this process's part, "no output came back from a worker" was
    all that was checked, which no worker at all passed: now one was started, then stopped and
    reaped."""
    cli("import", "seeds/article-2025-12-07.json", ok=True)
    spoilt = db.read_bytes().split(b"\n")
    at = 2 if where == "first" else len(spoilt) - 3  # (the last line closes the document)
    assert spoilt[at].startswith(b'"') and b'"status":' in spoilt[at]
    spoilt[at] = spoilt[at].replace(b'"status":', b'"status" ', 1)
    db.write_bytes(b"\n".join(spoilt))
    order = ("--sort", "id") if command == "list" else ()  # (the file's order: its first claim first)
    result = cli(command, "--format", fmt, *order, ok=False)
    assert result.exit_code == 1 and f"is damaged: line {at + 1} holds" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert writes_in_two == ([] if where == "first" else [None])  # (first: the worker was stopped)
    assert len(forked.started) == 1, forked.started
    assert forked.stopped == (forked.started if where == "first" else [])  # (last: it failed, and was waited for)
    with pytest.raises(ChildProcessError):  # (reaped: no worker left behind, running or a zombie)
        os.waitpid(forked.started[0], os.WNOHANG)


@needs_fork
def test_the_workers_output_is_handed_on_in_whole_lines(monkeypatch):
    """Pieces of about _PIECE bytes, each cut after a line break (a piece is whole lines, and
    whole UTF-8 characters, for a stream that takes text), and a line longer than that whole."""
    monkeypatch.setattr(workers, "_PIECE", 16)

    def cyrillic(claims, first):
        return [("Покровськ " * (claim["n"] % 5) + f"{claim['n']}\n").encode("utf-8") for claim in claims], b""

    parts = workers.write_in_two(CLAIMS, cyrillic, min_claims=1)
    pieces = parts[1][0]
    assert len(pieces) > 3 and all(isinstance(piece, memoryview) for piece in pieces)
    assert all(bytes(piece).endswith(b"\n") for piece in pieces)
    assert "".join(str(piece, "utf-8") for pieces, _ in parts for piece in pieces) == \
        b"".join(cyrillic(CLAIMS, True)[0]).decode("utf-8")
