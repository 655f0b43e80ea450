"""The API site: one NinjaAPI at /api/v1/ with its error shape and routers (the endpoints are in apis.py).

Described at /api/v1/openapi.json.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Router
from ninja.openapi.schema import OpenAPISchema

from hub.api.apis import router as referrals_router
from hub.api.errors import ApiError, Problem, install_error_handlers
from hub.api.reports import router as reports_router
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

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        # ninja answers a method a path does not have with a bare text page, outside
        # the exception handlers; each view is wrapped to give the API's error shape.
        # (_get_urls is ninja's own hook for building the URL list; ninja is pinned.)
        return [
            URLPattern(p.pattern, self._json_405(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in super()._get_urls()
        ]

    def _json_405(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)  # keeps csrf_exempt: the API authenticates by token, not by cookie
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if response.status_code != 405 or response.get("Content-Type", "").startswith("application/json"):
                return response
            allowed = response.get("Allow", "")
            answer = self.create_response(
                request,
                {
                    "errors": [
                        {"code": "method_not_allowed", "field": None, "message": f"This address answers only {allowed}"}
                    ]
                },
                status=405,
            )
            answer["Allow"] = allowed
            return answer

        return wrapped


api = HubApi(
    title="Assessment Hub API",
    version="1.0.0",
    description=(
        "Submit court-instructed assessment referrals to the hub and follow their status. "
        "Authenticate with your authority's API token: `Authorization: Bearer <token>`. "
        'Every error is JSON: `{"errors": [{"code": ..., "field": ..., "message": ...}]}` with a 4xx status.'
    ),
    urls_namespace="api",
    # No interactive docs page: ninja's loads Swagger UI from a public CDN, which the
    # service's Content Security Policy forbids. The OpenAPI document is the contract.
    docs_url=None,
)
install_error_handlers(api)
api.add_router("/", referrals_router)
api.add_router("/", reports_router)

# Anything else under /api/v1/ answers in the API's error shape rather than as an HTML page.
_fallback = Router(auth=None)


@_fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:anything}", include_in_schema=False)
def nothing_here(request: HttpRequest, anything: str) -> None:
    raise ApiError(404, [Problem(code="not_found", message="There is nothing here")])


api.add_router("/", _fallback)
