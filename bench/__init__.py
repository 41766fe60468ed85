"""Benchmarks: ``make bench`` (python -m bench). Figures go to docs/performance.md."""
