"""Word content handed to a template as raw XML (``{{p name }}``).

docxtpl's own Subdoc loads a whole default document for every insertion; a
fragment is the XML text itself, bound to the template's document part, so
styles, numbering, hyperlinks and images land in the template.
"""

from __future__ import annotations

from typing import Any


class Fragment:
    """A piece of body XML for ``{{p name }}`` in a template."""

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self._chunks: list[str] = []

    def add(self, xml: str) -> None:
        """One top-level element (paragraph or table), as XML text with its own namespace declarations."""
        self._chunks.append(xml)

    def __html__(self) -> str:
        # Jinja's autoescape leaves objects with __html__ alone: this is XML.
        return "".join(self._chunks)

    __str__ = __html__
