"""Discount codes."""

CODES = {"WELCOME10": 0.10, "VIP25": 0.25}


def discount_for(code):
    return CODES.get(code.upper(), 0.0)


def apply_discount(amount, code):
    return round(amount * (1 - discount_for(code)), 2)
