from app.catalog import price


def test_apple_price():
    assert price("apple") == 1.5


def test_pear_price():
    assert price("pear") == 2.0
