import pytest
from rest_framework.test import APIClient

from api import tokens


@pytest.fixture
def token_for():
    """`token_for(user, read_only=False)` makes a token of the user and returns the token itself."""

    def make(user, *, read_only: bool = False, days: int = 30) -> str:
        return tokens.create_token(user=user, name=f"ทดสอบ {user.username}", days=days, read_only=read_only)[1]

    return make


@pytest.fixture
def api_as(token_for):
    """`api_as(user)`: a client whose every request carries a fresh read-write token of the user."""

    def client(user, *, read_only: bool = False) -> APIClient:
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user, read_only=read_only)}")
        return api

    return client
