import pytest

from app.shapes import cube


@pytest.mark.parametrize("n", range(8))
def test_cube(n):
    assert cube(n) == n ** 3
