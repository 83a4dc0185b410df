import pytest

from app.shapes import double


@pytest.mark.parametrize("n", range(8))
def test_double(n):
    assert double(n) == 2 * n
