import pytest

from app import store


@pytest.fixture(scope="session", autouse=True)
def settings():
    return store.configure()


@pytest.fixture(scope="session")
def database():
    return store.make_store()
