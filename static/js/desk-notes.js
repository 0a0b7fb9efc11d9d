/*
 * Notes on the story (articles/admin/notes.py), on the article's change page
 * and the notes page.
 *
 * - The panel's forms (add, reply, resolve, reopen) are posted with fetch;
 *   the server answers with the panel as it is now, put in place here, so
 *   the article's form keeps whatever is unsaved in it. A refused note keeps
 *   its text and says why. Without this script the forms post normally and
 *   land on the notes page.
 * - "Show resolved notes" shows and hides the resolved ones.
 * - Each field or part with open notes gets a marker with their count; it
 *   leads to the panel with that field or part chosen in the form.
 * - Typing "@" and a name, in a note or a reply, offers the people who may
 *   open the article (a list read from a json_script block); choosing one
 *   writes "@login".
 *
 * Everything shown comes from the server's templates or is set as text:
 * notes are people's words, never markup. No inline script (the CSP).
 */
"use strict";
{
    const FIELD_ROWS = {
        headline: ".field-headline",
        slug: ".field-slug",
        dek: ".field-dek",
        hero: ".field-hero_image",
        filing: ".field-category",
        seo: ".field-seo_title",
        summary: ".field-summary",
    };
    const PART_PREFIXES = { section: "sections", key_point: "key_points", faq: "faqs" };
    const MENTION_BEFORE_CARET = /(?:^|[^\w.+@-])@([\w.+-]*)$/;
    const MOST_PEOPLE_SHOWN = 8;

    function readJSON(id, fallback) {
        const element = document.getElementById(id);
        if (!element) {
            return fallback;
        }
        try {
            return JSON.parse(element.textContent);
        } catch (error) {
            return fallback;
        }
    }

    function start() {
        const section = document.getElementById("desk-notes");
        if (!section) {
            return;
        }
        const panel = section.querySelector("[data-notes-panel]");
        const status = section.querySelector("[data-notes-status]");
        const addForm = section.querySelector("form.desk-notes__add");
        const anchorSelect = addForm.querySelector("select[name=anchor]");
        let showResolved = false;

        function say(text) {
            status.textContent = text || "";
        }

        // The toggle: the button works here, the link is for pages without
        // this script.
        function applyToggle() {
            const button = panel.querySelector("[data-notes-toggle]");
            const link = panel.querySelector("[data-notes-toggle-link]");
            if (!button) {
                return;
            }
            if (button.getAttribute("aria-pressed") === "true" && !button.dataset.ready) {
                showResolved = true; // the notes page opened with ?resolved=1
            }
            button.dataset.ready = "1";
            button.hidden = false;
            if (link) {
                link.hidden = true;
            }
            button.setAttribute("aria-pressed", showResolved ? "true" : "false");
            button.textContent = showResolved ? section.dataset.hideText : section.dataset.showText;
            panel.querySelectorAll(".desk-note--resolved").forEach((item) => {
                item.hidden = !showResolved;
            });
        }

        panel.addEventListener("click", (event) => {
            const button = event.target.closest("[data-notes-toggle]");
            if (button) {
                showResolved = !showResolved;
                applyToggle();
            }
        });

        // Markers beside the fields and parts with open notes.
        function rowFor(key) {
            const [kind, pk] = key.split(":");
            if (FIELD_ROWS[kind]) {
                return document.querySelector(`#article_form ${FIELD_ROWS[kind]}`);
            }
            const prefix = PART_PREFIXES[kind];
            if (!prefix || !pk) {
                return null;
            }
            for (const input of document.querySelectorAll(`#article_form input[name^="${prefix}-"][name$="-id"]`)) {
                if (input.value === pk) {
                    return input.closest(".inline-related, tr");
                }
            }
            return null;
        }

        function placeMarkers() {
            document.querySelectorAll(".desk-note-marker").forEach((marker) => marker.remove());
            const counts = readJSON("desk-notes-counts", {});
            for (const [key, count] of Object.entries(counts)) {
                const row = rowFor(key);
                if (!row || !count) {
                    continue;
                }
                const marker = document.createElement("a");
                marker.className = "desk-note-marker";
                marker.href = "#desk-notes";
                marker.dataset.anchor = key;
                marker.textContent =
                    count === 1
                        ? section.dataset.markerOne
                        : section.dataset.markerMany.replace("%(count)s", String(count));
                let place = row;
                if (row.matches("tr")) {
                    place = row.querySelector("td:not(.original):not(.hidden)") || row.cells[0];
                } else if (row.matches(".inline-related")) {
                    place = row.querySelector("h3") || row;
                }
                place.append(" ", marker);
            }
        }

        document.addEventListener("click", (event) => {
            const marker = event.target.closest(".desk-note-marker");
            if (!marker || !anchorSelect) {
                return;
            }
            event.preventDefault();
            if ([...anchorSelect.options].some((option) => option.value === marker.dataset.anchor)) {
                anchorSelect.value = marker.dataset.anchor;
            }
            const first = panel.querySelector(`.desk-note[data-anchor="${CSS.escape(marker.dataset.anchor)}"]:not([hidden])`);
            (first || section).scrollIntoView({ block: "start" });
            addForm.querySelector("textarea").focus({ preventScroll: Boolean(first) });
        });

        // Posting without leaving the page.
        function errorBox(form) {
            return form.querySelector("[data-notes-error]");
        }

        function post(form) {
            const box = errorBox(form);
            const button = form.querySelector("button[type=submit]");
            if (box) {
                box.textContent = "";
            }
            button.disabled = true;
            return fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            })
                .then((response) =>
                    response
                        .json()
                        .catch(() => ({}))
                        .then((answer) => ({ ok: response.ok, answer })),
                )
                .then(({ ok, answer }) => {
                    if (!ok || !answer.panel) {
                        const text = answer.error || section.dataset.failedText;
                        if (box) {
                            box.textContent = text;
                        } else {
                            say(text);
                        }
                        return;
                    }
                    const keepOpen = form === addForm;
                    parkMentions();
                    panel.innerHTML = answer.panel;
                    applyToggle();
                    placeMarkers();
                    if (keepOpen) {
                        form.querySelector("textarea").value = "";
                    }
                    say([answer.message, answer.warning].filter(Boolean).join(" "));
                })
                .catch(() => {
                    if (box) {
                        box.textContent = section.dataset.failedText;
                    } else {
                        say(section.dataset.failedText);
                    }
                })
                .finally(() => {
                    button.disabled = false;
                });
        }

        section.addEventListener("submit", (event) => {
            const form = event.target.closest("form[data-notes-form]");
            if (!form) {
                return;
            }
            event.preventDefault();
            const text = form.querySelector("textarea");
            if (text && !text.value.trim()) {
                errorBox(form).textContent = text.validationMessage || section.dataset.emptyText;
                text.focus();
                return;
            }
            post(form);
        });

        const parkMentions = mentions(section, addForm);
        applyToggle();
        placeMarkers();
    }

    // The @mention autocomplete on every note's text box (the new note's,
    // each reply's): one listbox of people, moved under the box being typed
    // in; arrows move, Enter or Tab chooses, Escape closes. Returns a
    // function that puts the listbox back in the add form, out of the panel
    // the server's answer replaces.
    function mentions(section, addForm) {
        const list = document.getElementById("desk-notes-people");
        const people = readJSON("desk-notes-people-data", []);
        const home = list && list.parentElement;
        let textarea = null;
        let matches = [];
        let active = -1;

        function close() {
            list.hidden = true;
            list.replaceChildren();
            matches = [];
            active = -1;
            if (textarea) {
                textarea.removeAttribute("aria-activedescendant");
            }
        }

        function park() {
            if (list && list.parentElement !== home) {
                close();
                addForm.querySelector(".desk-notes__help").before(list);
            }
        }

        if (!list || !people.length) {
            return () => {};
        }

        function typed() {
            const before = textarea.value.slice(0, textarea.selectionStart);
            const found = MENTION_BEFORE_CARET.exec(before);
            return found ? found[1] : null;
        }

        function highlight(index) {
            active = index;
            [...list.children].forEach((item, position) => {
                item.setAttribute("aria-selected", position === active ? "true" : "false");
            });
            if (active >= 0) {
                textarea.setAttribute("aria-activedescendant", list.children[active].id);
            }
        }

        function open() {
            const word = typed();
            if (word === null) {
                close();
                return;
            }
            const needle = word.toLowerCase();
            matches = people
                .filter(
                    (person) =>
                        person.username.toLowerCase().startsWith(needle) ||
                        person.name
                            .toLowerCase()
                            .split(/\s+/)
                            .some((part) => part.startsWith(needle)),
                )
                .slice(0, MOST_PEOPLE_SHOWN);
            if (!matches.length) {
                close();
                return;
            }
            list.replaceChildren(
                ...matches.map((person, index) => {
                    const item = document.createElement("li");
                    item.id = `desk-notes-person-${index}`;
                    item.setAttribute("role", "option");
                    item.textContent =
                        person.name && person.name !== person.username
                            ? `${person.name} (@${person.username})`
                            : `@${person.username}`;
                    return item;
                }),
            );
            list.hidden = false;
            highlight(0);
        }

        function choose(index) {
            const person = matches[index];
            if (!person) {
                return;
            }
            const caret = textarea.selectionStart;
            const before = textarea.value.slice(0, caret).replace(/@[\w.+-]*$/, `@${person.username} `);
            textarea.value = before + textarea.value.slice(caret);
            textarea.setSelectionRange(before.length, before.length);
            close();
            textarea.focus();
        }

        section.addEventListener("input", (event) => {
            const box = event.target.closest("textarea[data-notes-mentions]");
            if (!box) {
                return;
            }
            if (box !== textarea) {
                close();
                textarea = box;
                // Under the box: in the add form, after its paragraph.
                (box.closest(".desk-notes__field") || box).after(list);
            }
            open();
        });
        section.addEventListener("focusout", (event) => {
            if (event.target === textarea) {
                window.setTimeout(close, 150);
            }
        });
        section.addEventListener("keydown", (event) => {
            if (event.target !== textarea || list.hidden) {
                return;
            }
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                const step = event.key === "ArrowDown" ? 1 : -1;
                highlight((active + step + matches.length) % matches.length);
            } else if (event.key === "Enter" || event.key === "Tab") {
                event.preventDefault();
                choose(active);
            } else if (event.key === "Escape") {
                event.preventDefault();
                close();
            }
        });
        // mousedown, not click: the text box keeps the focus.
        list.addEventListener("mousedown", (event) => {
            const item = event.target.closest("[role=option]");
            if (item) {
                event.preventDefault();
                choose([...list.children].indexOf(item));
            }
        });
        return park;
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
