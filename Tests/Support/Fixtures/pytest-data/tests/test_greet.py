from app.greet import greet


def test_greeting():
    assert greet("Ada") == "Hello, Ada!"
