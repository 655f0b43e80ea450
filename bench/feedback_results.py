"""The survey results page with 1,000 then 10,000 answered surveys.

Every response is read once (its answers and what it can be grouped by) and
counted in Python (`hub.feedback.statistics`), so the time grows with the
answers while the query count stays fixed. The assessments are made as in
`bench.timescales_timeline` (one assessment per ten responses, at least 100);
the responses are added with bulk_create (invented answers only). Times
`/feedback/results/` for the whole hub and grouped by assessor, as the manager.

    .venv/bin/python -m bench.feedback_results
    scripts/with-postgres.sh .venv/bin/python -m bench.feedback_results

Exits with status 1 when a page's query count differs between sizes.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from bench import pages_at_sizes


def responses_grow_to(size: int, *, rng: random.Random, state: dict[str, Any]) -> float:
    """Answered family and professional surveys until `size` exist; seconds taken."""
    from django.utils import timezone

    from bench.timescales_timeline import grow_to
    from hub.assessments.models import Assessment
    from hub.feedback import questions
    from hub.feedback.models import SurveyKind, SurveyResponse

    started = time.perf_counter()
    grow_to(max(100, size // 10), rng=rng, state=state)
    assessments = list(Assessment.objects.values_list("pk", flat=True))
    now = timezone.now()
    need = size - SurveyResponse.objects.count()
    rows = []
    for _ in range(need):
        family = rng.random() < 0.7
        asked = questions.FAMILY if family else questions.PROFESSIONAL
        answers: dict[str, Any] = {}
        for question in asked:
            if question.kind == questions.Kind.YES_NO:
                answers[question.key] = rng.random() < 0.9
            elif question.kind in (questions.Kind.RATING, questions.Kind.HELPFUL):
                answers[question.key] = rng.choice([3, 4, 4, 5, 5, 5])
            elif rng.random() < 0.3:
                answers[question.key] = "Synthetic words."
        rows.append(
            SurveyResponse(
                kind=SurveyKind.FAMILY if family else SurveyKind.PROFESSIONAL,
                assessment_id=rng.choice(assessments),
                respondent_role="mother" if family else "Solicitor",
                submitted_at=now - timedelta(hours=rng.randrange(0, 24 * 365)),
                consent_to_quote=rng.random() < 0.5,
                **answers,
            )
        )
    SurveyResponse.objects.bulk_create(rows, batch_size=2000)
    return time.perf_counter() - started


def main() -> None:
    pages_at_sizes(
        name="feedback_results",
        title="Feedback results benchmark",
        size_label="answered",
        grow=responses_grow_to,
        pages=lambda state: [
            ("whole hub", "/feedback/results/"),
            ("by assessor", "/feedback/results/?group_by=assessor"),
        ],
        seed=12,
        repetitions=20,
        warmup=2,
        description=__doc__.splitlines()[0],
    )


if __name__ == "__main__":
    main()
