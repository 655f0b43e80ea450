"""Bearer tokens: each belongs to one organisation and acts as one of its referrers."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from hub.accounts.models import ApiToken, Role
from hub.api import services
from hub.api.errors import ApiError, Problem

# Tokens we issue are about 50 characters; anything far longer is not one of ours.
_LONGEST_TOKEN = 200


class ApiTokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> ApiToken | None:
        # ninja's own HttpBearer logs a malformed header in DEBUG, token and all:
        # tokens never go in the logs, so the header is parsed here instead.
        value = request.headers.get(self.header, "")
        scheme, _, raw = value.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token or len(token) > _LONGEST_TOKEN:
            return None
        api_token = ApiToken.find_active(token)
        if api_token is None:
            return None
        services.api_token_mark_used(token=api_token)
        # The access log and the services record who did what: the token's acting user.
        request.user = api_token.acting_user
        return api_token


def local_authority_token(request: HttpRequest) -> ApiToken:
    """The request's token, provided it speaks for a local authority through one of its referrers."""
    token = request.auth  # type: ignore[attr-defined]
    assert isinstance(token, ApiToken)
    acting_user = token.acting_user
    if not token.organisation.is_local_authority:
        raise ApiError(
            403,
            [Problem(code="not_a_local_authority", message="Only a local authority's token can use referrals")],
        )
    if acting_user.role != Role.REFERRER or acting_user.organisation_id != token.organisation_id:
        raise ApiError(
            403,
            [
                Problem(
                    code="token_misconfigured",
                    message="This token does not act as a referrer of its authority: ask the hub to issue a new one",
                )
            ],
        )
    return token
