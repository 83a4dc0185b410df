import pytest

from app.shapes import halve


@pytest.mark.parametrize("n", range(8))
def test_halve(n):
    assert halve(n) * 2 == n
