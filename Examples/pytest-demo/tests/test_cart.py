import pytest

from shop.cart import Cart


@pytest.fixture
def cart():
    cart = Cart()
    cart.add("apple", 0.5, quantity=4)
    cart.add("bread", 2.0)
    return cart


def test_subtotal(cart):
    assert cart.subtotal() == 4.0


def test_total(cart):
    assert cart.total() == 4.8


def test_empty_cart():
    assert Cart().subtotal() == 0
