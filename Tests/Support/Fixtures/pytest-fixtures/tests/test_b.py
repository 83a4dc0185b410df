import pytest

from app import store


@pytest.fixture(scope="module")
def cache():
    return store.make_cache()


def test_has_grace(database):
    assert "grace" in database["users"]


def test_cache_starts_empty(cache):
    assert cache == {}


def test_cache_still_empty(cache):
    assert len(cache) == 0
