"""Pure text logic: finding statements, attributing speakers, dating, stance.

Nothing in this package imports Django: it takes strings and returns dataclasses, so it
is fast to test and to benchmark.
"""
