/*
 * Accessible names for the desk's form controls that Django's admin and its
 * widgets leave unnamed (loaded on every admin page by base_site.html):
 *
 * - cells of tabular inlines: the column heading is their only label;
 * - autocomplete (select2) boxes: named after the field's label and their
 *   current value, as select2 4.1 does;
 * - rich-text (prose) editors: named after their field's label.
 *
 * Rows added with "Add another", select2 boxes and editors all appear after
 * the page has loaded, so a MutationObserver names whatever shows up.
 */
"use strict";
{
    let counter = 0;

    function ensureId(element) {
        if (!element.id) {
            counter += 1;
            // A <label>'s id follows its control's, so it stays unique.
            element.id = element.htmlFor ? `${element.htmlFor}-label` : `desk-name-${counter}`;
        }
        return element.id;
    }

    // The blank row that "Add another" copies: named once copied (a copy of
    // a name given here would point at the template's ids).
    function isTemplate(element) {
        return Boolean(element.closest(".empty-form"));
    }

    function isNamed(control) {
        return (
            control.labels?.length > 0 ||
            control.hasAttribute("aria-label") ||
            control.hasAttribute("aria-labelledby")
        );
    }

    // The element whose text names a control: its <label>, or in a tabular
    // inline, the heading of its column.
    function labelFor(control) {
        if (control.labels?.length) {
            return control.labels[0];
        }
        const cell = control.closest(".tabular td");
        const table = cell?.closest("table");
        if (!table?.tHead) {
            return null;
        }
        const heading = table.tHead.rows[0]?.cells[cell.cellIndex];
        return heading?.textContent.trim() ? heading : null;
    }

    function nameTableCells(root) {
        root.querySelectorAll(
            ".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea"
        ).forEach((control) => {
            if (isNamed(control) || isTemplate(control)) {
                return;
            }
            const label = labelFor(control);
            if (label) {
                control.setAttribute("aria-labelledby", ensureId(label));
            }
        });
    }

    function nameAutocompletes(root) {
        root.querySelectorAll(".select2-selection[role=combobox]").forEach((box) => {
            if (box.dataset.deskNamed || isTemplate(box)) {
                return;
            }
            const select = box.closest(".select2-container")?.previousElementSibling;
            const rendered = box.querySelector(".select2-selection__rendered");
            const label = select && labelFor(select);
            if (!label || !rendered) {
                return;
            }
            // The value shown is text inside the combobox, not a textbox of
            // its own: a nameless textbox is what axe (rightly) reports.
            rendered.removeAttribute("role");
            rendered.removeAttribute("aria-readonly");
            box.setAttribute(
                "aria-labelledby",
                `${ensureId(label)} ${ensureId(rendered)}`
            );
            box.dataset.deskNamed = "true";
        });
    }

    function nameEditors(root) {
        root.querySelectorAll(".prose-editor [contenteditable]").forEach((editor) => {
            if (isNamed(editor) || isTemplate(editor)) {
                return;
            }
            const textarea = editor.closest(".prose-editor").querySelector("textarea");
            const label = textarea && labelFor(textarea);
            if (label) {
                editor.setAttribute("aria-labelledby", ensureId(label));
            }
        });
    }

    function nameAll() {
        nameTableCells(document);
        nameAutocompletes(document);
        nameEditors(document);
    }

    let pending = false;
    const observer = new MutationObserver(() => {
        if (!pending) {
            pending = true;
            queueMicrotask(() => {
                pending = false;
                nameAll();
            });
        }
    });

    function start() {
        nameAll();
        observer.observe(document.body, { childList: true, subtree: true });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
