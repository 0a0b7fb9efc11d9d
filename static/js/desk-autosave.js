/*
 * Autosave on the article's page: after a few seconds without typing, and
 * when the page is left or hidden, the change form as it is goes to the
 * server as this person's working draft (articles/admin/autosave.py). It is
 * never a save of the article: that stays the "Save" button.
 *
 * Only edited forms are sent, and never once "Save" was pressed (the save
 * clears the draft; a late copy must not bring it back). The rich-text
 * editor (django-prose-editor) writes into its hidden textarea and fires
 * "input" on it, which bubbles to the form like typing does.
 */
"use strict";
{
    const QUIET_MS = 3000;
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);

    function start() {
        const status = document.querySelector("[data-autosave-url]");
        const form = document.getElementById("article_form");
        if (!status || !form) {
            return;
        }
        const url = status.dataset.autosaveUrl;
        let timer = null;
        let edited = false;
        let submitting = false;

        function formData() {
            const data = new FormData(form);
            for (const [name, value] of [...data.entries()]) {
                if (value instanceof File || name.includes("__prefix__")) {
                    data.delete(name);
                }
            }
            return data; // with the CSRF token, which the server checks and drops
        }

        function send() {
            clearTimeout(timer);
            if (!edited || submitting) {
                return;
            }
            edited = false;
            fetch(url, { method: "POST", body: formData(), credentials: "same-origin" })
                .then((response) => response.json().then((answer) => ({ response, answer })))
                .then(({ response, answer }) => {
                    if (!response.ok) {
                        throw answer;
                    }
                    status.textContent = answer.message;
                })
                .catch((problem) => {
                    edited = true; // tried again after the next pause
                    status.textContent = (problem && problem.error) || t("Not saved as a working draft.");
                });
        }

        function sendNow() {
            // The page is going away: a beacon outlives it, fetch may not.
            clearTimeout(timer);
            if (edited && !submitting && navigator.sendBeacon(url, formData())) {
                edited = false;
            }
        }

        function typed() {
            edited = true;
            clearTimeout(timer);
            timer = setTimeout(send, QUIET_MS);
        }

        form.addEventListener("input", typed);
        form.addEventListener("change", typed);
        form.addEventListener("submit", () => {
            submitting = true;
            clearTimeout(timer);
        });
        window.addEventListener("pagehide", sendNow);
        document.addEventListener("visibilitychange", () => {
            if (document.visibilityState === "hidden") {
                sendNow();
            }
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
