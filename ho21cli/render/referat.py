"""The referat skeleton, from the referat template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ho21cli.core import dates
from ho21cli.core.attendance import AttendanceLists
from ho21cli.core.body import Paragraph, Span
from ho21cli.core.documents import meeting_facts
from ho21cli.core.model import Meeting, Profile
from ho21cli.core.referat import DISCUSSION_PLACEHOLDER, ReferatCase
from ho21cli.i18n import N_
from ho21cli.render.docs import set_core_properties
from ho21cli.render.docx_body import PLAIN, BodyWriter, Look
from ho21cli.render.fragment import Fragment
from ho21cli.render.templating import COMMON_FIELDS, Required, Template
from ho21cli.storage.archive import referat_file
from ho21cli.storage.outputs import Output

# What a referat template may use (README: «Own templates»).
FIELDS: dict[str, set[str] | None] = COMMON_FIELDS | {
    "utkast": None,
    "mote": {"nummer", "dato", "dato_kort", "dato_stor", "tid", "sted", "adresse"},
    "til_stede": None,
    "observatorer": None,
    "forfall": None,
    "sekretariatet": None,
    "sekretariat_tittel": None,
    "gjester": None,
    "har_gjester": None,
    "saker": None,
}
REQUIRED: Required = (
    (N_("the meeting ({{ mote.nummer }})"), ("mote.nummer",)),
    (N_("the date ({{ mote.dato_stor }})"), ("mote.dato_stor", "mote.dato", "mote.dato_kort")),
    (N_("those present ({{r til_stede }})"), ("til_stede",)),
    (N_("the cases ({%p for s in saker %})"), ("saker",)),
)


@dataclass(frozen=True)
class ReferatInput:
    meeting: Meeting
    profile: Profile
    attendance: AttendanceLists
    cases: list[ReferatCase]
    header: str
    template: Template


def lines(values: list[str]) -> Any:
    from docxtpl import RichText

    rt = RichText()
    for i, value in enumerate(values):
        rt.add(("\n" if i else "") + value)
    return rt


def case_fragment(tpl: Any, case: ReferatCase, template_name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=template_name)
    if case.inhabil_note:
        writer.text(case.inhabil_note)
    for text in case.paragraphs:
        writer.text(text)
    if case.bullets:
        from ho21cli.core.body import ListBlock

        writer.block(ListBlock(False, [[Paragraph([Span(b)])] for b in case.bullets]))
    if case.placeholder:
        writer.text(DISCUSSION_PLACEHOLDER, look=Look(highlight="yellow"))  # clearly marked for the secretary
    return fragment


def vedtak_fragment(tpl: Any, case: ReferatCase, template_name: str) -> Fragment:
    fragment = Fragment(tpl.get_docx())
    writer = BodyWriter(fragment, template_name=template_name)
    style = "Vedtak" if writer.has_style("Vedtak") else None
    for text in case.vedtak:
        writer.text(text, style, look=PLAIN if style else Look(italic=True))
    return fragment


def referat_title(inp: ReferatInput) -> str:
    return f"{inp.profile.name}, referat møte {meeting_facts(inp.meeting, inp.profile)['nummer']}"


def render_referat(inp: ReferatInput) -> Any:
    tpl = inp.template.open()
    name = str(inp.template.path)
    facts = meeting_facts(inp.meeting, inp.profile)
    facts["dato_stor"] = dates.capitalized(facts["dato"])
    att = inp.attendance
    context = {
        "rad": inp.profile.name,
        "topptekst": inp.header,
        "dokumenttittel": referat_title(inp),
        "utkast": True,
        "mote": facts,
        "til_stede": lines(att.present),
        "observatorer": lines(att.observers),
        "forfall": lines(att.absent),
        "sekretariatet": lines(att.secretariat),
        "sekretariat_tittel": inp.profile.secretariat_heading,
        "gjester": lines(att.guests),
        "har_gjester": bool(att.guests),
        "saker": [
            {
                "nummer": c.number,
                "tittel": c.title,
                "innhold": case_fragment(tpl, c, name),
                "vedtak": vedtak_fragment(tpl, c, name),
            }
            for c in inp.cases
        ],
    }
    document = inp.template.render_opened(tpl, context).docx
    set_core_properties(document, title=f"Utkast til referat, {referat_title(inp)}", subject=inp.header)
    return document


def render_referat_outputs(inp: ReferatInput) -> list[Output]:
    """The referat skeleton: a person's document from the moment it is written."""
    import io

    buffer = io.BytesIO()
    render_referat(inp).save(buffer)
    return [Output(referat_file(inp.meeting), buffer.getvalue(), person_owned=True)]
