"""The JSON API for local authority case systems, described at /api/v1/openapi.json."""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Router
from ninja.openapi.schema import OpenAPISchema

from hub.api.apis import router as referrals_router
from hub.api.errors import ApiError, Problem, install_error_handlers
from hub.api.schemas import LetterIn


class HubApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        # The letter travels as a JSON part of a multipart body, which ninja does not
        # describe on its own: its schema is added here for the request body to refer to.
        letter = LetterIn.model_json_schema(ref_template="#/components/schemas/{model}")
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(letter.pop("$defs", {}))
        components["LetterIn"] = letter
        return schema


api = HubApi(
    title="Assessment Hub API",
    version="1.0.0",
    description=(
        "Submit court-instructed assessment referrals to the hub and follow their status. "
        "Authenticate with your authority's API token: `Authorization: Bearer <token>`. "
        'Every error is JSON: `{"errors": [{"code": ..., "field": ..., "message": ...}]}` with a 4xx status.'
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", referrals_router)

# Anything else under /api/v1/ answers in the API's error shape rather than as an HTML page.
_fallback = Router(auth=None)
_EVERY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@_fallback.api_operation(_EVERY_METHOD, "/{path:anything}", include_in_schema=False)
def nothing_here(request: HttpRequest, anything: str) -> None:
    raise ApiError(404, [Problem(code="not_found", message="There is nothing here")])


api.add_router("/", _fallback)
