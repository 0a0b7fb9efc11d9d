/* The section-body editor's library images (django-prose-editor loads this
 * module: newsroom/body_extensions.py).
 *
 * LibraryImage: a picture from the image library, kept as a reference only,
 * <figure data-library-image="ID" data-alt="…"><figcaption>…</figcaption>
 * (alt text and caption for this use, both optional: the library's own
 * otherwise; newsroom/richtext.py). Its button opens a dialog that searches
 * the library (its desk's search, with thumbnails: library/inline_desk.py)
 * or uploads a new picture through the library's add page in a popup. In the
 * editor the image is a card with its thumbnail; the reader's page draws the
 * picture (library/inline.py). With a library image selected, the button
 * changes that image's texts or picture.
 */
import { Node, gettext } from "django-prose-editor/editor";

/* The desk's policy allows inline styles (newsroom/middleware.py). */
const LIBRARY_STYLE = `
.library-pick { width: min(38rem, calc(100vw - 1.5rem)); max-height: calc(100vh - 2rem); padding: 1rem; border: 1px solid #767b84; border-radius: 8px; box-sizing: border-box; overflow: auto; }
.library-pick::backdrop { background: rgb(0 0 0 / 0.45); }
.library-pick h2 { margin: 0 0 0.75rem; font-size: 1.125rem; }
.library-pick label { display: block; font-weight: 600; margin: 0.6rem 0 0.25rem; }
.library-pick input[type="search"], .library-pick input[type="text"] { width: 100%; box-sizing: border-box; }
.library-pick__results { list-style: none; margin: 0.5rem 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr)); gap: 0.5rem; }
.library-pick__results li { list-style: none; margin: 0; padding: 0; }
.library-pick [hidden] { display: none !important; }
.library-pick__results button { display: block; width: 100%; padding: 0.25rem; text-align: left; border: 2px solid transparent; border-radius: 6px; background: #f4f3ef; color: #1d1f23; cursor: pointer; font: inherit; font-size: 0.8125rem; overflow-wrap: anywhere; }
.library-pick__results button[aria-pressed="true"] { border-color: #1d4ed8; background: #e6edfb; }
.library-pick__results img { display: block; width: 100%; height: 5rem; object-fit: cover; border-radius: 4px; }
.library-pick__actions { display: flex; flex-wrap: wrap; gap: 0.5rem; justify-content: flex-end; margin-top: 0.9rem; }
.library-pick__status { margin: 0.25rem 0; }
.library-image-card { display: flex; gap: 0.75rem; align-items: center; margin: 0.75em 0; padding: 0.5em 0.7em; border: 1px solid #767b84; border-radius: 6px; background: #f4f3ef; overflow-wrap: anywhere; }
.library-image-card img { width: 6rem; height: 4rem; object-fit: cover; border-radius: 4px; flex: none; }
`;

if (!document.getElementById("prose-library-style")) {
    const style = document.createElement("style");
    style.id = "prose-library-style";
    style.textContent = LIBRARY_STYLE;
    document.head.append(style);
}

function element(tag, properties = {}, children = []) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
}

async function getJSON(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
}

const summaryUrl = (options, id) => String(options.summaryUrl).replace("/0/", `/${id}/`);

let pickerCount = 0;

/* The dialog: resolves with {id, alt, caption}, or null when cancelled. */
function pickLibraryImage(options, current) {
    pickerCount += 1;
    const prefix = `library-pick-${pickerCount}`;
    return new Promise((resolve) => {
        let chosen = current ? current.id : null;
        const search = element("input", { type: "search", id: `${prefix}-q`, autocomplete: "off" });
        const status = element("p", { className: "library-pick__status help", role: "status" });
        const results = element("ul", { className: "library-pick__results", id: `${prefix}-results` });
        results.setAttribute("aria-label", gettext("Images found"));
        const alt = element("input", { type: "text", id: `${prefix}-alt`, value: (current && current.alt) || "", maxLength: 250 });
        const caption = element("input", { type: "text", id: `${prefix}-caption`, value: (current && current.caption) || "", maxLength: 300 });
        const uploaded = element("input", { type: "hidden", id: `${prefix}-upload` });
        const problem = element("p", { className: "errornote", hidden: true, role: "alert" });
        const insert = element("button", { type: "submit", className: "button default", textContent: current ? gettext("Update image") : gettext("Insert image") });
        const cancel = element("button", { type: "button", className: "button", textContent: gettext("Cancel") });
        const upload = element("button", { type: "button", className: "button", textContent: gettext("Upload a new image") });
        const title = element("h2", { id: `${prefix}-title`, textContent: gettext("Library image") });
        const form = element("form", { method: "dialog" }, [
            title,
            element("label", { htmlFor: search.id, textContent: gettext("Search the library (alt text, caption, credit, source)") }),
            search,
            status,
            results,
            element("label", { htmlFor: alt.id, textContent: gettext("Alt text for this use (optional; the library's otherwise)") }),
            alt,
            element("label", { htmlFor: caption.id, textContent: gettext("Caption for this use (optional; the library's otherwise)") }),
            caption,
            uploaded,
            problem,
            element("div", { className: "library-pick__actions" }, [upload, cancel, insert]),
        ]);
        const dialog = element("dialog", { className: "library-pick" }, [form]);
        dialog.setAttribute("aria-labelledby", title.id);
        document.body.append(dialog);

        function choose(id) {
            chosen = id;
            problem.hidden = true;
            for (const button of results.querySelectorAll("button")) {
                button.setAttribute("aria-pressed", String(button.dataset.id === String(id)));
            }
        }

        function show(found) {
            results.replaceChildren(
                ...found.map((image) => {
                    const button = element("button", { type: "button" }, [
                        element("img", { src: image.thumbnail, alt: "", loading: "lazy" }),
                        image.alt || image.caption || `#${image.id}`,
                        image.credit ? element("small", { textContent: ` ${image.credit}` }) : "",
                    ]);
                    button.dataset.id = String(image.id);
                    button.setAttribute("aria-pressed", String(String(image.id) === String(chosen)));
                    button.addEventListener("click", () => choose(image.id));
                    return element("li", {}, [button]);
                }),
            );
            status.textContent = found.length
                ? gettext("%(count)s images found: choose one.").replace("%(count)s", String(found.length))
                : gettext("No image found. Try other words, or upload a new image.");
        }

        let asked = 0;
        async function find() {
            const ask = ++asked;
            const url = new URL(options.searchUrl, window.location.href);
            url.searchParams.set("q", search.value.trim());
            try {
                const answer = await getJSON(url);
                if (ask === asked) show(answer.results);
            } catch {
                if (ask === asked) status.textContent = gettext("The library could not be searched. Try again.");
            }
        }

        let waiting;
        search.addEventListener("input", () => {
            clearTimeout(waiting);
            waiting = setTimeout(find, 250);
        });
        search.addEventListener("keydown", (event) => {
            // Enter searches at once rather than inserting.
            if (event.key === "Enter") {
                event.preventDefault();
                clearTimeout(waiting);
                find();
            }
        });

        // The library's add page in a popup; on saving it, Django's admin
        // puts the new image's id into the element named like the window
        // and announces it through jQuery.
        const addedImage = async () => {
            const id = uploaded.value;
            if (!/^\d+$/.test(id)) return;
            search.value = "";
            await find();
            choose(Number(id));
        };
        if (window.django && window.django.jQuery) window.django.jQuery(uploaded).on("change", addedImage);
        upload.addEventListener("click", () => {
            const url = new URL(options.addUrl, window.location.href);
            url.searchParams.set("_to_field", "id");
            url.searchParams.set("_popup", "1");
            const popup = window.open(url, `${uploaded.id}__1`, "height=768,width=1024,resizable=yes,scrollbars=yes");
            if (popup) popup.focus();
        });

        function finish(value) {
            dialog.close();
            dialog.remove();
            resolve(value);
        }
        cancel.addEventListener("click", () => finish(null));
        dialog.addEventListener("cancel", (event) => {
            event.preventDefault();
            finish(null);
        });
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            if (chosen === null) {
                problem.textContent = gettext("Choose an image first (search, or upload a new one).");
                problem.hidden = false;
                return;
            }
            finish({ id: Number(chosen), alt: alt.value.trim(), caption: caption.value.trim() });
        });

        dialog.showModal();
        search.focus();
        find();
    });
}

export const LibraryImage = Node.create({
    name: "libraryImage",
    group: "block",
    atom: true,
    selectable: true,
    draggable: true,

    addOptions() {
        return { searchUrl: "", summaryUrl: "", addUrl: "" };
    },

    addAttributes() {
        return {
            id: {
                default: null,
                parseHTML: (node) => {
                    const id = node.getAttribute("data-library-image");
                    return /^\d+$/.test(id || "") ? Number(id) : null;
                },
                renderHTML: (attributes) => ({ "data-library-image": attributes.id }),
            },
            alt: {
                default: "",
                parseHTML: (node) => node.getAttribute("data-alt") || "",
                renderHTML: (attributes) => (attributes.alt ? { "data-alt": attributes.alt } : {}),
            },
            caption: {
                default: "",
                parseHTML: (node) => {
                    const caption = node.querySelector("figcaption");
                    return caption ? caption.textContent.trim() : "";
                },
                renderHTML: () => ({}),
            },
        };
    },

    parseHTML() {
        return [{ tag: "figure[data-library-image]" }];
    },

    renderHTML({ node, HTMLAttributes }) {
        const caption = node.attrs.caption;
        return caption ? ["figure", HTMLAttributes, ["figcaption", caption]] : ["figure", HTMLAttributes];
    },

    // In the editor a library image is a card: its thumbnail and its texts
    // (this use's, else the library's, as the reader will see them).
    addNodeView() {
        const options = this.options;
        return ({ node }) => {
            const image = element("img", { alt: "" });
            const text = element("span", {}, [element("strong", { textContent: `${gettext("Library image")}: ` })]);
            const said = element("span", { textContent: node.attrs.alt || node.attrs.caption || `#${node.attrs.id}` });
            text.append(said);
            const dom = element("figure", { className: "library-image-card" }, [image, text]);
            dom.dataset.libraryImage = String(node.attrs.id);
            getJSON(summaryUrl(options, node.attrs.id))
                .then((summary) => {
                    image.src = summary.thumbnail;
                    said.textContent = [node.attrs.alt || summary.alt, node.attrs.caption || summary.caption, summary.credit]
                        .filter(Boolean)
                        .join(" · ");
                })
                .catch(() => {
                    image.remove();
                    said.textContent = gettext("This image is no longer in the library; it will not be shown.");
                });
            return { dom };
        };
    },

    addCommands() {
        return {
            insertLibraryImage:
                (attrs) =>
                ({ commands }) =>
                    commands.insertContent([{ type: this.name, attrs }, { type: "paragraph" }]),
        };
    },

    addMenuItems({ buttons, menu }) {
        const options = this.options;
        const name = this.name;
        menu.defineItem({
            name: "libraryImage",
            groups: "nodes",
            command(editor) {
                const { selection } = editor.state;
                const selected = selection.node && selection.node.type.name === name ? selection.node.attrs : null;
                pickLibraryImage(options, selected).then((attrs) => {
                    if (!attrs) {
                        editor.commands.focus();
                        return;
                    }
                    if (selected) {
                        editor.chain().focus().updateAttributes(name, attrs).run();
                    } else {
                        editor.chain().focus().insertLibraryImage(attrs).run();
                    }
                });
            },
            button: buttons.material("image", gettext("Library image")),
            active: (editor) => editor.isActive(name),
        });
    },
});
