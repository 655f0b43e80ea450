"""The JSON API for local authority case systems, described at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Assessment Hub API",
    version="1.0.0",
    description="Submit court-instructed assessment referrals to the hub and follow their status.",
    urls_namespace="api",
)
