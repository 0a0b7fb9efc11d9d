"""The three-way merge of a stale save (``articles.merge``), on plain
snapshots: fields, parts (changed, added, deleted), their order and tags;
what merges, what conflicts, and what a choice settles."""

from articles.merge import (
    ADDED,
    FIELD,
    JOINED,
    ORDER,
    PART,
    REMOVED,
    THEIRS,
    YOURS,
    Change,
    Snapshot,
    merge,
)

BASE_FIELDS = {"headline": "Bridge reopens", "dek": "After repairs.", "summary": ""}


def snap(parts=None, tags=("roads",), **fields):
    return Snapshot(
        fields={**BASE_FIELDS, **fields},
        tags=None if tags is None else frozenset(tags),
        parts={"sections": [], "key_points": [], **(parts or {})},
    )


def points(*items):
    """Key points as (id, text) pairs, in order."""
    return [(key, {"text": text}) for key, text in items]


BASE_POINTS = points((1, "One"), (2, "Two"), (3, "Three"))


def merged_points(result):
    return [(key, values["text"]) for key, values in result.parts["key_points"]]


def run(base, theirs, yours, **kwargs):
    kwargs.setdefault("ordered", ("key_points", "sections", "bylines"))
    return merge(base, theirs, yours, **kwargs)


# --- Fields ------------------------------------------------------------------------


def test_fields_changed_on_different_sides_are_both_kept():
    result = run(snap(), snap(headline="Theirs"), snap(dek="Yours."))

    assert result.fields["headline"] == "Theirs"
    assert result.fields["dek"] == "Yours."
    assert not result.conflicts
    assert result.theirs_changed == [Change(FIELD, "headline")]
    assert result.yours_changed == [Change(FIELD, "dek")]


def test_the_same_field_changed_to_the_same_value_is_no_conflict():
    result = run(snap(), snap(headline="Fixed"), snap(headline="Fixed"))

    assert result.fields["headline"] == "Fixed"
    assert not result.conflicts


def test_the_same_field_changed_differently_is_a_conflict_until_chosen():
    base, theirs, yours = snap(), snap(dek="Theirs."), snap(dek="Yours.")

    open_conflict = run(base, theirs, yours)
    [conflict] = open_conflict.conflicts
    assert (conflict.what, conflict.name) == (FIELD, "dek")
    assert (conflict.theirs, conflict.yours) == ("Theirs.", "Yours.")
    assert conflict.choice_name == "merge-field-dek"

    kept_theirs = run(base, theirs, yours, choices={"merge-field-dek": THEIRS})
    kept_yours = run(base, theirs, yours, choices={"merge-field-dek": YOURS})
    assert (kept_theirs.conflicts, kept_theirs.fields["dek"]) == ([], "Theirs.")
    assert (kept_yours.conflicts, kept_yours.fields["dek"]) == ([], "Yours.")


def test_a_choice_for_another_field_settles_nothing():
    result = run(
        snap(),
        snap(dek="Theirs."),
        snap(dek="Yours."),
        choices={"merge-field-x": YOURS},
    )

    assert [c.name for c in result.conflicts] == ["dek"]


# --- Parts ------------------------------------------------------------------------


def test_different_parts_changed_on_each_side_are_both_kept():
    base = snap({"key_points": BASE_POINTS})
    theirs = snap({"key_points": points((1, "One!"), (2, "Two"), (3, "Three"))})
    yours = snap({"key_points": points((1, "One"), (2, "Two"), (3, "Three?"))})

    result = run(base, theirs, yours)

    assert merged_points(result) == [(1, "One!"), (2, "Two"), (3, "Three?")]
    assert not result.conflicts


def test_different_fields_of_one_part_merge_and_the_same_field_conflicts():
    base = snap({"sections": [(7, {"subheading": "Tolls", "body": "<p>Old</p>"})]})
    theirs = snap(
        {"sections": [(7, {"subheading": "Tolls return", "body": "<p>Old</p>"})]}
    )
    yours = snap({"sections": [(7, {"subheading": "Tolls", "body": "<p>New</p>"})]})
    clash = snap({"sections": [(7, {"subheading": "No tolls", "body": "<p>New</p>"})]})

    merged = run(base, theirs, yours)
    conflicting = run(base, theirs, clash)

    assert merged.parts["sections"] == [
        (7, {"subheading": "Tolls return", "body": "<p>New</p>"})
    ]
    [conflict] = conflicting.conflicts
    assert (conflict.what, conflict.name, conflict.key) == (PART, "sections", 7)
    assert conflict.choice_name == "merge-part-sections-7"
    chosen = run(base, theirs, clash, choices={conflict.choice_name: THEIRS})
    # Theirs for the field both changed; your other change to the part stays.
    assert chosen.parts["sections"] == [
        (7, {"subheading": "Tolls return", "body": "<p>New</p>"})
    ]


def test_parts_added_on_both_sides_are_all_kept_after_the_part_they_followed():
    base = snap({"key_points": BASE_POINTS})
    theirs = snap({"key_points": [*BASE_POINTS, (4, {"text": "Their new"})]})
    yours = snap(
        {
            "key_points": [
                (1, {"text": "One"}),
                (("new", 3), {"text": "Your new"}),
                (2, {"text": "Two"}),
                (3, {"text": "Three"}),
            ]
        }
    )

    result = run(base, theirs, yours)

    assert merged_points(result) == [
        (1, "One"),
        (("new", 3), "Your new"),
        (2, "Two"),
        (3, "Three"),
        (4, "Their new"),
    ]
    assert Change(PART, "key_points", 4, ADDED) in result.theirs_changed
    assert Change(PART, "key_points", ("new", 3), ADDED) in result.yours_changed


def test_a_part_deleted_on_one_side_and_untouched_on_the_other_is_gone():
    base = snap({"key_points": BASE_POINTS})
    without_two = snap({"key_points": points((1, "One"), (3, "Three"))})

    theirs_deleted = run(base, without_two, base)
    yours_deleted = run(base, base, without_two)

    assert merged_points(theirs_deleted) == [(1, "One"), (3, "Three")]
    assert merged_points(yours_deleted) == [(1, "One"), (3, "Three")]
    assert Change(PART, "key_points", 2, REMOVED) in theirs_deleted.theirs_changed
    assert Change(PART, "key_points", 2, REMOVED) in yours_deleted.yours_changed


def test_deleting_a_part_the_other_side_changed_is_a_conflict():
    base = snap({"key_points": BASE_POINTS})
    deleted = snap({"key_points": points((1, "One"), (3, "Three"))})
    edited = snap({"key_points": points((1, "One"), (2, "Two, edited"), (3, "Three"))})

    result = run(base, deleted, edited)

    [conflict] = result.conflicts
    assert (conflict.theirs, conflict.yours) == (None, {"text": "Two, edited"})
    put_back = run(base, deleted, edited, choices={conflict.choice_name: YOURS})
    left_out = run(base, deleted, edited, choices={conflict.choice_name: THEIRS})
    assert merged_points(put_back) == [(1, "One"), (2, "Two, edited"), (3, "Three")]
    assert merged_points(left_out) == [(1, "One"), (3, "Three")]


def test_a_part_deleted_on_both_sides_is_gone_without_a_conflict():
    base = snap({"key_points": BASE_POINTS})
    without_two = snap({"key_points": points((1, "One"), (3, "Three"))})

    result = run(base, without_two, without_two)

    assert merged_points(result) == [(1, "One"), (3, "Three")]
    assert not result.conflicts


def test_an_author_bylined_on_both_sides_is_bylined_once():
    base = snap({"bylines": [(1, {"author": 10})]})
    theirs = snap({"bylines": [(1, {"author": 10}), (2, {"author": 11})]})
    yours = snap({"bylines": [(1, {"author": 10}), (("new", 1), {"author": 11})]})

    result = run(base, theirs, yours, unique={"bylines": "author"})

    # Yours is kept (a row of the posted form); theirs goes on saving.
    assert result.parts["bylines"] == [
        (1, {"author": 10}),
        (("new", 1), {"author": 11}),
    ]
    assert not result.joined


def test_a_byline_changed_to_an_author_they_bylined_meanwhile_bylines_them_once():
    # You replaced author 10 with 11; they added 11 beside 10. Both wanted 11
    # bylined, you alone wanted 10 gone: 11 once, 10 gone, and it is said.
    base = snap({"bylines": [(1, {"author": 10})]})
    theirs = snap({"bylines": [(1, {"author": 10}), (2, {"author": 11})]})
    yours = snap({"bylines": [(1, {"author": 11})]})

    result = run(base, theirs, yours, unique={"bylines": "author"})

    assert result.parts["bylines"] == [(1, {"author": 11})]
    assert not result.conflicts
    assert result.joined == [Change(PART, "bylines", 1, JOINED)]


def test_two_bylines_changed_to_one_author_on_each_side_keep_one_byline():
    base = snap({"bylines": [(1, {"author": 10}), (2, {"author": 12})]})
    theirs = snap({"bylines": [(1, {"author": 11}), (2, {"author": 12})]})
    yours = snap({"bylines": [(1, {"author": 10}), (2, {"author": 11})]})

    result = run(base, theirs, yours, unique={"bylines": "author"})

    assert result.parts["bylines"] == [(2, {"author": 11})]
    assert result.joined == [Change(PART, "bylines", 2, JOINED)]


# --- Order ------------------------------------------------------------------------


def test_one_side_reordering_keeps_that_order_and_the_other_sides_edits():
    base = snap({"key_points": BASE_POINTS})
    theirs = snap({"key_points": points((3, "Three"), (1, "One"), (2, "Two"))})
    yours = snap({"key_points": points((1, "One"), (2, "Two, edited"), (3, "Three"))})

    result = run(base, theirs, yours)

    assert merged_points(result) == [(3, "Three"), (1, "One"), (2, "Two, edited")]
    assert Change(ORDER, "key_points") in result.theirs_changed
    assert not result.conflicts


def test_your_reordering_keeps_your_order_with_their_addition_after_its_neighbour():
    base = snap({"key_points": BASE_POINTS})
    theirs = snap(
        {"key_points": [*BASE_POINTS[:1], (4, {"text": "New"}), *BASE_POINTS[1:]]}
    )
    yours = snap({"key_points": points((2, "Two"), (1, "One"), (3, "Three"))})

    result = run(base, theirs, yours)

    assert merged_points(result) == [(2, "Two"), (1, "One"), (4, "New"), (3, "Three")]


def test_both_reordering_differently_is_a_conflict_on_the_order():
    base = snap({"key_points": BASE_POINTS})
    theirs = snap({"key_points": points((3, "Three"), (1, "One"), (2, "Two"))})
    yours = snap({"key_points": points((2, "Two"), (1, "One"), (3, "Three"))})

    result = run(base, theirs, yours)

    [conflict] = result.conflicts
    assert (conflict.what, conflict.name) == (ORDER, "key_points")
    assert conflict.choice_name == "merge-order-key_points"
    chosen = run(base, theirs, yours, choices={conflict.choice_name: THEIRS})
    assert [key for key, _ in chosen.parts["key_points"]] == [3, 1, 2]


def test_both_reordering_alike_is_no_conflict():
    base = snap({"key_points": BASE_POINTS})
    reordered = snap({"key_points": points((3, "Three"), (1, "One"), (2, "Two"))})

    result = run(base, reordered, reordered)

    assert not result.conflicts
    assert [key for key, _ in result.parts["key_points"]] == [3, 1, 2]


def test_the_order_of_parts_kept_by_date_is_never_a_conflict():
    base = snap({"corrections": points((1, "A"), (2, "B"))})
    theirs = snap({"corrections": points((2, "B"), (1, "A"))})
    yours = snap({"corrections": points((1, "A"), (2, "B"), (("new", 2), "C"))})

    result = run(base, theirs, yours, ordered=())

    assert not result.conflicts
    assert {key for key, _ in result.parts["corrections"]} == {1, 2, ("new", 2)}


# --- Tags -------------------------------------------------------------------------


def test_tags_added_and_removed_on_each_side_are_combined():
    base = snap(tags=("roads", "city"))
    theirs = snap(tags=("roads", "city", "budget"))
    yours = snap(tags=("roads", "bridges"))

    result = run(base, theirs, yours)

    assert result.tags == {"roads", "budget", "bridges"}
    assert not result.conflicts


def test_tags_a_revision_did_not_record_are_yours():
    result = run(snap(tags=None), snap(tags=("a", "b")), snap(tags=("a", "c")))

    assert result.tags == {"a", "c"}
