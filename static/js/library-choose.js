/*
 * A library image chosen in another form (library/choosers.py): when the
 * choice changes (picked in the search, or uploaded in the "+" popup), the
 * preview beside it shows the new picture with its alt text, caption and
 * credit, read from the library (the image's "summary" address), so the
 * journalist sees what the article's own texts would override.
 */
"use strict";
{
    const dash = "–";

    function preview(select) {
        return document.getElementById(`${select.id}_preview`);
    }

    async function show(select) {
        const box = preview(select);
        if (!box) {
            return;
        }
        const id = select.value;
        if (!/^\d+$/.test(id)) {
            box.hidden = true;
            return;
        }
        const url = select.dataset.librarySummary.replace("/0/", `/${id}/`);
        let summary;
        try {
            const response = await fetch(url, {
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            });
            if (!response.ok) {
                return;
            }
            summary = await response.json();
        } catch (error) {
            return; // the preview stays as it was; the choice itself is made
        }
        if (select.value !== id) {
            return; // chosen again meanwhile
        }
        box.querySelector(".library-chosen-thumb").src = summary.thumbnail;
        for (const name of ["alt", "caption", "credit"]) {
            const text = box.querySelector(`[data-text="${name}"]`);
            if (text) {
                text.textContent = summary[name] || dash;
            }
        }
        box.hidden = false;
    }

    function init() {
        for (const select of document.querySelectorAll("select[data-library-summary]")) {
            // Select2 and the admin's popups announce a new choice through
            // jQuery, which native listeners do not hear.
            if (window.django && window.django.jQuery) {
                window.django.jQuery(select).on("change", () => show(select));
            } else {
                select.addEventListener("change", () => show(select));
            }
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}
