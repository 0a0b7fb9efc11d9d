/*
 * The article form's writing aids: live character counts on the short texts
 * (headline, SEO title and description) against the lengths the desk
 * advises, a live word count and reading time for the whole article, and a
 * warning before unsaved edits are lost (leaving the page, or pressing a
 * workflow button, whose step saves nothing from the form).
 *
 * The rules come from the page (templates/admin/articles/article/includes/
 * writing.html, from articles/templatetags/desk_writing.py); the word count
 * mirrors the server's (articles.models.count_words, compute_reading_time),
 * so the minutes shown are the minutes a save will store.
 *
 * Rich-text section bodies (django-prose-editor) write their HTML into their
 * hidden textarea on every change and fire a bubbling "input" event from it:
 * listening for "input" on the form covers them with the plain fields.
 */
"use strict";
{
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);
    const ngettext = (singular, plural, count) =>
        typeof window.ngettext === "function"
            ? window.ngettext(singular, plural, count)
            : count === 1
              ? singular
              : plural;
    const format = (text, values) =>
        text.replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));

    // How long typing must pause before a count is read out: screen readers
    // hear the count once, not on every keystroke.
    const ANNOUNCE_AFTER_MS = 1000;

    // articles.models.WORD_RE, \w+(?:[’'-]\w+)*, with Python's \w (letters,
    // digits, underscore in any script).
    const WORD = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*/gu;
    // newsroom.richtext.plain_text: the text of the markup, entities decoded,
    // a block element (BLOCK_TAGS there) ending its words, an embed's
    // address left out.
    const BLOCK = "address,article,aside,blockquote,br,dd,div,dl,dt,figcaption,figure,footer,h1,h2,h3,h4,h5,h6,header,hr,li,ol,p,pre,section,table,tbody,td,tfoot,th,thead,tr,ul";
    const parser = new DOMParser();

    function plainText(markup) {
        const body = parser.parseFromString(markup, "text/html").body;
        for (const embed of body.querySelectorAll("figure[data-embed-url]")) embed.remove();
        for (const block of body.querySelectorAll(BLOCK)) {
            block.before(" ");
            block.after(" ");
        }
        return body.textContent;
    }

    // The texts a reader reads (Article.compute_reading_time): the article's
    // own, then each part's, by the inline formsets' field names.
    const COUNTED = /^(?:headline|dek|summary|sections-\d+-(?:subheading|body)|key_points-\d+-text|faqs-\d+-(?:question|answer))$/;

    function countWords(text) {
        return (plainText(text).match(WORD) || []).length;
    }

    // articles.limits.text_length: characters as the writer counts them.
    function textLength(text) {
        return [...text.replace(/\r\n/g, "\n")].length;
    }

    function isDeleted(form, name) {
        // A part marked for deletion is gone once saved.
        const row = name.match(/^(.+-\d+)-/);
        const box = row && form.elements.namedItem(`${row[1]}-DELETE`);
        return Boolean(box && box.checked);
    }

    function readingTime(form, status) {
        const perMinute = Number(status.dataset.wordsPerMinute);
        const output = document.getElementById("desk-writing-words");
        function update() {
            let words = 0;
            for (const field of form.elements) {
                if (COUNTED.test(field.name) && !isDeleted(form, field.name)) {
                    words += countWords(field.value || "");
                }
            }
            const minutes = Math.max(1, Math.ceil(words / perMinute));
            output.textContent = format(
                ngettext("%(words)s word", "%(words)s words", words) +
                    " · " +
                    ngettext("%(minutes)s minute to read", "%(minutes)s minutes to read", minutes),
                { words: words.toLocaleString(), minutes }
            );
        }
        form.addEventListener("input", update);
        // Rows added, removed or marked for deletion.
        form.addEventListener("change", update);
        form.addEventListener("click", () => window.setTimeout(update));
        update();
    }

    function characterCounts(form) {
        const advised = JSON.parse(document.getElementById("desk-writing-advised").textContent);
        const announce = document.getElementById("desk-writing-announce");
        let timer = null;

        function describe(field, limit) {
            const count = textLength(field.value);
            const label = form.querySelector(`label[for="${field.id}"]`);
            const name = label ? label.textContent.replace(/:\s*$/, "").trim() : field.name;
            const values = { name, count, limit, over: count - limit };
            return count > limit
                ? format(t("%(name)s: %(count)s characters, %(over)s over the advised %(limit)s."), values)
                : format(t("%(name)s: %(count)s of %(limit)s characters."), values);
        }

        for (const [name, limit] of Object.entries(advised)) {
            const field = form.elements.namedItem(name);
            if (!field || !field.id) {
                continue;
            }
            const counter = document.createElement("span");
            counter.className = "desk-count";
            counter.id = `${field.id}_count`;
            // Below the field, where the admin puts a field's help: the
            // field keeps its width.
            (field.closest(".flex-container") || field).after(counter);
            const describedBy = field.getAttribute("aria-describedby");
            field.setAttribute("aria-describedby", describedBy ? `${describedBy} ${counter.id}` : counter.id);

            const update = () => {
                const count = textLength(field.value);
                const over = count > limit;
                counter.classList.toggle("desk-count--over", over);
                counter.textContent = over
                    ? `${count} / ${limit} · ${format(t("%(over)s too long"), { over: count - limit })}`
                    : `${count} / ${limit}`;
            };
            field.addEventListener("input", () => {
                update();
                window.clearTimeout(timer);
                timer = window.setTimeout(() => {
                    announce.textContent = describe(field, limit);
                }, ANNOUNCE_AFTER_MS);
            });
            update();
        }
    }

    // Unsaved changes -----------------------------------------------------------

    // Rich-text bodies the editor rewrites on its first change (its HTML can
    // differ from the stored HTML in form only): the editor's form of the
    // stored body counts as the stored body, so typing then undoing there is
    // no change. Listened for at once: editors can be ready before the page.
    const editorForms = new Map();
    document.addEventListener("prose-editor:ready", (event) => {
        const { editor, textarea } = event.detail || {};
        if (!editor || !textarea || !textarea.name) {
            return;
        }
        // What django-prose-editor writes into the textarea on a change.
        const html = editor.getHTML();
        const written = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
        editorForms.set(textarea.name, { written, stored: textarea.value });
    });

    function formState(form) {
        const state = [];
        for (const [name, value] of new FormData(form)) {
            if (name === "csrfmiddlewaretoken" || name.includes("__prefix__")) {
                continue;
            }
            if (value instanceof File) {
                // Not its lastModified: an empty file input's is "now".
                state.push([name, `${value.name}:${value.size}`]);
                continue;
            }
            let text = value.replace(/\r\n/g, "\n");
            const editorForm = editorForms.get(name);
            if (editorForm && text === editorForm.written) {
                text = editorForm.stored;
            }
            state.push([name, text]);
        }
        return JSON.stringify(state);
    }

    function unsavedWarnings(form) {
        // The form as loaded, once every script has set its widgets up.
        let loaded = null;
        const takeLoaded = () => {
            loaded = formState(form);
        };
        if (document.readyState === "complete") {
            takeLoaded();
        } else {
            window.addEventListener("load", takeLoaded);
        }
        const hasChanges = () => loaded !== null && formState(form) !== loaded;
        let leaving = false;

        // Leaving by the form's own buttons saves: no warning then, unless
        // something stopped the submission after all.
        form.addEventListener("submit", (event) => {
            leaving = true;
            window.setTimeout(() => {
                if (event.defaultPrevented) {
                    leaving = false;
                }
            });
        });

        window.addEventListener("beforeunload", (event) => {
            if (leaving || !hasChanges()) {
                return;
            }
            event.preventDefault();
            event.returnValue = ""; // Chromium before 119 needs it set.
        });

        // A workflow step is a form of its own: it saves nothing from this
        // one, and leaves the page.
        document.querySelectorAll("form.desk-action").forEach((stepForm) => {
            stepForm.addEventListener("submit", (event) => {
                if (!hasChanges()) {
                    leaving = true;
                    return;
                }
                const question = t(
                    "This article has edits that are not saved. This step does not save them: " +
                        "if you go on, they will be lost. Go on without saving them?"
                );
                if (window.confirm(question)) {
                    leaving = true;
                } else {
                    event.preventDefault();
                }
            });
        });
    }

    function init() {
        const form = document.getElementById("article_form");
        const status = document.getElementById("desk-writing");
        if (!form || !status) {
            return;
        }
        status.hidden = false;
        readingTime(form, status);
        characterCounts(form);
        unsavedWarnings(form);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}
