def test_has_ada(database):
    assert "ada" in database["users"]


def test_plain():
    assert 1 + 1 == 2
