import pytest

from shop.discounts import apply_discount, discount_for


@pytest.mark.parametrize("code, rate", [("welcome10", 0.10), ("VIP25", 0.25), ("nope", 0.0)])
def test_discount_for(code, rate):
    assert discount_for(code) == rate


def test_apply_discount():
    assert apply_discount(100, "VIP25") == 75.0
