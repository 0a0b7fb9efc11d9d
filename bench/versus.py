"""The newsroom against a peer, page type by page type: ``python -m bench.versus``.

Run by ``make bench`` when ``BENCH_PEER=wagtail`` (and alone by ``make
bench-peer``): Wagtail's news template (``bench.peer``) and the newsroom, at
the same article count (``BENCH_ARTICLES``, SQLite, the newsroom's bench
database), each served by the same gunicorn settings, driven by the same
wrk (``BENCH_PEER_CONNECTIONS``, 8, over 2 threads) for ``BENCH_SECONDS``
a run, in interleaved rounds (``BENCH_PEER_ROUNDS``, 3; the order flips
each round) so that a change in the machine's load falls on both. Per page
type (home, category, article, search) it prints the medians of requests a
second and of gunicorn's CPU milliseconds per request (from /proc), and
the ratios:

- **uncached**: every request rendered (our page cache off; the peer has
  none of its own: its template leaves caching to a CDN);
- **cached**: our page cache on, over a few hot pages, against the same
  peer, which renders every request still.

Targets (issue 16): uncached ≥ 3× the peer's requests a second and ≤ ⅓ of
its CPU per request on every page type. If the peer cannot be installed the
output says why and nothing else is measured.
"""

import datetime
import json
import os
import statistics
import urllib.parse

from bench import common
from bench.common import VAR, Config, env_int, probe, say, wrk
from bench.peer import Peer
from bench.server import Server

PAGES = ("home", "category", "article", "search")
TARGET_RATIO = 3.0


def main():
    config = Config()
    common.require_wrk()
    if os.environ.get("BENCH_PEER", "wagtail") != "wagtail":
        say(f"peer: {os.environ['BENCH_PEER']!r} is not one the bench knows (wagtail)")
        return
    rounds = env_int("BENCH_PEER_ROUNDS", 3)
    connections = env_int("BENCH_PEER_CONNECTIONS", 8)
    database = common.Database(
        "sqlite",
        f"sqlite:///{VAR / f'sqlite-{config.articles}.sqlite3'}",
        f"sqlite-{config.articles}",
    )
    say(f"\n== versus Wagtail's news template, {config.articles:,} articles")
    state = common.prepare(config, database)
    uncached = common.django_env(config, database, cache_seconds=0)
    cached = common.django_env(config, database)
    common.manage("collectstatic", "--noinput", "--verbosity", "0", env=uncached)
    ours = VAR / "urls" / database.key
    probe("urls", ours, env=uncached)

    peer = Peer(state["articles"])
    why = peer.install()
    if why:
        say(f"\nPEER NOT INSTALLED: {why}\n(no peer column: nothing compared)")
        return
    theirs = VAR / "urls" / f"peer-{state['articles']}"
    theirs.mkdir(parents=True, exist_ok=True)
    for page, paths in peer.paths(our_searches(ours)).items():
        (theirs / f"{page}.txt").write_text("\n".join(paths) + "\n")
    for folder in (ours, theirs):
        for page in PAGES:
            lines = (folder / f"{page}.txt").read_text().split()[: config.hot_urls]
            (folder / f"{page}.hot.txt").write_text("\n".join(lines) + "\n")

    load = os.getloadavg()[0]
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "articles": state["articles"],
        "load_at_start": round(load, 2),
        "rounds": rounds,
        "connections": connections,
        "seconds": config.seconds,
        "template": peer.template(),
        "modes": {},
    }
    for mode, env, hot in (("uncached", uncached, ""), ("cached", cached, ".hot")):
        say(f"  -- {mode} (load average {os.getloadavg()[0]:.1f})")
        with (
            Server(env, f"versus-ours-{mode}") as us,
            peer.server(f"versus-peer-{mode}") as them,
        ):
            sides = {"ours": (us, ours), "peer": (them, theirs)}
            rows = {}
            for page in PAGES:
                runs = {"ours": [], "peer": []}
                for server, folder in sides.values():
                    wrk(
                        server.url,
                        folder / f"{page}{hot}.txt",
                        seconds=3,
                        connections=connections,
                        threads=2,
                    )
                for number in range(rounds):
                    order = ("ours", "peer") if number % 2 == 0 else ("peer", "ours")
                    for name in order:
                        server, folder = sides[name]
                        server.settle()
                        runs[name].append(
                            measure(
                                server, folder / f"{page}{hot}.txt", config, connections
                            )
                        )
                rows[page] = summarise(runs)
                show(page, rows[page])
            report["modes"][mode] = rows
    text = render(report)
    say("\n" + text)
    results = VAR / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    (results / f"versus-{stamp}.md").write_text(text + "\n")
    (results / f"versus-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    say(f"Written to bench/var/results/versus-{stamp}.md and .json")


def our_searches(folder):
    """The words our bench searches for (``bench.probe``), for the peer's search."""
    words = []
    for line in (folder / "search.txt").read_text().split():
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(line).query)
        if "page" not in query and query.get("q"):
            words.append(urllib.parse.quote_plus(query["q"][0]))
    return words


def measure(server, paths, config, connections):
    before = server.cpu_seconds()
    result = wrk(
        server.url, paths, seconds=config.seconds, connections=connections, threads=2
    )
    spent = server.cpu_seconds() - before
    return {
        "rps": result["rps"],
        "p95": result["latency_ms"]["p95"],
        "cpu_ms": 1000 * spent / max(1, result["requests"]),
        "errors": result["errors"]["status"] + result["socket_errors"],
    }


def summarise(runs):
    row = {}
    for name, found in runs.items():
        row[name] = {
            key: statistics.median(run[key] for run in found)
            for key in ("rps", "p95", "cpu_ms")
        }
        row[name]["errors"] = sum(run["errors"] for run in found)
        row[name]["runs"] = found
    row["ratio"] = row["ours"]["rps"] / max(row["peer"]["rps"], 1e-9)
    row["cpu_ratio"] = row["ours"]["cpu_ms"] / max(row["peer"]["cpu_ms"], 1e-9)
    return row


def show(page, row):
    say(
        f"     {page:<9} ours {row['ours']['rps']:7.1f} req/s "
        f"{row['ours']['cpu_ms']:5.1f} ms CPU | peer {row['peer']['rps']:7.1f} req/s "
        f"{row['peer']['cpu_ms']:5.1f} ms CPU | {row['ratio']:.1f}x"
    )


def render(report):
    lines = [
        f"# Versus Wagtail's news template, {report['started']}",
        "",
        f"{report['articles']:,} articles each, SQLite; wrk {report['connections']} "
        f"connections, 2 threads, {report['seconds']} s a run, "
        f"{report['rounds']} interleaved rounds (medians); CPU is gunicorn's "
        f"(all workers) per request. Load average at the start "
        f"{report['load_at_start']}. Peer template: {report['template']}.",
    ]
    verdicts = []
    for mode, rows in report["modes"].items():
        lines += [
            "",
            f"## {mode}",
            "",
            "| page | ours req/s | peer req/s | ratio | ours CPU ms | peer CPU ms "
            "| CPU ratio | ours p95 | peer p95 | errors |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for page, row in rows.items():
            ours, peer = row["ours"], row["peer"]
            lines.append(
                f"| {page} | {ours['rps']:.0f} | {peer['rps']:.0f} | "
                f"{row['ratio']:.1f}× | {ours['cpu_ms']:.1f} | {peer['cpu_ms']:.1f} | "
                f"{row['cpu_ratio']:.2f} | {ours['p95']:.0f} | {peer['p95']:.0f} | "
                f"{ours['errors']} / {peer['errors']} |"
            )
            if mode == "uncached":
                met = (
                    row["ratio"] >= TARGET_RATIO
                    and row["cpu_ratio"] <= 1 / TARGET_RATIO
                )
                verdicts.append(
                    f"| uncached {page}: ≥ 3× the peer's req/s at ≤ ⅓ of its CPU "
                    f"| {row['ratio']:.1f}×, CPU {row['cpu_ratio']:.2f} "
                    f"| {'met' if met else 'MISSED'} |"
                )
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += verdicts
    return "\n".join(lines)


if __name__ == "__main__":
    main()
