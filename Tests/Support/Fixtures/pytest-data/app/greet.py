"""Greetings from a template file."""

from pathlib import Path

TEMPLATE = Path(__file__).parent / "templates" / "greeting.txt"


def greet(name):
    return TEMPLATE.read_text(encoding="utf-8").strip().format(name=name)
