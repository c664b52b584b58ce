"""Real triple stores for the scale-out tests and benchmarks, started and stopped here.

Oxigraph (``oxigraph serve``, from the test extras) and OpenLink Virtuoso (``virtuoso-t``,
Debian package ``virtuoso-opensource-7-bin``) each run in the foreground in a scratch
folder, on free ports of 127.0.0.1 only. Virtuoso gets a generated ``virtuoso.ini`` (HTTP and
SQL ports on loopback, ``DirsAllowed`` the scratch folder, ``ResultSetMaxRows`` well above the
graph size) and a fresh random ``dba`` password set with ``isql-vt``; its Graph Store
endpoint is the authenticated ``/sparql-graph-crud-auth`` (HTTP Digest). Virtuoso reads the
``[SPARQL]`` section of its ini on every request, so :func:`max_rows` can lower the row
limit of a running server.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.query.auth import Credentials

__all__ = [
    "MAX_ROWS",
    "RemoteStore",
    "free_port",
    "max_rows",
    "oxigraph",
    "tools",
    "virtuoso",
    "virtuoso_ini",
]

#: Far above the graph size (the real graph has ~9,000 triples; 100x synthetic ~900,000).
MAX_ROWS = 10_000_000


@dataclass(frozen=True)
class RemoteStore:
    """A running store: its SPARQL query endpoint, its Graph Store Protocol endpoint and
    the login the Graph Store endpoint needs (if any)."""

    name: str
    base: str
    query_url: str
    store_url: str
    folder: Path
    user: str | None = None
    password: str | None = None

    @property
    def auth(self) -> Credentials | None:
        return Credentials(self.user, self.password or "") if self.user else None

    def user_args(self) -> list[str]:
        """``--user NAME`` for ``kg load`` (the password goes in ``KG_PASSWORD``)."""
        return ["--user", self.user] if self.user else []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"the store exited with code {process.returncode}:\n{tail}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the store at {url} did not answer within {seconds} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


@contextlib.contextmanager
def oxigraph(folder: Path) -> Iterator[RemoteStore]:
    """``oxigraph serve`` on a free loopback port, data in ``folder``."""
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        raise RuntimeError("the oxigraph CLI comes with the test extras (pip install -e '.[test]')")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/query?query=ASK%7B%7D", process, log)
        yield RemoteStore("oxigraph", base, f"{base}/query", f"{base}/store", folder)
    finally:
        _stop(process)


def virtuoso_ini(
    folder: Path, http_port: int, sql_port: int, *, rows: int = MAX_ROWS, buffers: int = 20_000
) -> str:
    """The essentials of a ``virtuoso.ini`` for a scratch server in ``folder``.

    ``buffers`` are 8 KB pages of cache (20,000: 160 MB).
    """
    return f"""\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DirsAllowed        = ., {folder}
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {buffers * 3 // 4}
CheckpointInterval = 0

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}
MaxClientConnections = 4
ServerThreads        = 4

[SPARQL]
ResultSetMaxRows      = {rows}
MaxQueryExecutionTime = 300
"""


@contextlib.contextmanager
def virtuoso(
    binary: str, isql: str, folder: Path, *, buffers: int = 20_000
) -> Iterator[RemoteStore]:
    """``virtuoso-t`` in the foreground with a generated ini in ``folder``; the ``dba``
    password is set to a fresh random one."""
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(folder, http_port, sql_port, buffers=buffers), encoding="utf-8")
    log = folder / "virtuoso.out"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait(f"{base}/sparql?query=ASK%7B%7D", process, log)
        password = secrets.token_hex(12)
        done = subprocess.run(
            [
                isql,
                f"127.0.0.1:{sql_port}",
                "dba",
                "dba",
                f"exec=USER_SET_PASSWORD('dba', '{password}');",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise RuntimeError(
                f"isql-vt could not set the dba password:\n{done.stdout}{done.stderr}"
            )
        yield RemoteStore(
            "virtuoso",
            base,
            f"{base}/sparql",
            f"{base}/sparql-graph-crud-auth",
            folder,
            user="dba",
            password=password,
        )
    finally:
        _stop(process)


@contextlib.contextmanager
def max_rows(store: RemoteStore, rows: int) -> Iterator[None]:
    """Lower Virtuoso's ``ResultSetMaxRows`` for the duration (it rereads its ini)."""
    ini = store.folder / "virtuoso.ini"
    saved = ini.read_text(encoding="utf-8")
    ini.write_text(
        re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", f"ResultSetMaxRows      = {rows}", saved),
        encoding="utf-8",
    )
    try:
        yield
    finally:
        ini.write_text(saved, encoding="utf-8")


def tools() -> tuple[str | None, str | None]:
    """The paths of ``virtuoso-t`` and ``isql-vt``, or ``None`` where missing."""
    return shutil.which("virtuoso-t"), shutil.which("isql-vt")
