"""Counts in words, one helper for every face: the noun agrees, "both" only for two."""

from __future__ import annotations

from wizard.model.words import all_of, capitalised, counted, is_are, noun, part_of


def test_counted_agrees_with_the_count() -> None:
    assert [counted(n, "record") for n in (0, 1, 2)] == ["0 records", "1 record", "2 records"]
    assert counted(2, "create") == "2 creates"
    assert counted(1, "record was", "records were") == "1 record was"
    assert noun(3, "already there", "already there") == "already there"


def test_all_of_says_both_only_for_two() -> None:
    assert [all_of(n, "record") for n in (1, 2, 3)] == [
        "the record",
        "both records",
        "all 3 records",
    ]
    assert capitalised(all_of(2, "record")) == "Both records"


def test_part_of_agrees_with_the_total_and_the_verb_with_the_part() -> None:
    assert part_of(0, 1, "record") == "0 of 1 record"
    assert f"{part_of(1, 3, 'record')} {is_are(1)}" == "1 of 3 records is"
    assert f"{part_of(0, 3, 'record')} {is_are(0)}" == "0 of 3 records are"
