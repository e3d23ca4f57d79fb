"""Corrections laid over the paste reader's reading: what they settle, and when they lapse."""

from __future__ import annotations

from wizard.app.correcting import Corrections, RecordForm, correct, fields_of
from wizard.app.planning import read_records
from wizard.model.records import Record, has_errors
from wizard.paste.fields import TypedFields

DOMAIN = "example.com"
PASTE = (
    "Type\tHost\tValue\n"
    "CNAME\tlinks\te.customeriomail.com\n"
    "TXT\t@\tv=spf1 -all\n"
    "nonsense here\n"
    "CNAME\t@\tx.example.net\n"
)


def test_without_corrections_the_set_is_exactly_the_readers() -> None:
    pasted = read_records(PASTE, DOMAIN)
    corrected = correct(pasted, PASTE, DOMAIN, Corrections())
    assert corrected.records == pasted.records and corrected.findings == pasted.findings
    assert corrected.by_hand == () and not corrected.usable
    assert [r.kind for r in corrected.rows] == ["record", "record", "error", "record"]


def test_an_edit_settles_an_error_about_the_set_and_a_prose_line_is_said_no_record() -> None:
    pasted = read_records(PASTE, DOMAIN)
    corrected = correct(pasted, PASTE, DOMAIN, Corrections())
    apex = corrected.rows[3]
    assert {f.code for f in corrected.findings if f.line == 5} == {
        "cname-at-apex",
        "cname-with-other-data",
    }
    assert apex.record is not None
    form = RecordForm("edit", fields_of(apex.record), DOMAIN, apex.line)
    typed, errors = form.check(TypedFields("CNAME", "www", "x.example.net"))
    assert typed is not None and errors == ()
    corrections = corrected.corrections.edit(apex, typed)
    prose = corrected.rows[2].line_key
    assert prose == (4, "nonsense here")
    corrected = correct(pasted, PASTE, DOMAIN, corrections.toggle_not_a_record(prose))
    assert corrected.usable, corrected.findings
    assert corrected.by_hand == (Record("CNAME", "www.example.com", "x.example.net"),)
    assert [r.kind for r in corrected.rows] == ["record", "record", "not-a-record", "record"]
    assert [f.code for f in corrected.findings] == ["not-a-record-said"]


def test_corrections_lapse_when_the_paste_no_longer_gives_their_record_or_line() -> None:
    pasted = read_records(PASTE, DOMAIN)
    rows = correct(pasted, PASTE, DOMAIN, Corrections()).rows
    links, prose = rows[0], rows[2]
    assert links.record is not None and prose.line_key is not None
    typed, _ = RecordForm("edit", fields_of(links.record), DOMAIN, 2).check(
        TypedFields("CNAME", "links", "other.customeriomail.com")
    )
    assert typed is not None
    corrections = Corrections().edit(links, typed).toggle_not_a_record(prose.line_key)
    changed = PASTE.replace("e.customeriomail.com", "f.customeriomail.com").replace(
        "nonsense here", "gibberish here"
    )
    corrected = correct(read_records(changed, DOMAIN), changed, DOMAIN, corrections)
    assert corrected.lapsed == 2 and corrected.corrections.empty
    assert corrected.rows[0].record == Record("CNAME", "links.example.com", "f.customeriomail.com")
    assert corrected.rows[2].kind == "error"


def test_a_record_typed_for_an_error_line_stands_in_its_place() -> None:
    pasted = read_records(PASTE, DOMAIN)
    rows = correct(pasted, PASTE, DOMAIN, Corrections()).rows
    prose = rows[2]
    others = tuple(r.record for r in rows if r.record is not None)
    form = RecordForm("line 4", TypedFields("", "", ""), DOMAIN, prose.line, others)
    assert form.check(TypedFields("CNAME", "links", "e.customeriomail.com"))[0] is None  # twice
    assert form.check(TypedFields("TXT", "x", "a\nb"))[1][0].field == "value"  # one line
    assert form.check(TypedFields("TXT", "x", "a", priority="5"))[1][0].field == "priority"
    typed, _ = form.check(TypedFields("TXT", "_proof", "token=1"))
    assert typed is not None and prose.line_key is not None
    corrected = correct(pasted, PASTE, DOMAIN, Corrections().add(typed, prose.line_key))
    assert corrected.rows[2].mark == "added" and corrected.rows[2].record == typed.record
    assert not any(f.line == 4 for f in corrected.findings)


def test_a_hand_typed_record_on_an_empty_paste_and_nothing_left() -> None:
    pasted = read_records("", DOMAIN)
    typed, _ = RecordForm("add", TypedFields("", "", ""), DOMAIN).check(
        TypedFields("TXT", "@", "proof=1")
    )
    assert typed is not None
    corrections = Corrections().add(typed)
    corrected = correct(pasted, "", DOMAIN, corrections)
    assert corrected.usable and corrected.records == (typed.record,)
    emptied = correct(pasted, "", DOMAIN, corrections.remove(corrected.rows[0]))
    assert not emptied.usable and has_errors(emptied.findings)
    assert [f.code for f in emptied.findings if f.level == "error"] == ["no-records"]


def test_removing_every_record_says_none_is_left() -> None:
    text = "CNAME\tlinks\te.customeriomail.com\n"
    pasted = read_records(text, DOMAIN)
    row = correct(pasted, text, DOMAIN, Corrections()).rows[0]
    emptied = correct(pasted, text, DOMAIN, Corrections().remove(row))
    assert emptied.rows == () and emptied.records == () and not emptied.usable
    assert [f.message for f in emptied.findings] == [
        "No records are left: add one (a), or paste the vendor's records again."
    ]
