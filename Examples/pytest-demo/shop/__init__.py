"""A tiny shop: prices, carts and discounts, to show Sieve at work."""
