"""Word content built with python-docx and handed to a template as raw XML.

docxtpl's own Subdoc loads a whole default document for every insertion;
a detached ``w:body`` bound to the template's part does the same job without
that cost, and keeps styles, numbering and hyperlinks in the template.
"""

from __future__ import annotations

from typing import Any

from docx.document import _Body
from docx.oxml import OxmlElement
from lxml import etree


class Fragment:
    """A piece of body XML for ``{{p name }}`` in a template."""

    def __init__(self, document: Any) -> None:
        self._element = OxmlElement("w:body")
        self.body = _Body(self._element, document)

    @property
    def part(self) -> Any:
        return self.body.part

    def add_paragraph(self, *args: Any, **kwargs: Any) -> Any:
        return self.body.add_paragraph(*args, **kwargs)

    def add_table(self, rows: int, cols: int) -> Any:
        from docx.shared import Cm

        return self.body.add_table(rows, cols, width=Cm(16))

    def __html__(self) -> str:
        # Jinja's autoescape leaves objects with __html__ alone: this is XML.
        return "".join(etree.tostring(child, encoding="unicode") for child in self._element)

    __str__ = __html__
