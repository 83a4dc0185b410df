# app.config was already imported by test_calc.py when this module is collected, so its
# top-level code does not run again here: Sieve must still link these tests to it.
from app import config


def test_limit_is_positive():
    assert config.LIMIT > 0


def test_limit_is_small():
    assert config.LIMIT <= 10
