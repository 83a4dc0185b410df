import json
import pathlib

import pytest

from app.flags import SIZES
from app.shapes import double

CASES = json.loads((pathlib.Path(__file__).parent / "cases.json").read_text())


@pytest.mark.parametrize("size", SIZES)
def test_size_is_small(size):
    assert size < 4


@pytest.mark.parametrize("value,expected", CASES)
def test_double(value, expected):
    assert double(value) == expected
