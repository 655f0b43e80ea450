"""Every error the API gives is the same JSON shape with a 4xx status.

`{"errors": [{"code": ..., "field": ..., "message": ...}]}`. Case systems act on
`code` and `field`; people read `message`. Anything the API did not expect is
logged (without the values sent, which may name a child) and answered as a
request the hub could not process, never as a bare 500 page.
"""

import logging
import traceback
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Problem:
    code: str
    field: str | None = None
    message: str


class ApiError(Exception):
    """Raised anywhere in the API to answer with these problems and this status."""

    def __init__(self, status: int, problems: Sequence[Problem], *, headers: dict[str, str] | None = None) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.status = status
        self.problems = list(problems)
        self.headers = headers or {}


def field_path(loc: Iterable[object], *, root: str = "") -> str:
    """('children', 0, 'date_of_birth') -> 'letter.children[0].date_of_birth' with root 'letter'."""
    path = root
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _respond(api: NinjaAPI, request: HttpRequest, status: int, problems: Sequence[Problem]) -> HttpResponse:
    body = {"errors": [asdict(problem) for problem in problems]}
    return api.create_response(request, body, status=status)


def _validation_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors:
        # ninja puts where the value came from first: ("query", "page"), ("path", "reference").
        loc = list(error.get("loc", ()))
        if loc and loc[0] in {"query", "path", "body", "form", "header", "cookie", "file"}:
            loc = loc[1:]
        problems.append(
            Problem(code=str(error.get("type", "invalid")), message=str(error.get("msg", "")), field=field_path(loc))
        )
    return problems or [Problem(code="invalid", message="The request is not valid")]


# The statuses each kind of operation can answer with, for the OpenAPI document.
READ_ERRORS = frozenset({400, 401, 403, 404, 422})
SUBMIT_ERRORS = frozenset({400, 401, 403, 413, 415, 422, 503})


def _unexpected(request: HttpRequest, exc: Exception) -> tuple[int, Problem]:
    incident = uuid.uuid4().hex[:12]
    # Where it broke, by file and line: the exception's text, and even the source
    # lines, may quote what was sent (a child's name), so neither is logged.
    frames = "\n".join(
        f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in traceback.extract_tb(exc.__traceback__)
    )
    logger.error(
        "API %s %s failed with %s (incident %s)\n%s",
        request.method,
        request.path,
        type(exc).__name__,
        incident,
        frames,
    )
    if isinstance(exc, OperationalError | InterfaceError):
        return 503, Problem(
            code="unavailable",
            message=f"The hub cannot take requests just now: try again later (incident {incident})",
        )
    return 400, Problem(
        code="not_processed",
        message=f"The hub could not process this request. Nothing was stored (incident {incident})",
    )


def _answer(request: HttpRequest, exc: Exception) -> tuple[int, list[Problem]]:
    """The status and problems for any exception raised while answering an API request."""
    if isinstance(exc, ApiError):
        return exc.status, exc.problems
    if isinstance(exc, ValidationError):
        return 422, _validation_problems(exc)
    if isinstance(exc, AuthenticationError):
        return 401, [
            Problem(
                code="unauthorised",
                message="Send a current API token of your organisation as 'Authorization: Bearer <token>'",
            )
        ]
    if isinstance(exc, AuthorizationError | PermissionDenied):
        return 403, [Problem(code="forbidden", message=str(exc) or "This token may not do that")]
    if isinstance(exc, HttpError):
        status = exc.status_code if 400 <= exc.status_code < 500 else 400
        return status, [Problem(code=f"http_{status}", message=str(exc))]
    if isinstance(exc, Http404):
        return 404, [Problem(code="not_found", message="There is nothing here")]
    if isinstance(exc, RequestDataTooBig):
        return 413, [Problem(code="too_large", message="The request's fields are too large: send the letter as a file")]
    if isinstance(exc, BadRequest | SuspiciousOperation | MultiPartParserError | UnreadablePostError):
        return 400, [
            Problem(code="malformed_request", message="The request body could not be read as multipart form data")
        ]
    status, problem = _unexpected(request, exc)
    return status, [problem]


_HANDLED = (
    ApiError,
    ValidationError,
    AuthenticationError,
    AuthorizationError,
    PermissionDenied,
    HttpError,
    Http404,
    RequestDataTooBig,
    BadRequest,
    SuspiciousOperation,
    MultiPartParserError,
    UnreadablePostError,
    Exception,
)


def install_error_handlers(api: NinjaAPI) -> None:
    """Replace ninja's handlers (each its own shape) so that every answer has the one error shape."""

    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        status, problems = _answer(request, exc)
        response = _respond(api, request, status, problems)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="assessment-hub"'
        for name, value in getattr(exc, "headers", {}).items():
            response[name] = value
        return response

    # ninja looks handlers up by the exception's class and its bases, nearest
    # first: every class it has a default for is claimed here.
    for exc_class in _HANDLED:
        api.add_exception_handler(exc_class, handle)
