"""The benchmark and soak test: ``make bench``, ``make soak`` (docs/performance.md)."""
