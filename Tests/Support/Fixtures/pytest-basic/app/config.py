"""Settings read at import time by other modules."""

LIMIT = 10
GREETING = "hello"
