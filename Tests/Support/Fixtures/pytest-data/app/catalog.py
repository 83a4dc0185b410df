"""Prices come from a JSON file read at call time."""

import json
import os

PRICES = os.path.join(os.path.dirname(__file__), "prices.json")


def price(name):
    with open(PRICES, encoding="utf-8") as file:
        return json.load(file)[name]
