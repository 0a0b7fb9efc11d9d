/*
 * The live preview (articles/admin/live_preview.py): the article as its
 * change form holds it now, in the public template, beside the form or in a
 * tab of its own, never saved.
 *
 * On the change page, 800 ms after the last keystroke (and when the pane
 * opens), the form is posted to the preview URL as it would be saved (its
 * files left out: a file is shown only once saved) and the answer goes into
 * an iframe as srcdoc: the desk's Content-Security-Policy then governs it,
 * so only our static CSS and JS run there. The new frame loads hidden
 * behind the one shown and takes its place at the same scroll position, so
 * the preview does not flash or jump while the journalist types.
 *
 * A preview tab (live-preview/tab/) shows what the change page renders: the
 * two talk over a BroadcastChannel named after the article. The tab says
 * "hello" when it opens; the change page renders for it even with its own
 * pane closed, until the tab says "bye".
 *
 * The pane's state (open, phone or desktop width) is remembered in this
 * browser. "Preview updated" is announced politely when the preview first
 * shows and after a failure, not after each pause in typing.
 */
"use strict";
{
    const QUIET_MS = 800;
    const STORE = "newsroom.livePreview";

    function remembered() {
        try {
            return JSON.parse(window.localStorage.getItem(STORE)) || {};
        } catch {
            return {};
        }
    }

    function remember(change) {
        try {
            window.localStorage.setItem(STORE, JSON.stringify({ ...remembered(), ...change }));
        } catch {
            // Storage refused (private mode, full): only the memory is lost.
        }
    }

    // Links in the preview: its own anchors (the contents, the skip link)
    // scroll the preview; any other opens in a new tab, as the public pages
    // refuse to be framed.
    function keepLinksOutOfTheFrame(doc) {
        doc.addEventListener("click", (event) => {
            const link = event.target.closest && event.target.closest("a[href]");
            if (!link) {
                return;
            }
            event.preventDefault();
            const href = link.getAttribute("href");
            if (href.startsWith("#")) {
                const target = doc.getElementById(decodeURIComponent(href.slice(1)));
                if (target) {
                    target.scrollIntoView();
                }
                return;
            }
            window.open(link.href, "_blank", "noopener");
        });
        doc.addEventListener("submit", (event) => {
            event.target.target = "_blank";
        });
    }

    // The new frame's document may still be growing when it has loaded
    // (its layout settles over the next frames): it is scrolled to the old
    // one's place until it gets there, or for a few frames at most (the
    // text may have become shorter), then shown.
    function scrollOnceLaidOut(frame, x, y, done) {
        let frames = 0;
        const attempt = () => {
            const view = frame.contentWindow;
            if (!view) {
                return; // taken away meanwhile
            }
            view.scrollTo(x, y);
            if (Math.abs(view.scrollY - y) < 2 || frames++ > 30) {
                done();
            } else {
                window.requestAnimationFrame(attempt);
            }
        };
        attempt();
    }

    // One pane: its width switch, its status and the frame on its stage.
    class Viewer {
        constructor(pane) {
            this.pane = pane;
            this.stage = pane.querySelector("[data-live-preview-stage]");
            this.status = pane.querySelector("[data-live-preview-status]");
            this.time = pane.querySelector("[data-live-preview-time]");
            this.problem = pane.querySelector("[data-live-preview-problem]");
            this.frame = null;
            this.pending = null;
            this.width = Number(remembered().width) === 375 ? 375 : 1280;
            for (const radio of pane.querySelectorAll("[data-live-preview-width]")) {
                radio.checked = Number(radio.value) === this.width;
                radio.addEventListener("change", () => {
                    if (radio.checked) {
                        this.width = Number(radio.value);
                        remember({ width: this.width });
                        this.fit();
                    }
                });
            }
            new ResizeObserver(() => this.fit()).observe(this.stage);
        }

        show(html) {
            const previous = this.frame;
            const next = document.createElement("iframe");
            next.title = this.pane.dataset.frameTitle;
            next.className = "desk-live-preview__frame desk-live-preview__frame--loading";
            next.addEventListener(
                "load",
                () => {
                    if (this.pending !== next) {
                        return; // a newer one is on its way
                    }
                    keepLinksOutOfTheFrame(next.contentDocument);
                    const place = previous && previous.contentWindow;
                    scrollOnceLaidOut(next, place ? place.scrollX : 0, place ? place.scrollY : 0, () => {
                        if (this.pending !== next) {
                            return;
                        }
                        next.classList.remove("desk-live-preview__frame--loading");
                        if (previous) {
                            previous.remove();
                        }
                        this.frame = next;
                        this.pending = null;
                        this.updated();
                    });
                },
                { once: true },
            );
            if (this.pending) {
                this.pending.remove();
            }
            this.pending = next;
            this.fitFrame(next);
            this.stage.append(next);
            next.srcdoc = html;
        }

        // The chosen width, scaled down to the stage when it is narrower.
        fit() {
            for (const frame of this.stage.querySelectorAll("iframe")) {
                this.fitFrame(frame);
            }
        }

        fitFrame(frame) {
            const room = this.stage.clientWidth;
            const scale = room > 0 ? Math.min(1, room / this.width) : 1;
            frame.style.width = `${this.width}px`;
            frame.style.height = `${this.stage.clientHeight / scale}px`;
            frame.style.left = `${Math.max(0, (room - this.width * scale) / 2)}px`;
            frame.style.transform = scale < 1 ? `scale(${scale})` : "";
        }

        updated() {
            this.problem.hidden = true;
            this.time.textContent = `${this.pane.dataset.updatedAt} ${new Date().toLocaleTimeString()}.`;
            this.say(this.pane.dataset.updated);
        }

        failed(message) {
            this.problem.textContent = message;
            this.problem.hidden = false;
            this.say(message);
        }

        // The live region speaks when its text changes: the same words
        // again stay unsaid.
        say(text) {
            if (this.status.textContent !== text) {
                this.status.textContent = text;
            }
        }

        quiet() {
            this.status.textContent = "";
        }
    }

    function problemFrom(response, text, pane) {
        try {
            const answer = JSON.parse(text);
            if (answer && answer.error) {
                return answer.error;
            }
        } catch {
            // Not JSON: an error page (a 400 for a form too large, a 404).
        }
        return `${pane.dataset.failed} (${response.status})`;
    }

    function startForm(pane, form) {
        const bar = document.querySelector("[data-live-preview-bar]");
        const toggle = document.getElementById("desk-live-preview-toggle");
        if (!bar || !toggle) {
            return;
        }
        // Below the form on narrow screens (CSS puts it beside on wide ones).
        form.after(pane);
        bar.hidden = false;
        const viewer = new Viewer(pane);
        const channel = "BroadcastChannel" in window ? new BroadcastChannel(pane.dataset.channel) : null;
        const tabs = new Set();
        let timer = null;
        let inFlight = null;
        let lastHtml = null;
        let changed = true;

        const isOpen = () => !pane.hidden;

        function formData() {
            const data = new FormData(form);
            for (const [name, value] of [...data.entries()]) {
                if (value instanceof File || name.includes("__prefix__")) {
                    data.delete(name);
                }
            }
            return data; // with the CSRF token
        }

        function render() {
            clearTimeout(timer);
            if (!isOpen() && tabs.size === 0) {
                return; // rendered when someone looks
            }
            if (inFlight) {
                inFlight.abort();
            }
            const request = new AbortController();
            inFlight = request;
            changed = false;
            fetch(pane.dataset.url, {
                method: "POST",
                body: formData(),
                credentials: "same-origin",
                signal: request.signal,
            })
                .then((response) =>
                    response.text().then((text) => {
                        if (!response.ok) {
                            throw new Error(problemFrom(response, text, pane));
                        }
                        return text;
                    }),
                )
                .then((html) => {
                    lastHtml = html;
                    if (isOpen()) {
                        viewer.show(html);
                    }
                    if (channel) {
                        channel.postMessage({ type: "html", html });
                    }
                })
                .catch((problem) => {
                    if (request.signal.aborted) {
                        return;
                    }
                    changed = true; // tried again after the next pause
                    const message = problem && problem.message ? problem.message : pane.dataset.failed;
                    viewer.failed(message);
                    if (channel) {
                        channel.postMessage({ type: "failed", message });
                    }
                })
                .finally(() => {
                    if (inFlight === request) {
                        inFlight = null;
                    }
                });
        }

        function typed() {
            changed = true;
            clearTimeout(timer);
            timer = setTimeout(render, QUIET_MS);
        }

        function setOpen(open) {
            pane.hidden = !open;
            toggle.setAttribute("aria-expanded", String(open));
            document.documentElement.classList.toggle("desk-live-preview-open", open);
            remember({ open });
            if (!open) {
                return;
            }
            viewer.quiet(); // so that the first preview is announced
            if (changed || !lastHtml) {
                render();
            } else {
                viewer.show(lastHtml);
            }
        }

        form.addEventListener("input", typed);
        form.addEventListener("change", typed);
        toggle.addEventListener("click", () => setOpen(!isOpen()));
        const close = pane.querySelector("[data-live-preview-close]");
        if (close) {
            close.addEventListener("click", () => {
                setOpen(false);
                toggle.focus();
            });
        }

        if (channel) {
            channel.addEventListener("message", ({ data }) => {
                if (data.type === "hello") {
                    tabs.add(data.tab);
                    if (lastHtml && !changed) {
                        channel.postMessage({ type: "html", html: lastHtml });
                    } else {
                        render();
                    }
                } else if (data.type === "bye") {
                    tabs.delete(data.tab);
                }
            });
            window.addEventListener("pagehide", () => channel.postMessage({ type: "closed" }));
            channel.postMessage({ type: "form-open" });
        }
        if (remembered().open) {
            setOpen(true);
        }
    }

    function startTab(pane) {
        pane.hidden = false;
        const viewer = new Viewer(pane);
        if (!("BroadcastChannel" in window)) {
            viewer.failed(pane.dataset.waiting);
            return;
        }
        const channel = new BroadcastChannel(pane.dataset.channel);
        const tab = `${Date.now()}-${Math.random()}`;
        let shown = false;
        channel.addEventListener("message", ({ data }) => {
            if (data.type === "html") {
                shown = true;
                viewer.show(data.html);
            } else if (data.type === "failed") {
                viewer.failed(data.message);
            } else if (data.type === "closed") {
                viewer.failed(shown ? pane.dataset.formClosed : pane.dataset.waiting);
            } else if (data.type === "form-open") {
                channel.postMessage({ type: "hello", tab });
            }
        });
        window.addEventListener("pagehide", () => channel.postMessage({ type: "bye", tab }));
        channel.postMessage({ type: "hello", tab });
        // Said only if no form answers soon.
        window.setTimeout(() => {
            if (!shown) {
                viewer.failed(pane.dataset.waiting);
            }
        }, 3000);
    }

    function start() {
        const pane = document.querySelector("[data-live-preview]");
        if (!pane) {
            return;
        }
        if (pane.dataset.inTab === "true") {
            startTab(pane);
            return;
        }
        const form = document.getElementById("article_form");
        if (form) {
            startForm(pane, form);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
