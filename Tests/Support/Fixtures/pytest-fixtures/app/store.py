"""A pretend database that fixtures set up once per session."""


def configure():
    return {"debug": False}


def make_store():
    return {"users": ["ada", "grace"]}


def make_cache():
    return {}
