"""The people in the load test (run by bench/load_locust.py, which sets LOAD_ACCOUNTS and LOAD_BUNDLE)."""

from __future__ import annotations

import http.cookiejar
import itertools
import json
import os
import random
import re
import threading
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

ACCOUNTS: dict[str, Any] = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())
BUNDLE = Path(os.environ["LOAD_BUNDLE"]).read_bytes()
_lock = threading.Lock()
_managers = iter(ACCOUNTS["managers"])
_referrers = iter(ACCOUNTS["referrers"])
_tokens = itertools.cycle(ACCOUNTS["tokens"])


def _send_secure_cookies_over_loopback(self: Any, cookie: http.cookiejar.Cookie, request: Any) -> bool:
    return True


# Production cookies are Secure. A TLS-terminating proxy in front of the hub would
# carry them; on plain-http loopback the load clients carry them themselves. This is
# patched on the policy class because requests copies each session's cookies into a
# fresh jar with the default policy for every request. It affects this process only.
http.cookiejar.DefaultCookiePolicy.return_ok_secure = _send_secure_cookies_over_loopback  # type: ignore[method-assign]


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _csrf(html: str) -> str:
    found = _CSRF.search(html)
    return found.group(1) if found else ""


class _SignedIn(HttpUser):
    abstract = True
    pool: Any = None

    def on_start(self) -> None:
        with _lock:
            self.account = next(self.pool)
        page = self.client.get("/accounts/sign-in/", name="sign in (page)")
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "username": self.account["username"],
                "password": ACCOUNTS["password"],
                "csrfmiddlewaretoken": _csrf(page.text),
            },
            name="sign in (password)",
            catch_response=True,
        ) as code_page:
            if "/sign-in/code/" not in code_page.url:
                code_page.failure(f"{code_page.status_code} at {code_page.url}: {code_page.text[:400]}")
                return
        with self.client.post(
            "/accounts/sign-in/code/",
            data={"code": self.account["code"], "csrfmiddlewaretoken": _csrf(code_page.text)},
            name="sign in (second factor)",
            catch_response=True,
        ) as response:
            if "/sign-in" in response.url:
                response.failure(f"still at {response.url} after the second factor")

    def page(self, url: str, name: str) -> None:
        # A page that bounced to the sign-in page is a failure, not a fast 200.
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/accounts/sign-in" in response.url:
                response.failure("sent to the sign-in page")


class ServiceManager(_SignedIn):
    weight = 10
    wait_time = between(1, 3)

    pool = _managers

    @task(4)
    def triage_queue(self) -> None:
        self.page("/referrals/triage/", "/referrals/triage/")

    @task(6)
    def referral(self) -> None:
        pk = random.choice(ACCOUNTS["submitted"])
        self.page(f"/referrals/{pk}/", "/referrals/[id]/")

    @task(2)
    def all_referrals(self) -> None:
        self.page("/referrals/", "/referrals/")

    @task(1)
    def timeline(self) -> None:
        self.page("/timescales/", "/timescales/")

    @task(1)
    def allocation(self) -> None:
        self.page("/allocation/", "/allocation/")


class Referrer(_SignedIn):
    weight = 36
    wait_time = between(1, 3)

    pool = _referrers

    @task(3)
    def my_referrals(self) -> None:
        self.page("/referrals/", "/referrals/")

    @task(5)
    def referral(self) -> None:
        visible = ACCOUNTS["visible"][str(self.account["organisation"])]
        if visible:
            pk = random.choice(visible)
            self.page(f"/referrals/{pk}/", "/referrals/[id]/")


def _letter() -> dict[str, Any]:
    return {
        "court": ACCOUNTS["court"],
        "case_number": f"LV26C{random.randint(10000, 99999)}",
        "judge": "HHJ Example",
        "permission_order_date": "2026-10-01",
        "eligibility_agreed_by_judge": True,
        "proceedings_issued_on": "2026-08-17",
        "filing_date": "2027-01-15",
        "irh_date": "2027-01-29",
        "final_hearing_date": "2027-03-01",
        "children": [
            {
                "full_name": "Child Loadtest",
                "date_of_birth": "2021-04-02",
                "sex": "female",
                "ethnicity": "White British",
                "first_language": "English",
            }
        ],
        "adults": [
            {"full_name": "Parent Loadtest", "relationships": [{"child": 0, "relationship": "mother"}]},
        ],
        "assessment_types": ["parenting"],
        "referral_reason": "disagreement",
        "questions": ["Can the parent meet the child's needs?"],
        "family_background": "Synthetic background.",
        "case_background": "Synthetic case background.",
        "reading_list": [{"title": "Social work statement", "bundle_reference": "C1"}],
        "contacts": [{"role": "childrens_guardian", "full_name": "Guardian Loadtest"}],
    }


class CaseSystem(HttpUser):
    """A local authority's case system: uploads large bundles and searches its referrals by status."""

    fixed_count = 4
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        with _lock:
            token = next(_tokens)
        self.client.headers["Authorization"] = f"Bearer {token}"

    @task(1)
    def upload(self) -> None:
        with self.client.post(
            "/api/v1/referrals",
            data={"letter": json.dumps(_letter())},
            files={"bundle": ("bundle.pdf", BUNDLE, "application/pdf")},
            name="POST /api/v1/referrals (large bundle)",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:300]}")

    @task(3)
    def search(self) -> None:
        status = random.choice(["submitted", "accepted", "declined", "query_raised"])
        self.client.get(
            f"/api/v1/referrals?status={status}&page={random.randint(1, 3)}", name="/api/v1/referrals?status"
        )
