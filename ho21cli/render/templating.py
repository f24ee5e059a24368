"""Opening and rendering Word templates safely.

A .docx template is code (Jinja); user text is data. Templates render in a
sandbox with autoescaping and strict undefined variables, and no vedlegg or
earlier output is ever rendered as a template.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ho21cli.errors import InputError
from ho21cli.i18n import _

# Templates (by content) already checked against a set of fields in this process.
_CHECKED: set[tuple[str, str]] = set()
# Templates the check opened, each handed once to the rendering of the same command, so
# that a build opens each template once (the bytes are kept with it: an id is never reused).
_OPENED: dict[int, tuple[bytes, Any]] = {}

# What every template may use; each renderer adds its own (its FIELDS).
COMMON_FIELDS: dict[str, set[str] | None] = {"rad": None, "topptekst": None, "dokumenttittel": None}

# What a template must use, or its document would lack what it is for (each renderer's
# REQUIRED): what is missing, said in words (marked with N_, translated when said), and the
# names of which any one will do.
Required = tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def jinja_env() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


# What docxtpl's resolve_listing turns into Word markup (a tab, a paragraph, a line or page break).
_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")


@lru_cache(maxsize=1)
def _docx_template_class() -> type:
    from docxtpl import DocxTemplate

    class Ho21DocxTemplate(DocxTemplate):  # type: ignore[misc]
        def resolve_listing(self, xml: str) -> str:
            """docxtpl runs three nested regular expressions over every run of the rendered
            document to turn these characters into Word markup; where there are none, that
            gives back the same text (a tenth of a 200-case build)."""
            if _LISTING_CHARACTERS.search(xml) is None:
                return xml
            return str(super().resolve_listing(xml))

    return Ho21DocxTemplate


@dataclass
class Template:
    """One template (its bytes as read), opened fresh for one rendering."""

    path: Path  # for messages
    content: bytes

    def open(self) -> Any:
        """A DocxTemplate of these bytes, not yet rendered: the one the check opened, else a new one."""
        kept = _OPENED.pop(id(self.content), None)
        if kept is not None and kept[0] is self.content:
            return kept[1]
        return self._open_new()

    def document(self) -> Any:
        """The python-docx Document of these bytes, to read from (never to render)."""
        return self.open().get_docx()

    def _open_new(self) -> Any:
        if not zipfile.is_zipfile(io.BytesIO(self.content)):
            raise InputError(
                _("is not a Word (.docx) file"), where=str(self.path), fix=_("Save the template as .docx from Word.")
            )
        try:
            return _docx_template_class()(io.BytesIO(self.content))
        except Exception:  # a damaged package: python-docx raises many kinds, its messages English only
            from ho21cli.render.inspect import docx_refusal

            refusal = docx_refusal(self.content)  # what is wrong with it, in the run's language
            if refusal is not None:
                raise InputError(refusal.what, where=str(self.path), fix=refusal.fix) from None
            raise InputError(
                _("cannot be opened as a Word template"),
                where=str(self.path),
                fix=_("Save the template as .docx from Word."),
            ) from None

    def check(self, values: dict[str, set[str] | None], required: Required = ()) -> None:
        """Parse the template and check the names it uses, so that an error names this file.

        ``values`` maps each top-level name to the attributes it has (None: any); every entry
        of ``required`` must be used, or the template is refused with the list of what it lacks.
        """
        from jinja2 import TemplateSyntaxError, meta, nodes

        fields = repr(sorted((k, sorted(v or ())) for k, v in values.items()))
        key = (hashlib.sha1(self.content).hexdigest(), fields + repr(required))
        if key in _CHECKED:  # check and build in one command ask about the same template
            return
        tpl = self._open_new()
        tpl.init_docx()
        try:
            ast = jinja_env().parse(tpl.patch_xml(tpl.get_xml()))
        except TemplateSyntaxError as exc:
            raise self._syntax_error(exc.message or "") from None
        for node in ast.find_all(nodes.Getattr):
            if node.attr.startswith("_"):  # the sandbox refuses these at render time too
                raise self._unsafe(_("access to attribute «{name}»").format(name=node.attr))
        names = meta.find_undeclared_variables(ast)
        unknown = sorted(names - values.keys())
        for node in ast.find_all(nodes.Getattr):
            allowed = values.get(node.node.name) if isinstance(node.node, nodes.Name) else None
            if allowed is not None and node.attr not in allowed:
                unknown.append(f"{node.node.name}.{node.attr}")
        if unknown:
            raise self._unknown_value(", ".join(unknown))
        used = names | {
            f"{node.node.name}.{node.attr}" for node in ast.find_all(nodes.Getattr) if isinstance(node.node, nodes.Name)
        }
        missing = [_(what) for what, names in required if not used.intersection(names)]
        if missing:
            raise InputError(
                _("the template lacks fields ho21 fills: {fields}").format(fields="; ".join(missing)),
                where=str(self.path),
                fix=_(
                    "Start from ho21's own templates (`ho21 templates export DIR`) and put the letterhead on them;"
                    " README, «Own templates», lists every field."
                ),
            )
        _CHECKED.add(key)
        _OPENED[id(self.content)] = (self.content, tpl)  # the build renders the one opened here

    def render_opened(self, tpl: Any, context: dict[str, Any]) -> Any:
        """Render a template opened with :meth:`open` (values may refer to it)."""
        from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError

        try:
            tpl.render(context, jinja_env=jinja_env(), autoescape=True)
        except TemplateSyntaxError as exc:
            near = " / ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
            message = exc.message or ""
            if near:
                message = _("{error} near «{text}»").format(error=message, text=near[:160])
            raise self._syntax_error(message) from None
        except UndefinedError as exc:
            raise self._unknown_value(exc.message or "") from None
        except SecurityError as exc:
            raise self._unsafe(str(exc)) from None
        except TemplateError as exc:
            raise InputError(
                _("the template could not be rendered: {error}").format(error=exc), where=str(self.path)
            ) from None
        return tpl

    def _syntax_error(self, message: str) -> InputError:
        return InputError(
            _("the template has a Jinja syntax error: {error}").format(error=message),
            where=str(self.path),
            fix=_("Open the template in Word and fix the {{ }} or {% %} tag named above."),
        )

    def _unknown_value(self, what: str) -> InputError:
        return InputError(
            _("the template uses a value ho21 does not provide: {names}").format(names=what),
            where=str(self.path),
            fix=_("See README, section «Own templates», for the names a template can use."),
        )

    def _unsafe(self, what: str) -> InputError:
        return InputError(_("the template tried something unsafe: {what}").format(what=what), where=str(self.path))
