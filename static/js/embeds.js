/* Click-to-load embeds on the reader's page (newsroom/templatetags/bodies.py).
 *
 * Each embed arrives as a placeholder: the provider's name, a link to the
 * post and a hidden "Load content from …" button carrying the iframe's
 * address, which the server derived from the allowlisted post address
 * (newsroom/embeds.py). Nothing is requested from the provider until the
 * reader presses the button; then the iframe takes the placeholder's place,
 * with the link kept under it. Without this script the link is all there is.
 */
(function () {
    "use strict";
    // A page with embeds in several sections loads this once per section.
    if (document.documentElement.hasAttribute("data-embeds-ready")) return;
    document.documentElement.setAttribute("data-embeds-ready", "");

    function load(button) {
        const src = button.dataset.embedSrc || "";
        if (!src.startsWith("https://")) return;
        const placeholder = button.closest(".embed__placeholder");
        const frame = document.createElement("iframe");
        frame.className = "embed__frame";
        frame.src = src;
        frame.title = button.dataset.embedTitle || "";
        frame.loading = "lazy";
        frame.referrerPolicy = "strict-origin-when-cross-origin";
        frame.allow = "encrypted-media; fullscreen; picture-in-picture";
        frame.allowFullscreen = true;
        const link = placeholder.querySelector(".embed__link");
        const caption = document.createElement("figcaption");
        caption.className = "embed__caption";
        if (link) caption.append(...link.childNodes);
        placeholder.replaceWith(frame, caption);
        // Keyboard and screen-reader users land on what they asked for.
        frame.focus();
    }

    document.addEventListener("click", (event) => {
        const button = event.target.closest(".embed__load");
        if (button) load(button);
    });

    for (const button of document.querySelectorAll(".embed__load")) {
        button.hidden = false;
    }
})();
