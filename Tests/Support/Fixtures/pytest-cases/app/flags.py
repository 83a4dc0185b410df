"""Switches and values that tests read at import time, in marks and parameter lists."""

FEATURE_ENABLED = False
BUG_PRESENT = True
SIZES = [1, 2, 3]
