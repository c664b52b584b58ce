"""Load benchmark of ``kg serve`` against ``oxigraph serve`` on the same data, in the same run.

Builds the real data (or takes ``--out``), starts ``kg serve`` as its own process,
``oxigraph serve`` on a copy of the same store (RocksDB on disk) and, since the query workers
of ``kg serve`` query a copy of the store in memory, a second ``oxigraph serve`` with the same
quads in memory; drives them with ``wrk`` (the same settings for all) at 64 and 256
connections:

- a cached query (the same URL every time): errors, requests/s, p50 and p99 latency
  (target: 0 errors and p99 under 200 ms on a 2-core machine);
- uncached queries (every request differs by a comment, so no cache can answer): the
  throughput ratio to Oxigraph, on disk and in memory (target: at least 0.9);
- a cached resource page (``/id/place/jp-niigata`` as HTML, requested once before; Oxigraph
  answers the DESCRIBE of the same IRI) (target: at least 2,000 requests/s);
- a soak: a mix of cached and uncached queries and pages for ``--minutes`` (default 1),
  the resident memory of the server and its workers sampled after a warm-up and at the end
  (target: within 10%);
- after stopping the server: no worker process left.

Run: ``python -m tests.benchmarks.bench_load [--minutes 10] [--seconds 10] [--out build]``.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.stores import RemoteStore, free_port, oxigraph

__all__ = ["Run", "main", "wrk"]

QUERY = (
    "PREFIX rujp: <https://w3id.org/rujp/ontology#> "
    "SELECT ?a ?jp ?ru WHERE { ?a rujp:japaneseParty ?jp ; rujp:russianParty ?ru } "
    "ORDER BY ?a"
)
PLACE = "https://w3id.org/rujp/id/place/jp-niigata"
RESULTS = "application/sparql-results+json"
HTML = "text/html"
_UNCACHED = """
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  counter = 0
end
request = function()
  counter = counter + 1
  return wrk.format(nil, "{prefix}" .. "%20%23" .. id .. "-" .. counter)
end
"""
_MIX = """
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  counter = 0
end
request = function()
  counter = counter + 1
  local kind = counter % 4
  if kind == 0 then
    return wrk.format(nil, "{prefix}" .. "%20%23" .. id .. "-" .. counter)
  elseif kind == 1 then
    return wrk.format(nil, "{prefix}")
  else
    return wrk.format(nil, "{page}", {{["Accept"] = "text/html"}})
  end
end
"""


@dataclass(frozen=True)
class Run:
    """One wrk run: requests/s, latency percentiles (ms) and failed requests."""

    rate: float
    p50: float
    p99: float
    errors: int
    requests: int
    detail: str = ""


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(
    url: str, connections: int, seconds: int, *, script: str | None = None, accept: str = RESULTS
) -> Run:
    """Drive ``url`` with wrk (2 threads) and parse its report."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    argv = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
        "-H",
        f"Accept: {accept}",
    ]
    if script:
        argv += ["-s", lua.name]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    Path(lua.name).unlink()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
    sockets = re.search(r"Socket errors: (.*)", out)
    detail = ", ".join(
        filter(None, [sockets.group(1) if sockets else "", non2xx.group(0) if non2xx else ""])
    )
    return Run(rate, _ms(latency["50"]), _ms(latency["99"]), errors, requests, detail)


def _rss_kb(pid: int) -> int:
    """Resident memory of a process and its children, in KB."""
    total = 0
    pids = [pid, *_children(pid)]
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(found.group(1)) if found else 0
    return total


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead and waiting to be reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def oxigraph_in_memory(store: Path) -> Iterator[str]:
    """``oxigraph serve`` without a location (data in memory), given the quads of ``store``."""
    import pyoxigraph as ox

    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/query?query=ASK%7B%7D")
        quads = ox.Store.read_only(str(store)).dump(format=ox.RdfFormat.N_QUADS)
        load = urllib.request.Request(
            f"{base}/store", data=quads, headers={"Content-Type": "application/n-quads"}
        )
        urllib.request.urlopen(load, timeout=120).read()
        yield base
    finally:
        process.terminate()
        process.wait(20)


@contextmanager
def kg_serve(store: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``kg serve`` as its own process on a free port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{base}/sparql?query=ASK%7B%7D")
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(30)


def _line(name: str, run: Run) -> str:
    return (
        f"{name:<44} {run.rate:>9.0f} req/s  p50 {run.p50:>7.1f} ms  p99 {run.p99:>7.1f} ms"
        f"  errors {run.errors}/{run.requests}" + (f" ({run.detail})" if run.detail else "")
    )


def _good(run: Run) -> float:
    """Requests/s that were answered 2xx or 3xx."""
    return run.rate * (run.requests - run.errors) / max(1, run.requests)


def _compare(kg: str, ox: str, memory: str, connections: int, seconds: int) -> None:
    """Cached query, uncached queries and cached page, kg serve next to Oxigraph (``ox`` on
    disk, ``memory`` in memory)."""
    query = urllib.parse.quote(QUERY)
    describe = urllib.parse.quote(f"DESCRIBE <{PLACE}>")
    page = PLACE.removeprefix("https://w3id.org/rujp")
    kg_prefix, ox_prefix = f"/sparql?query={query}", f"/query?query={query}"
    print(f"--- {connections} connections, {seconds} s each")
    print(_line("kg serve: cached query", wrk(kg + kg_prefix, connections, seconds)))
    print(_line("oxigraph: same query", wrk(ox + ox_prefix, connections, seconds)))
    run = f"%20%23c{connections}"  # no query of an earlier run comes back
    mine = wrk(kg, connections, seconds, script=_UNCACHED.replace("{prefix}", kg_prefix + run))
    theirs = wrk(ox, connections, seconds, script=_UNCACHED.replace("{prefix}", ox_prefix + run))
    memory_prefix = f"/query?query={query}{run}"
    in_memory = wrk(
        memory, connections, seconds, script=_UNCACHED.replace("{prefix}", memory_prefix)
    )
    print(_line("kg serve: uncached queries", mine))
    print(_line("oxigraph: the same uncached queries", theirs))
    print(_line("oxigraph, data in memory: the same", in_memory))
    ratio = _good(mine) / max(_good(theirs), 1e-9)
    print(f"{'uncached answered/s ratio kg/oxigraph':<44} {ratio:>9.2f}")
    ratio = _good(mine) / max(_good(in_memory), 1e-9)
    print(f"{'the same, kg/oxigraph in memory':<44} {ratio:>9.2f}")
    print(_line("kg serve: cached page (HTML)", wrk(kg + page, connections, seconds, accept=HTML)))
    theirs = wrk(f"{ox}/query?query={describe}", connections, seconds, accept="text/turtle")
    print(_line("oxigraph: DESCRIBE of the same IRI", theirs))


def _soak(kg: str, pid: int, minutes: float) -> None:
    """A mixed load for ``minutes``; resident memory after a warm-up and at the end."""
    prefix = f"/sparql?query={urllib.parse.quote(QUERY)}"
    page = PLACE.removeprefix("https://w3id.org/rujp")
    mix = _MIX.replace("{prefix}", prefix).replace("{page}", page)
    mix = mix.replace("{{", "{").replace("}}", "}")
    wrk(kg, 64, 60, script=mix)  # warm-up: the caches fill towards their bounds
    start = _rss_kb(pid)
    soak = wrk(kg, 64, int(minutes * 60), script=mix)
    end = _rss_kb(pid)
    print(_line(f"soak {minutes:g} min, mixed, 64 connections", soak))
    print(
        f"{'RSS server + workers: start -> end':<44} {start / 1024:.0f} MB -> "
        f"{end / 1024:.0f} MB ({(end - start) / start:+.1%})"
    )


def _warm_up(kg: str, ox: RemoteStore, memory: str) -> None:
    """The query once on each server, the page once on ``kg serve`` (rendered and cached)."""
    wrk(kg + f"/sparql?query={urllib.parse.quote(QUERY)}", 8, 2)
    for base in (ox.base, memory):
        urllib.request.urlopen(f"{base}/query?query={urllib.parse.quote(QUERY)}").read()
    page = urllib.request.Request(kg + PLACE.removeprefix("https://w3id.org/rujp"))
    page.add_header("Accept", HTML)
    urllib.request.urlopen(page, timeout=60).read()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="a built output folder")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--minutes", type=float, default=1.0, help="minutes of soak")
    parser.add_argument(
        "--connections",
        default="64,256",
        help="connection counts of the comparison runs ('' runs the soak only)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out
        if out is None:
            from kg.paths import data_dir, ontology_dir
            from kg.pipeline import build

            out = Path(tmp) / "build"
            build(data_dir(), ontology_dir(), out)
        folder = Path(tmp) / "oxigraph"
        folder.mkdir()
        shutil.copytree(out / "store", folder / "db")
        with (
            oxigraph(folder) as ox,
            oxigraph_in_memory(out / "store") as memory,
            kg_serve(out / "store") as (kg, process),
        ):
            _warm_up(kg, ox, memory)
            for connections in (int(c) for c in args.connections.split(",") if c):
                _compare(kg, ox.base, memory, connections, args.seconds)
            _soak(kg, process.pid, args.minutes)
            workers = _children(process.pid)
        time.sleep(1)
        left = [pid for pid in workers if _alive(pid)]
        print(f"{'processes of kg serve left after stop':<44} {len(left)} (of {len(workers)})")
        for pid in left:
            with contextlib.suppress(OSError):
                print("  left:", Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" "))


if __name__ == "__main__":
    main()
