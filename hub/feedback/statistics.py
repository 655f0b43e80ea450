"""Survey results as percentages with counts: "100% (12 of 12) felt respected".

Plain Python, no Django: rows in (one dict per sent response, field name to
answer), findings out. A question counts only the people who answered it; a
rating counts as good at 4 or 5, and the service as helpful when it was
"helpful" or "very helpful".
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hub.feedback.questions import Kind, Question

Row = Mapping[str, object]


@dataclass(frozen=True)
class Finding:
    key: str
    finding: str
    count: int  # said yes, or rated it good
    answered: int

    @property
    def percent(self) -> int | None:
        """Rounded half up (Python's round() would make 12.5% into 12%)."""
        if not self.answered:
            return None
        return (200 * self.count + self.answered) // (2 * self.answered)

    @property
    def sentence(self) -> str:
        if not self.answered:
            return f"No answers yet: {self.finding}"
        return f"{self.percent}% ({self.count} of {self.answered}) {self.finding}"


@dataclass(frozen=True)
class Group:
    label: str
    responses: int
    findings: list[Finding]


def positive(question: Question, answer: object) -> bool:
    if question.kind == Kind.YES_NO:
        return answer is True
    if question.kind in (Kind.RATING, Kind.HELPFUL):
        return isinstance(answer, int) and answer >= 4
    return False


def findings(rows: Iterable[Row], questions: Iterable[Question]) -> list[Finding]:
    rows = list(rows)
    result = []
    for question in questions:
        if question.kind == Kind.TEXT:
            continue
        answers = [row.get(question.key) for row in rows if row.get(question.key) is not None]
        count = sum(1 for answer in answers if positive(question, answer))
        result.append(Finding(key=question.key, finding=question.finding, count=count, answered=len(answers)))
    return result


def grouped(rows: Iterable[Row], by: str, questions: list[Question]) -> list[Group]:
    """Findings for each value of `by` (an authority, an assessor, a month), in order of the label."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(str(row.get(by) or "Not known"), []).append(row)
    return [
        Group(label=label, responses=len(members), findings=findings(members, questions))
        for label, members in sorted(groups.items())
    ]
