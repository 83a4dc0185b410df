import pytest

from app.shapes import square


@pytest.mark.parametrize("n", range(8))
def test_square(n):
    assert square(n) == n ** 2
