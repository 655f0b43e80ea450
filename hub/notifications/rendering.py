"""Message templates as an administrator writes them: plain text with ((placeholders)).

The same placeholder syntax as GOV.UK Notify, so one template reads the same in
either backend. Plain Python, no Django: a template can only name the values it
is given; it cannot reach into objects, call anything or include other files,
whatever an administrator types.
"""

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\(\(\s*([a-z][a-z0-9_]*)\s*\)\)")


class TemplateProblem(ValueError):
    """A template names a value the message does not have."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def unknown_placeholders(text: str, allowed: set[str]) -> list[str]:
    """The placeholders an administrator typed that the message will never fill, sorted."""
    return sorted(placeholders(text) - allowed)


def fill(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise TemplateProblem(f"The template needs (({name})), which this message does not have")
        return values[name]

    return PLACEHOLDER.sub(value, text)


def render(subject: str, body: str, values: dict[str, str]) -> Rendered:
    """The subject and body with every placeholder filled in; a newline never reaches a subject."""
    filled_subject = " ".join(fill(subject, values).split())
    return Rendered(subject=filled_subject, body=fill(body, values))
