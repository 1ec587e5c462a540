"""Legal references: where a rule or a day off comes from.

A :class:`LegalReference` names a document (văn bản) and, where it matters, the article
(điều/khoản) and a URL the text was read from. Every day off, make-up day and counting rule in
hanhchinh carries one, so that ``explain()`` can always say *why*.
"""

from __future__ import annotations

import attrs

__all__ = ["Confidence", "LegalReference"]

from enum import Enum


class Confidence(Enum):
    """How sure we are of a rule or a record (the marks of ``docs/legal-sources.md``).

    ``TEXT``: the operative wording of the legal text was read. ``SECONDARY``: an official
    portal or a reputable legal site quotes or paraphrases it. ``UNCONFIRMED``: believed, not
    yet read anywhere reliable.
    """

    TEXT = "text"
    SECONDARY = "secondary"
    UNCONFIRMED = "unconfirmed"


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name}={value!r} is empty; expected a document name")


@attrs.frozen(kw_only=True)
class LegalReference:
    """A legal source: a document, optionally an article and the URL it was read from.

    >>> ref = LegalReference(document="Bộ luật Lao động 2019 (45/2019/QH14)", article="Điều 112")
    >>> str(ref)
    'Bộ luật Lao động 2019 (45/2019/QH14), Điều 112'
    """

    document: str = attrs.field(validator=_non_empty)
    article: str | None = None
    url: str | None = None
    confidence: Confidence = Confidence.TEXT

    def __str__(self) -> str:
        return self.document if self.article is None else f"{self.document}, {self.article}"
