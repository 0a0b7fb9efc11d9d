/*
 * Presence on an article's change page: who else has it open right now
 * (articles/admin/presence.py). While the page is visible it posts a
 * heartbeat every few seconds and shows the answer in a polite live region,
 * "Also here: Sam Reporter (editing)"; while it is hidden it stays quiet, so
 * a forgotten background tab drops out of colleagues' lists. Leaving the
 * page sends a last "gone" beacon, so the name disappears at once.
 *
 * The URL, the CSRF token and the words come from the region's data-
 * attributes (no inline script: the desk's CSP forbids it).
 */
"use strict";
{
    const BEAT_MS = 5000;

    function start() {
        const region = document.querySelector("[data-presence-url]");
        if (!region) {
            return;
        }
        const url = region.dataset.presenceUrl;
        let timer = null;
        let stopped = false;

        function body(gone) {
            const data = new FormData();
            data.append("csrfmiddlewaretoken", region.dataset.csrfToken);
            if (gone) {
                data.append("gone", "1");
            }
            return data;
        }

        function show(others) {
            const names = others.map((other) => {
                const doing = other.editing ? region.dataset.editing : region.dataset.viewing;
                return `${other.name} (${doing})`;
            });
            // textContent: names are people's own words, never markup.
            const text = names.length ? `${region.dataset.label} ${names.join(", ")}` : "";
            if (region.textContent !== text) {
                region.textContent = text;
            }
        }

        function pause() {
            clearInterval(timer);
            timer = null;
        }

        function beat() {
            fetch(url, { method: "POST", body: body(false), credentials: "same-origin" })
                .then((response) => {
                    if (response.ok) {
                        return response.json();
                    }
                    if (response.status === 403 || response.status === 404) {
                        // No longer allowed to see the article: stop asking.
                        stopped = true;
                        pause();
                    }
                    return { others: [] };
                })
                .then((answer) => show(answer.others))
                .catch(() => {
                    // Offline for a moment: the next beat tries again.
                });
        }

        function resume() {
            pause();
            if (!stopped && document.visibilityState === "visible") {
                beat();
                timer = setInterval(beat, BEAT_MS);
            }
        }

        function leave() {
            pause();
            if (!stopped && navigator.sendBeacon) {
                navigator.sendBeacon(url, body(true));
            }
        }

        document.addEventListener("visibilitychange", resume);
        window.addEventListener("pagehide", leave);
        // Back to the page from the browser's back/forward cache.
        window.addEventListener("pageshow", (event) => {
            if (event.persisted) {
                resume();
            }
        });
        resume();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
}
