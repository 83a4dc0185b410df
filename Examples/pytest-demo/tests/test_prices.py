from shop.prices import format_price, with_tax


def test_with_tax():
    assert with_tax(10) == 12.0


def test_format_price():
    assert format_price(1234.5) == "€1,234.50"
