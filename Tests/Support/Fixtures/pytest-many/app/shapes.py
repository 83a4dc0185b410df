"""Small functions, one per test module, so that an edit affects a known group of tests."""


def square(n):
    return n * n


def cube(n):
    return n * n * n


def double(n):
    return n + n


def negate(n):
    return -n


def halve(n):
    return n / 2


def succ(n):
    return n + 1
