from app.calc import add, clamp, multiply


def test_add():
    assert add(2, 3) == 5


def test_multiply():
    assert multiply(2, 3) == 6


def test_clamp():
    assert clamp(50) == 10
