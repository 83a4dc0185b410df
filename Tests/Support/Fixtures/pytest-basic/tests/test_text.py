import pytest

from app.text import shout, whisper


def test_shout():
    assert shout("hi") == "HI!"


@pytest.mark.parametrize("word", ["Ünïcode", "a[b]c", "x y"])
def test_whisper(word):
    assert whisper(word) == word.lower()
