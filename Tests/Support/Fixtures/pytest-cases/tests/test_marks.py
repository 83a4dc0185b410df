import pytest

from app import flags
from app.shapes import double, feature


@pytest.mark.xfail(strict=True, reason="double is not triple")
def test_double_is_not_triple():
    assert double(2) == 6


@pytest.mark.xfail(flags.BUG_PRESENT, strict=True, reason="the bug flag says so")
def test_bug_flag():
    assert double(1) == 3


@pytest.mark.skipif(not flags.FEATURE_ENABLED, reason="feature disabled")
def test_feature():
    assert feature() == "on"


def test_skips_itself():
    if not flags.FEATURE_ENABLED:
        pytest.skip("feature disabled")
    assert feature() == "on"
