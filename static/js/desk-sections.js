/*
 * The article's sections on the desk, as a writer works through them:
 *
 * - Each section folds to its heading: a button (aria-expanded) that names
 *   the section by its number and subheading, as typed. Folded, its
 *   subheading and body are out of the way and its order controls stay, so
 *   a long story can be reordered section by section. "Collapse all" and
 *   "Expand all" do every one.
 * - "Add section here" between two sections adds a new, empty one at that
 *   place: Django's own "Add another" makes the row (its editor, its
 *   numbering as a form), then it is moved up and the ordering script
 *   (static/js/admin-ordering.js) numbers every row as it now stands, so it
 *   is saved there.
 * - A numbered table of contents above them shows the subheadings as the
 *   article page will list them (templates/articles/article_detail.html):
 *   in order, without the sections marked for deletion or new ones left
 *   empty (neither is saved). It follows every keystroke, move, addition
 *   and deletion; an entry takes the writer to that section.
 *
 * Which saved sections are folded is remembered for the tab's session
 * (sessionStorage, by the page's address and the sections' ids), so "Save
 * and continue editing" brings the page back as the writer left it; a
 * section the save refused for an error in it opens again.
 *
 * Nothing here is submitted: the fields and their order are the admin's.
 * Without the script the sections are the admin's stacked forms.
 */
"use strict";
{
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
    const format = (text, values) =>
        text.replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));

    const PREFIX = "sections";
    const ROW_ID = new RegExp(`^${PREFIX}-\\d+$`);
    let made = 0; // for ids of our own, which Django's renumbering leaves alone

    const field = (row, name) => row.querySelector(`[name$="-${name}"]`);

    function rowsOf(group) {
        return Array.from(group.querySelectorAll(".inline-related")).filter((row) =>
            ROW_ID.test(row.id)
        );
    }

    function isDeleted(row) {
        const box = field(row, "DELETE");
        return Boolean(box && box.checked);
    }

    function isEmptyNew(row) {
        // A new row with nothing typed is not saved (OrderedPartForm).
        if (row.classList.contains("has_original")) {
            return false;
        }
        const body = field(row, "body");
        const text = body ? body.value.replace(/<[^>]*>/g, "").trim() : "";
        return !field(row, "subheading").value.trim() && !text;
    }

    function subheadingOf(row) {
        const input = field(row, "subheading");
        return input ? input.value.trim() : "";
    }

    // Folding ------------------------------------------------------------------

    const STORE = `desk-sections-folded:${window.location.pathname}`;

    function partId(row) {
        const input = field(row, "id");
        return input && input.value ? input.value : null;
    }

    function rememberedFolds() {
        try {
            return new Set(JSON.parse(window.sessionStorage.getItem(STORE) || "[]"));
        } catch (error) {
            return new Set(); // storage refused, or not ours to read
        }
    }

    function rememberFolds(group) {
        const folded = rowsOf(group)
            .filter((row) => row.classList.contains("desk-section--collapsed"))
            .map(partId)
            .filter(Boolean);
        try {
            window.sessionStorage.setItem(STORE, JSON.stringify(folded));
        } catch (error) {
            // Nothing to remember it in: the page still folds.
        }
    }

    function setCollapsed(row, collapsed) {
        const toggle = row.querySelector(".desk-section__toggle");
        if (!toggle) {
            return;
        }
        if (collapsed && row.contains(document.activeElement) && !toggle.contains(document.activeElement)) {
            // What had the focus is hidden now: the heading keeps it.
            const keepsFocus = document.activeElement.closest(".field-position, h3");
            if (!keepsFocus) {
                toggle.focus();
            }
        }
        row.classList.toggle("desk-section--collapsed", collapsed);
        toggle.setAttribute("aria-expanded", String(!collapsed));
        rememberFolds(row.closest(".inline-group"));
    }

    function enhance(row) {
        if (row.querySelector(".desk-section__toggle")) {
            return;
        }
        const heading = row.querySelector(":scope > h3");
        const fields = row.querySelector(":scope > fieldset");
        if (!heading || !fields) {
            return;
        }
        made += 1;
        fields.id = fields.id || `desk-section-fields-${made}`;
        const toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "desk-section__toggle";
        toggle.setAttribute("aria-expanded", "true");
        toggle.setAttribute("aria-controls", fields.id);
        const title = document.createElement("span");
        title.className = "desk-section__title";
        toggle.append(title);
        // The button names the section; the admin's "Section: …" would say
        // it twice.
        for (const element of heading.querySelectorAll(":scope > b, :scope > .inline_label")) {
            element.hidden = true;
        }
        heading.prepend(toggle);
        heading.classList.add("desk-section__heading");
        toggle.addEventListener("click", () => {
            setCollapsed(row, !row.classList.contains("desk-section--collapsed"));
        });
    }

    // Showing the order ----------------------------------------------------------

    function refresh(group, contents) {
        const rows = rowsOf(group);
        rows.forEach(enhance);
        contents.replaceChildren();
        let number = 0;
        for (const row of rows) {
            const title = row.querySelector(".desk-section__title");
            const subheading = subheadingOf(row);
            if (isDeleted(row) || isEmptyNew(row)) {
                if (title) {
                    title.textContent = isDeleted(row)
                        ? format(t("Deleted when saved: %(subheading)s"), {
                              subheading: subheading || t("no subheading"),
                          })
                        : t("New section, empty (not saved until something is typed)");
                }
                continue;
            }
            number += 1;
            const name = subheading || t("(no subheading yet)");
            if (title) {
                title.textContent = `${number}. ${name}`;
            }
            const item = document.createElement("li");
            const link = document.createElement("a");
            link.href = `#${row.id}`;
            link.textContent = name;
            link.classList.toggle("desk-toc__missing", !subheading);
            link.addEventListener("click", (event) => {
                event.preventDefault();
                setCollapsed(row, false);
                field(row, "subheading").focus();
            });
            item.append(link);
            contents.append(item);
        }
        contents.closest(".desk-toc").hidden = number === 0;
        placeInserts(group, rows);
    }

    // Adding between -------------------------------------------------------------

    function addLinkOf(group) {
        const link = group.querySelector(".add-row a");
        // Django hides it at the limit of sections (and there is none
        // without the permission to add).
        return link && link.parentElement.style.display !== "none" ? link : null;
    }

    let insertBefore = null;

    function placeInserts(group, rows) {
        group.querySelectorAll(".desk-section-insert").forEach((slot) => slot.remove());
        const addLink = addLinkOf(group);
        if (!addLink) {
            return;
        }
        rows.slice(1).forEach((row, index) => {
            const slot = document.createElement("div");
            slot.className = "desk-section-insert";
            const button = document.createElement("button");
            button.type = "button";
            button.className = "desk-section-insert__button";
            button.textContent = t("Add section here");
            // Which place, for those who do not see the page: the visible
            // words first, so a spoken command names it.
            button.setAttribute(
                "aria-label",
                format(t("Add section here, between sections %(before)s and %(after)s"), {
                    before: index + 1,
                    after: index + 2,
                })
            );
            button.addEventListener("click", () => {
                insertBefore = row;
                addLink.click();
            });
            slot.append(button);
            row.before(slot);
        });
    }

    function placeNewRow(row) {
        const before = insertBefore;
        insertBefore = null;
        if (!before || !before.isConnected || !ROW_ID.test(row.id)) {
            return;
        }
        // After every listener of "formset:added" has seen the row where
        // Django put it (the editor sets itself up, the ordering script
        // numbers it last): then it moves, and every row is numbered anew.
        queueMicrotask(() => {
            before.before(row);
            row.dispatchEvent(new CustomEvent("desk-order:moved", { bubbles: true }));
            field(row, "subheading").focus();
        });
    }

    // The page -------------------------------------------------------------------

    function tools(group, contents) {
        const bar = document.createElement("div");
        bar.className = "desk-sections__tools";
        for (const [label, collapsed] of [
            [t("Collapse all"), true],
            [t("Expand all"), false],
        ]) {
            const button = document.createElement("button");
            button.type = "button";
            button.className = "desk-sections__tool";
            button.textContent = label;
            button.addEventListener("click", () => {
                rowsOf(group).forEach((row) => setCollapsed(row, collapsed));
            });
            bar.append(button);
        }

        const toc = document.createElement("nav");
        toc.className = "desk-toc";
        toc.setAttribute("aria-labelledby", "desk-toc-heading");
        const heading = document.createElement("h3");
        heading.id = "desk-toc-heading";
        heading.className = "desk-toc__heading";
        heading.textContent = t("Article subheadings, as readers will see them");
        toc.append(heading, contents);
        return [bar, toc];
    }

    function init() {
        const group = document.getElementById(`${PREFIX}-group`);
        if (!group || !group.querySelector(`[name^="${PREFIX}-"][name$="-subheading"]`)) {
            return; // no sections, or not editable here
        }
        group.classList.add("desk-sections");
        const contents = document.createElement("ol");
        contents.className = "desk-toc__list";
        const heading = group.querySelector(".inline-heading");
        heading.after(...tools(group, contents));

        const update = () => refresh(group, contents);
        group.addEventListener("input", (event) => {
            if (/-(subheading|body)$/.test(event.target.name || "")) {
                update();
            }
        });
        group.addEventListener("change", update);
        group.addEventListener("desk-order:changed", update);
        document.addEventListener("formset:added", (event) => {
            if (group.contains(event.target)) {
                placeNewRow(event.target);
                update();
            }
        });
        document.addEventListener("formset:removed", (event) => {
            if (event.detail && event.detail.formsetName === PREFIX) {
                // Django renumbers the rows after saying so.
                window.setTimeout(update);
            }
        });
        update();

        const folded = rememberedFolds();
        for (const row of rowsOf(group)) {
            // A section with an error stays open, where the writer sees it.
            const hasError = row.querySelector(".errorlist, .errors");
            if (folded.has(partId(row)) && !hasError) {
                setCollapsed(row, true);
            }
        }
    }

    // After Django's inlines.js has added its "Add another" links (on
    // DOMContentLoaded too, from a script later in the page).
    const start = () => window.setTimeout(init);
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
