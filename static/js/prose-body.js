/* The section-body editor's extensions of our own (django-prose-editor loads
 * this module: newsroom/body_extensions.py).
 *
 * - PullQuote: <blockquote class="pull-quote">, a quote set large on the page.
 * - Embed: a post from an allowlisted provider (newsroom/embeds.py), kept as
 *   <figure class="embed" data-embed-url="…"> around a plain link. The address
 *   is checked here against the allowlist's hosts so a refusal comes at once,
 *   with the server's words; the server checks it again on save, fully.
 * - LibraryImage: in static/js/prose-library-image.js.
 * - Table: the editor's own, asking for a header row unless told otherwise
 *   (a table without header cells cannot be read out cell by cell).
 */
import {
    Blockquote,
    Node,
    Table as BaseTable,
    gettext,
    mergeAttributes,
    updateAttrsDialog,
} from "django-prose-editor/editor";

/* The editor shows a table at the column's width, its cells wrapping, so it
 * never scrolls in a box of its own (which a keyboard could not reach) nor
 * makes the desk scroll sideways on a phone. The desk's policy allows inline
 * styles (newsroom/middleware.py); the editor itself adds one this way. */
if (!document.getElementById("prose-body-style")) {
    const style = document.createElement("style");
    style.id = "prose-body-style";
    style.textContent = `
.ProseMirror .tableWrapper { overflow: visible; }
.ProseMirror table { width: 100%; table-layout: fixed; }
.ProseMirror th, .ProseMirror td { overflow-wrap: anywhere; }
`;
    document.head.append(style);
}

/* The editor's menu marks a button that cannot act now (no selection to
 * link, nothing to undo) with a class only. Say so to assistive technology
 * too, as aria-disabled: screen readers announce it as unavailable, and
 * accessibility checkers judge its dimmed colours as an inactive control's. */
function markUnavailable(button) {
    if (button.classList.contains("disabled")) {
        button.setAttribute("aria-disabled", "true");
    } else {
        button.removeAttribute("aria-disabled");
    }
}

new MutationObserver((records) => {
    for (const record of records) {
        if (record.type === "attributes") {
            if (record.target.matches(".prose-menubar__button")) markUnavailable(record.target);
            continue;
        }
        for (const node of record.addedNodes) {
            if (node.nodeType !== 1) continue;
            if (node.matches(".prose-menubar__button")) markUnavailable(node);
            node.querySelectorAll(".prose-menubar__button").forEach(markUnavailable);
        }
    }
}).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
document.querySelectorAll(".prose-menubar__button").forEach(markUnavailable);

const format = (text, values) =>
    String(text).replace(/%\((\w+)\)s/g, (match, name) => String(values[name]));

export const PullQuote = Blockquote.extend({
    name: "pullQuote",

    parseHTML() {
        // Before the plain blockquote's rule, which would take it too.
        return [{ tag: "blockquote.pull-quote", priority: 60 }];
    },

    renderHTML({ HTMLAttributes }) {
        return ["blockquote", mergeAttributes(HTMLAttributes, { class: "pull-quote" }), 0];
    },

    addKeyboardShortcuts() {
        return {};
    },

    addInputRules() {
        return [];
    },

    addCommands() {
        return {
            togglePullQuote:
                () =>
                ({ commands }) =>
                    commands.toggleWrap(this.name),
        };
    },

    addMenuItems({ buttons, menu }) {
        menu.defineItem({
            name: "pullQuote",
            groups: "nodes",
            command: (editor) => editor.chain().focus().togglePullQuote().run(),
            button: buttons.material("format_quote_off", gettext("Pull quote")),
            active: (editor) => editor.isActive("pullQuote"),
            enabled: (editor) => editor.can().togglePullQuote(),
        });
    },
});

/* Why ``url`` cannot be embedded, or "" when the server may accept it. */
function refusal(url, options) {
    const messages = options.messages || {};
    let parsed;
    try {
        parsed = new URL(url);
    } catch {
        return format(messages.notALink, { url });
    }
    if (!/^https?:$/.test(parsed.protocol) || /\s/.test(url)) {
        return format(messages.notALink, { url });
    }
    if (parsed.username || parsed.password || parsed.port) {
        return format(messages.unsafeLink, { url });
    }
    const host = parsed.hostname.toLowerCase();
    if (options.hosts.includes(host)) return "";
    if (new RegExp(options.anyHostPath).test(parsed.pathname)) return "";
    return format(messages.notAllowed, { host, providers: options.providers.join(", ") });
}

/* The message under the editor, for the embed refused last (role=alert: it
 * is read out when it appears). */
function showRefusal(editor, text) {
    const box = editor.view.dom.closest(".prose-editor") || editor.view.dom.parentElement;
    let note = box.parentElement.querySelector(":scope > .embed-refused");
    if (!text) {
        if (note) note.remove();
        return;
    }
    if (!note) {
        note = document.createElement("p");
        note.className = "embed-refused errornote";
        note.setAttribute("role", "alert");
        box.insertAdjacentElement("afterend", note);
    }
    note.textContent = text;
}

const askForAddress = updateAttrsDialog(
    {
        url: {
            type: "string",
            title: gettext("Address of the post (YouTube, Vimeo, X, Instagram, TikTok, Bluesky, Mastodon, Spotify, SoundCloud, Datawrapper, Flourish)"),
        },
    },
    { title: gettext("Embed a post"), submitText: gettext("Embed") },
);

export const Embed = Node.create({
    name: "embed",
    group: "block",
    atom: true,
    selectable: true,
    draggable: true,

    addOptions() {
        return { hosts: [], providers: [], anyHostPath: "^$", messages: {} };
    },

    addAttributes() {
        return {
            url: {
                default: null,
                parseHTML: (element) => element.getAttribute("data-embed-url"),
                renderHTML: (attributes) => ({ "data-embed-url": attributes.url }),
            },
        };
    },

    parseHTML() {
        return [{ tag: "figure[data-embed-url]" }];
    },

    renderHTML({ node, HTMLAttributes }) {
        const url = node.attrs.url;
        return ["figure", mergeAttributes({ class: "embed" }, HTMLAttributes), ["a", { href: url }, url]];
    },

    // In the editor an embed is a card naming its address (no link to
    // follow by mistake while writing); the stored form is renderHTML's.
    addNodeView() {
        return ({ node }) => {
            const dom = document.createElement("figure");
            dom.className = "embed";
            Object.assign(dom.style, {
                margin: "0.75em 0",
                padding: "0.6em 0.8em",
                border: "1px solid #767b84",
                borderRadius: "6px",
                background: "#f4f3ef",
                overflowWrap: "anywhere",
            });
            const label = document.createElement("strong");
            label.textContent = `${gettext("Embed")}: `;
            dom.append(label, node.attrs.url || "");
            return { dom };
        };
    },

    addCommands() {
        return {
            insertEmbed:
                (url) =>
                ({ commands }) =>
                    // With a paragraph after it, where typing goes on (and
                    // which a table or another embed fills, not the embed).
                    commands.insertContent([{ type: this.name, attrs: { url } }, { type: "paragraph" }]),
        };
    },

    addMenuItems({ buttons, menu }) {
        const options = this.options;
        menu.defineItem({
            name: "embed",
            groups: "nodes",
            command(editor) {
                askForAddress(editor, { url: "" }).then((attributes) => {
                    const url = ((attributes && attributes.url) || "").trim();
                    if (!url) return;
                    const problem = refusal(url, options);
                    showRefusal(editor, problem);
                    if (!problem) editor.chain().focus().insertEmbed(url).run();
                });
            },
            button: buttons.material("smart_display", gettext("Embed a post")),
        });
    },
});

export const Table = BaseTable.extend({
    addCommands() {
        return {
            ...this.parent?.(),
            insertTableWithOptions:
                () =>
                ({ editor }) => {
                    updateAttrsDialog(
                        {
                            rows: { type: "number", title: gettext("Rows"), format: "number", min: "1", max: "100" },
                            cols: { type: "number", title: gettext("Columns"), format: "number", min: "1", max: "100" },
                            withHeaderRow: { title: gettext("Include header row"), enum: ["Yes", "No"] },
                        },
                        { title: gettext("Table Properties"), submitText: gettext("Insert Table") },
                    )(editor, { rows: "3", cols: "3", withHeaderRow: "Yes" }).then((attributes) => {
                        if (!attributes) return;
                        editor
                            .chain()
                            .focus()
                            .insertTable({
                                rows: Number.parseInt(attributes.rows, 10) || 3,
                                cols: Number.parseInt(attributes.cols, 10) || 3,
                                withHeaderRow: attributes.withHeaderRow !== "No",
                            })
                            .run();
                    });
                },
        };
    },
});
