import pytest

from app.shapes import succ


@pytest.mark.parametrize("n", range(8))
def test_succ(n):
    assert succ(n) - 1 == n
