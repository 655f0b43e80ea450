"""What someone typed in the bundle search box, checked and turned into each database's query language.

Plain Python, no Django. People type words (all must be on the page), "a phrase"
in double quotes, and word* for any word starting so. Nothing typed reaches the
database as syntax: every word is reduced to letters and digits and quoted, so a
stray bracket, colon or operator is either explained or harmless, never a 500.
"""

import re
from dataclasses import dataclass

MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


class QueryProblem(ValueError):
    """The search cannot be run as typed; the message says what to change."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase in order
    prefix: bool = False  # word*: any word starting with it


@dataclass(frozen=True)
class BundleQuery:
    terms: tuple[Term, ...]

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every term on the page."""
        parts = []
        for term in self.terms:
            quoted = '"' + " ".join(term.words) + '"'
            parts.append(quoted + ("*" if term.prefix else ""))
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """A PostgreSQL to_tsquery expression: phrases as <->, prefixes as :*."""
        parts = []
        for term in self.terms:
            if term.prefix:
                parts.append(f"'{term.words[0]}':*")
            else:
                parts.append("(" + " <-> ".join(f"'{word}'" for word in term.words) + ")")
        return " & ".join(parts)

    @property
    def words(self) -> list[str]:
        return [word for term in self.terms for word in term.words]


def parse(typed: str) -> BundleQuery:
    """The query, or QueryProblem saying in plain words what is wrong with it."""
    text = typed.strip()
    if not text:
        raise QueryProblem("Enter words to search for")
    if len(text) > 500:
        raise QueryProblem("Search for 500 characters or fewer")
    if text.count('"') % 2:
        raise QueryProblem('A phrase needs a closing double quote ("), for example "police attended"')
    terms: list[Term] = []
    for index, chunk in enumerate(re.split(r'"', text)):
        if index % 2:  # inside quotes
            words = tuple(w.lower() for w in _WORD.findall(chunk))
            if not words:
                raise QueryProblem("A phrase in quotes needs at least one word")
            if "*" in chunk:
                raise QueryProblem("A star (*) works on a single word, not inside a phrase")
            terms.append(Term(words))
            continue
        for token in chunk.split():
            terms.extend(_word_terms(token))
    if not terms:
        raise QueryProblem("Enter words to search for: letters or numbers, not only punctuation")
    if len(terms) > MAX_TERMS:
        raise QueryProblem(f"Search for {MAX_TERMS} words or phrases or fewer")
    return BundleQuery(tuple(terms))


def _word_terms(token: str) -> list[Term]:
    prefix = token.endswith("*")
    core = token.rstrip("*")
    if "*" in core:
        raise QueryProblem("A star (*) goes at the end of a word, for example polic*")
    words = [w.lower() for w in _WORD.findall(core)]
    if prefix:
        if not words:
            raise QueryProblem("A star (*) goes at the end of a word, for example polic*")
        if len(words) > 1:
            # "non-mol*": the words before the last are whole words, the last is the prefix.
            return [Term((w,)) for w in words[:-1]] + [Term((words[-1],), prefix=True)]
        return [Term((words[0],), prefix=True)]
    if len(words) > 1:
        # "non-molestation" is searched as the phrase it is on the page.
        return [Term(tuple(words))]
    return [Term((w,)) for w in words]
