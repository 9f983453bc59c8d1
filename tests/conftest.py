"""Shared fixtures: every test gets its own database file and a fixed analyst; nothing touches
the real user data directory. `cli` runs the real Typer app in-process (CliRunner);
`run_claims` starts a real `python -m claims_cli` process."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from claims_cli.cli import app

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    db = tmp_path / "claims.json"
    monkeypatch.setenv("CLAIMS_DB", str(db))
    monkeypatch.setenv("CLAIMS_ANALYST", "tester")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("CLAIMS_DEBUG", raising=False)
    monkeypatch.delenv("CLAIMS_LOCK_TIMEOUT", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    yield db
    if not gc.isenabled():
        # A command stopped by a damaged claim part-way through a listing leaves the listing's
        # generator, which pauses the collector (collector.paused), in a cycle with the traceback:
        # a real process exits there; this one collects it, which ends the pause.
        gc.collect()


@pytest.fixture
def db(isolated_env) -> Path:
    return isolated_env


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None

    def json(self):
        return json.loads(self.stdout)


# Typer rebuilds the whole Click command tree on every CliRunner.invoke (~30 ms, most of an
# in-process run); build it once and hand the runner that, as a real process would have it.
COMMAND = typer.main.get_command(app)


@pytest.fixture
def cli(monkeypatch):
    """cli('add', 'text', '--source', 'X') -> Result; raises if the command crashed."""
    runner = CliRunner()
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: COMMAND)

    def invoke(*args: str, input: str | bytes | None = None, ok: bool | None = None) -> Result:
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        outcome = Result(result.exit_code, result.stdout, result.stderr, result.exception)
        if ok is True:
            assert outcome.exit_code == 0, (outcome.stdout, outcome.stderr)
        if ok is False:
            assert outcome.exit_code != 0, (outcome.stdout, outcome.stderr)
        return outcome

    return invoke


@pytest.fixture
def run_claims():
    """Start a real process: run_claims('list', '--format', 'json') -> CompletedProcess."""

    def run(*args: str, input: bytes | str | None = None, env: dict | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess:
        full_env = {**os.environ, **(env or {})}
        data = input.encode() if isinstance(input, str) else input
        return subprocess.run([sys.executable, "-m", "claims_cli", *map(str, args)], input=data,
                              capture_output=True, env=full_env, timeout=timeout, cwd=REPO)

    return run
