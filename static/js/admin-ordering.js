/*
 * Orderable inlines on the newsroom desk (bylines, sections, key points, FAQs).
 *
 * Every row has a "position" number the server orders by; without this script
 * an editor types the numbers. With it, each row gets "move up"/"move down"
 * buttons and a drag handle, and moving a row renumbers all rows of its group
 * in their new on-screen order. Nothing else changes: the numbers are still
 * the only thing submitted.
 *
 * Each renumbering says so with a "desk-order:changed" event on the group,
 * and a script that places a row itself asks for one with "desk-order:moved"
 * on the row (static/js/desk-sections.js: a section added between two).
 *
 * Why our own script and not django-admin-sortable2 (checked December 2026,
 * version 2.3.1, its inline templates for Django 5.2 and adminsortable2.js):
 * - Keyboard users could not reorder at all. Its inline rows are moved by
 *   SortableJS drag (pointer only; its one key listener is the multi-drag
 *   modifier) and by "Move to first/last position" icons that are
 *   <i role="button"> with no tabindex and a click listener only: Tab never
 *   reaches them and Enter or Space does nothing. Here "move up"/"move
 *   down" are real buttons, one step at a time, that keep the focus.
 * - Unsaved rows could not be ordered: it makes only rows with an original
 *   (tr.has_original, .inline-related.has_original) draggable or movable,
 *   and refuses a drop among new rows, so the parts of a new article, or
 *   a part added with "Add another", keep the order they were typed in.
 *   Here every row moves, saved or not, and new rows are numbered last.
 * - Without JavaScript nobody could order: its formset makes the position a
 *   hidden input. Here it stays a number field one can type.
 * - Its formset's save_new takes a new part's position 0 for "none" and puts
 *   the part last (highest + 1), so the first part of a new article, typed
 *   or moved to the top, would not stay first; ours number from 0, as every
 *   saved article does.
 * Worth checking again if a later version gives its controls real buttons
 * and lets new rows move.
 */
"use strict";
{
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);

    function positionInput(row) {
        return row.querySelector('input[name$="-position"]');
    }

    function rowsOf(group) {
        const prefix = group.dataset.orderPrefix;
        const pattern = new RegExp(`^${prefix}-\\d+$`);
        return Array.from(group.querySelectorAll(`[id^="${prefix}-"]`)).filter(
            (element) => pattern.test(element.id) && positionInput(element)
        );
    }

    function renumber(group) {
        rowsOf(group).forEach((row, index) => {
            positionInput(row).value = index;
            // New stacked rows are labelled "#1", "#2"...: keep that truthful.
            const label = row.querySelector(".inline_label");
            if (label && /^#\d+$/.test(label.textContent.trim())) {
                label.textContent = `#${index + 1}`;
            }
        });
        // For what shows the order (static/js/desk-sections.js).
        group.dispatchEvent(new CustomEvent("desk-order:changed", { bubbles: true }));
    }

    // The number in a row's id ("sections-3"): its form's index.
    function formIndex(row) {
        return Number.parseInt(row.id.slice(row.id.lastIndexOf("-") + 1), 10);
    }

    // Puts ``rows`` (siblings) one after the other in the given order, where
    // the first of them in the page stood.
    function arrange(rows) {
        if (rows.length === 0) {
            return;
        }
        const marker = document.createComment("");
        const first = rows.reduce((a, b) =>
            a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING ? b : a
        );
        first.before(marker);
        rows.forEach((row) => marker.before(row));
        marker.remove();
    }

    function byPosition(a, b) {
        const numberOf = (row) => {
            const value = Number.parseInt(positionInput(row).value, 10);
            return Number.isNaN(value) ? Number.MAX_SAFE_INTEGER : value;
        };
        return numberOf(a) - numberOf(b) || formIndex(a) - formIndex(b);
    }

    function move(row, step) {
        const group = row.closest("[data-order-prefix]");
        const rows = rowsOf(group);
        const index = rows.indexOf(row);
        const target = rows[index + step];
        if (!target) {
            return;
        }
        if (step < 0) {
            target.parentNode.insertBefore(row, target);
        } else {
            target.parentNode.insertBefore(target, row);
        }
        renumber(group);
    }

    function button(label, symbol, className) {
        const element = document.createElement("button");
        element.type = "button";
        element.className = `desk-order__button ${className}`;
        element.textContent = symbol;
        element.title = label;
        element.setAttribute("aria-label", label);
        return element;
    }

    let dragged = null;

    function enhance(row) {
        const input = positionInput(row);
        if (!input || row.querySelector(".desk-order")) {
            return;
        }
        const controls = document.createElement("span");
        controls.className = "desk-order";

        const handle = button(t("Drag to reorder"), "⠿", "desk-order__handle");
        handle.draggable = true;
        const up = button(t("Move up"), "↑", "desk-order__up");
        const down = button(t("Move down"), "↓", "desk-order__down");
        controls.append(handle, up, down);
        input.after(controls);

        up.addEventListener("click", () => {
            move(row, -1);
            up.focus();
        });
        down.addEventListener("click", () => {
            move(row, 1);
            down.focus();
        });

        handle.addEventListener("dragstart", (event) => {
            dragged = row;
            row.classList.add("desk-order--dragging");
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", "");
            event.dataTransfer.setDragImage(row, 16, 16);
        });
        handle.addEventListener("dragend", () => {
            row.classList.remove("desk-order--dragging");
            const group = row.closest("[data-order-prefix]");
            dragged = null;
            renumber(group);
        });
        row.addEventListener("dragover", (event) => {
            if (!dragged || dragged === row || dragged.parentNode !== row.parentNode) {
                return;
            }
            event.preventDefault();
            const box = row.getBoundingClientRect();
            const before = event.clientY < box.top + box.height / 2;
            row.parentNode.insertBefore(dragged, before ? row : row.nextSibling);
        });
        row.addEventListener("drop", (event) => {
            if (dragged) {
                event.preventDefault();
            }
        });
    }

    function nextPosition(group, except) {
        const numbers = rowsOf(group)
            .filter((row) => row !== except)
            .map((row) => Number.parseInt(positionInput(row).value, 10))
            .filter((value) => !Number.isNaN(value));
        return numbers.length ? Math.max(...numbers) + 1 : 0;
    }

    function init() {
        document.querySelectorAll(".js-inline-admin-formset").forEach((group) => {
            const prefix = JSON.parse(group.dataset.inlineFormset).options.prefix;
            group.dataset.orderPrefix = prefix;
            const rows = rowsOf(group);
            if (rows.length === 0 && !group.querySelector('.empty-form input[name$="-position"]')) {
                return; // not orderable, or read-only for this user
            }
            group.classList.add("desk-orderable");
            rows.forEach(enhance);
        });

        // Removing a new row: Django's inlines.js renumbers every row's
        // fields by its place in the page ("sections-2-..."), which pairs a
        // saved part with another row's form once a new row was moved above
        // it (a row of text saved under another part's id, or dropped). So
        // the rows are put in their forms' order first, and back in the
        // order they were moved to once Django has renumbered them.
        document.addEventListener(
            "click",
            (event) => {
                const link = event.target.closest && event.target.closest(".inline-deletelink");
                const group = link && link.closest("[data-order-prefix]");
                if (!group) {
                    return;
                }
                arrange(rowsOf(group).sort((a, b) => formIndex(a) - formIndex(b)));
                window.setTimeout(() => {
                    arrange(rowsOf(group).sort(byPosition));
                    renumber(group);
                });
            },
            true
        );

        // Another script placed a row (static/js/desk-sections.js adds one
        // between two others): number them all as they now stand.
        document.addEventListener("desk-order:moved", (event) => {
            const group = event.target.closest("[data-order-prefix]");
            if (group) {
                renumber(group);
            }
        });

        // Rows added with "Add another": enhanced, and numbered last.
        document.addEventListener("formset:added", (event) => {
            const row = event.target;
            const group = row.closest("[data-order-prefix]");
            if (!group || !positionInput(row)) {
                return;
            }
            positionInput(row).value = nextPosition(group, row);
            enhance(row);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}
