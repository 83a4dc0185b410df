import pytest

from app.shapes import negate


@pytest.mark.parametrize("n", range(8))
def test_negate(n):
    assert negate(n) == 0 - n
