"""The peer comparison's arithmetic and inputs (bench/versus.py, bench/peer.py):
nothing here times anything or installs the peer; what the bench computes
from its runs, and what it asks the peer for, is checked."""

from bench import peer, versus


def run(rps, cpu_ms, *, errors=0):
    return {"rps": rps, "p95": 1000 / rps, "cpu_ms": cpu_ms, "errors": errors}


def test_the_ratio_is_of_the_medians_of_interleaved_rounds():
    row = versus.summarise(
        {
            # One round disturbed on each side: the medians ignore it.
            "ours": [run(300, 6), run(90, 20), run(310, 6.2)],
            "peer": [run(100, 18), run(101, 18.2), run(20, 60)],
        }
    )

    assert row["ours"]["rps"] == 300
    assert row["peer"]["rps"] == 100
    assert row["ratio"] == 3.0
    assert round(row["cpu_ratio"], 2) == 0.34


def test_a_page_type_meets_the_target_only_with_both_speed_and_cpu():
    report = {
        "started": "2026-12-07T05:00:00+00:00",
        "articles": 10_073,
        "load_at_start": 0.2,
        "rounds": 3,
        "connections": 8,
        "seconds": 10,
        "template": "news-template",
        "modes": {
            "uncached": {
                "article": versus.summarise(
                    {"ours": [run(330, 5.5)], "peer": [run(100, 18)]}
                ),
                # Three times as many requests, but on more than a third of
                # the peer's CPU (the peer left cores idle): missed.
                "home": versus.summarise(
                    {"ours": [run(90, 12)], "peer": [run(30, 30)]}
                ),
                "search": versus.summarise(
                    {"ours": [run(40, 30)], "peer": [run(30, 30)]}
                ),
            }
        },
    }

    text = versus.render(report)
    verdicts = [line for line in text.splitlines() if line.startswith("| uncached")]

    assert len(verdicts) == 3
    assert verdicts[0].endswith("| met |")
    assert verdicts[1].endswith("| MISSED |")
    assert verdicts[2].endswith("| MISSED |")


def test_the_peer_searches_for_the_words_our_bench_searches_for(tmp_path):
    (tmp_path / "search.txt").write_text(
        "/search/?q=harvest\n/search/?q=night+train\n/search/?q=harvest&page=2\n"
    )

    assert versus.our_searches(tmp_path) == ["harvest", "night+train"]


def test_the_peer_runs_the_template_s_production_settings_with_a_local_cache():
    settings = peer.BENCH_SETTINGS

    assert "from .production import *" in settings
    assert "LocMemCache" in settings
    assert "DatabaseCache" not in settings
