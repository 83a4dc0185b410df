"""Code under test."""


def double(x):
    return x * 2


def feature():
    return "off"
