"""Prices and tax."""

TAX_RATE = 0.20


def with_tax(amount):
    return round(amount * (1 + TAX_RATE), 2)


def format_price(amount):
    return f"€{amount:,.2f}"
