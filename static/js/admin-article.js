/*
 * The article's page on the desk: "Copy" buttons next to shareable preview
 * links. The links are plain read-only text fields that can be selected and
 * copied by hand; this only adds the one-click button where the browser
 * allows writing to the clipboard.
 */
"use strict";
{
    const t = (text) => (typeof window.gettext === "function" ? window.gettext(text) : text);

    function enableCopyButtons() {
        if (!navigator.clipboard) {
            return;
        }
        document.querySelectorAll("[data-copy-target]").forEach((button) => {
            const field = document.getElementById(button.dataset.copyTarget);
            if (!field) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", () => {
                navigator.clipboard.writeText(field.value).then(
                    () => {
                        button.textContent = t("Copied");
                    },
                    () => {
                        field.select();
                    }
                );
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", enableCopyButtons);
    } else {
        enableCopyButtons();
    }
}
