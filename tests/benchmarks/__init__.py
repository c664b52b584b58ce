"""Benchmarks: run on demand (see the Makefile), never collected as tests."""
