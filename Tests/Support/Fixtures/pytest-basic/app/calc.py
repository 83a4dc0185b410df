"""Arithmetic."""

from app.config import LIMIT


def add(a, b):
    # Adds two numbers.
    return a + b


def multiply(a, b):
    return a * b


def clamp(value):
    return min(value, LIMIT)
