"""The production settings, with static files collected under ``bench/var``.

Everything else comes from ``newsroom.settings`` and the environment the
benchmark sets (DEBUG off, a throwaway secret key, its own database), so the
pages measured are the pages production serves; only the collected files live
apart, with the static-file "ceiling" page next to them, so a benchmark never
touches the ``staticfiles/`` folder of a working copy.
"""

from pathlib import Path

from newsroom.settings import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "var" / "static"
