"""The breaking-news benchmark's arithmetic (bench/breaking.py): nothing here
times anything; the figures it computes from wrk's output are checked."""

from bench import breaking


def wrk_run(requests, latency_us, *, status_errors=0, timeouts=0, seconds=10):
    """What bench.common.wrk returns for a run whose every request took
    ``latency_us``."""
    points = [i / 2 for i in range(1, 199)] + [99 + i / 10 for i in range(1, 10)]
    return {
        "requests": requests,
        "rps": requests / seconds,
        "errors": {"status": status_errors},
        "socket_errors": timeouts,
        "latency_ms": {p: latency_us / 1000 for p in ("p50", "p95", "p99")},
        "quantiles": [[p, latency_us] for p in [*points, 99.95, 99.99]],
    }


def test_merged_percentiles_weigh_each_class_by_its_requests():
    fast, slow = wrk_run(9_000, 1_000), wrk_run(1_000, 100_000)

    merged = breaking.merge([fast, slow])

    assert merged["requests"] == 10_000
    assert merged["rps"] == 1_000
    assert merged["latency_ms"] == {"p50": 1.0, "p95": 100.0, "p99": 100.0}


def test_errors_count_refusals_and_socket_errors_of_a_class_with_no_answer():
    answered = wrk_run(500, 2_000, status_errors=3)
    starved = wrk_run(0, 0, timeouts=12)

    merged = breaking.merge([answered, starved])

    assert merged["errors"] == 15
    assert merged["latency_ms"]["p99"] == 2.0


def test_a_write_never_seen_misses_the_freshness_target():
    report = {
        "calm": {"total": breaking.merge([wrk_run(1_000, 1_000)])},
        "breaking": {
            "total": breaking.merge([wrk_run(900, 2_000)]),
            "writes": [
                {"kind": "edit", "number": 1, "delays": {"home": 0.8, "article": 1.2}},
                {"kind": "edit", "number": 2, "delays": {"home": 0.9, "article": None}},
            ],
        },
        "cdn_seconds": 5,
    }

    verdicts = {
        target: verdict for target, _measured, verdict in breaking.targets(report)
    }

    assert verdicts["breaking throughput ≥ 50% of calm"] == "met"
    assert verdicts["0 errors"] == "met"
    freshness = next(v for t, v in verdicts.items() if t.startswith("every write"))
    assert freshness == "MISSED"
