/*
 * A live blog's page, kept up to date without a reload (progressive
 * enhancement: without this script the page reads newest first and a reload
 * updates it).
 *
 * Every few seconds it asks the live blog's updates for what changed after
 * its cursor (articles/live_pages.py). The request revalidates ("no-cache"):
 * nothing new is a 304 answered from a cache. New entries wait behind an
 * "N new updates" button, unless the reader is at the top of the stream,
 * where they appear in place; an edited entry is replaced where it is, a
 * deleted one removed. "Older updates" loads the next page in place. Times
 * gain a relative "5 minutes ago". No inline handlers: a strict CSP holds.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-live-updates]");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-live-updates");
  var cursor = root.getAttribute("data-live-cursor") || "0";
  var seconds = parseInt(root.getAttribute("data-live-poll"), 10) || 5;
  var list = root.querySelector("[data-live-entries]");
  var notice = root.querySelector("[data-live-new]");
  var button = root.querySelector("[data-live-show]");
  var keyList = root.querySelector("[data-live-key-events]");
  var pending = [];
  var stopped = false;
  var timer = null;
  var relative = window.Intl && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(document.documentElement.lang || undefined, {
        numeric: "auto",
      })
    : null;

  function fromHTML(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function entryElement(id) {
    return list.querySelector('[data-entry="' + id + '"]');
  }

  /* Pinned entries stay on top: a new one goes before the first that is not. */
  function place(element) {
    var empty = list.querySelector(".live__empty");
    if (empty) {
      empty.remove();
    }
    if (element.classList.contains("live-entry--pinned")) {
      list.insertBefore(element, list.firstElementChild);
      return;
    }
    var first = list.querySelector(".live-entry:not(.live-entry--pinned)");
    list.insertBefore(element, first);
  }

  function keyEvent(update) {
    if (!keyList) {
      return;
    }
    var item = keyList.querySelector('[data-key-entry="' + update.id + '"]');
    if (!update.key_event) {
      if (item) {
        item.remove();
      }
      return;
    }
    if (!item) {
      item = document.createElement("li");
      item.setAttribute("data-key-entry", update.id);
      keyList.insertBefore(item, keyList.firstElementChild);
    }
    var link = document.createElement("a");
    link.href = "#entry-" + update.id;
    link.textContent = update.label;
    item.replaceChildren(link);
  }

  function atTop() {
    return list.getBoundingClientRect().top > -40;
  }

  function showPending() {
    pending.forEach(function (update) {
      var element = fromHTML(update.html);
      element.classList.add("live-entry--fresh");
      place(element);
      keyEvent(update);
      addRelative(element);
    });
    pending = [];
    notice.hidden = true;
  }

  function announce() {
    if (!pending.length) {
      notice.hidden = true;
      return;
    }
    if (atTop()) {
      showPending();
      return;
    }
    var words = pending.length === 1
      ? button.getAttribute("data-one")
      : button.getAttribute("data-many").replace("%(count)s", pending.length);
    button.textContent = words;
    notice.hidden = false;
  }

  function apply(data) {
    if (data.reload) {
      button.textContent = button.getAttribute("data-reload");
      button.setAttribute("data-reload-page", "");
      notice.hidden = false;
      stopped = true;
      return;
    }
    cursor = String(data.cursor);
    (data.removed || []).forEach(function (id) {
      var element = entryElement(id);
      if (element) {
        element.remove();
      }
      keyEvent({ id: id, key_event: false });
      pending = pending.filter(function (update) {
        return update.id !== id;
      });
    });
    (data.entries || []).forEach(function (update) {
      var element = entryElement(update.id);
      if (element) {
        var replacement = fromHTML(update.html);
        element.replaceWith(replacement);
        addRelative(replacement);
        if (replacement.classList.contains("live-entry--pinned") !==
            element.classList.contains("live-entry--pinned")) {
          place(replacement);
        }
        keyEvent(update);
        return;
      }
      pending = pending.filter(function (other) {
        return other.id !== update.id;
      });
      pending.push(update);
    });
    announce();
    if (data.ended) {
      var ended = root.getAttribute("data-live-ended");
      var state = root.querySelector(".live__state");
      if (state && ended) {
        state.textContent = ended;
        state.classList.add("live__state--ended");
      }
      stopped = true;
    }
  }

  function poll() {
    timer = null;
    if (stopped) {
      return;
    }
    if (document.hidden) {
      return; /* picked up again when the page is shown */
    }
    fetch(url + "?after=" + encodeURIComponent(cursor), {
      cache: "no-cache",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          apply(data);
        }
      })
      .catch(function () {
        /* offline for a moment: the next poll tries again */
      })
      .then(schedule);
  }

  function schedule() {
    if (!stopped && timer === null) {
      timer = window.setTimeout(poll, seconds * 1000);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && timer === null) {
      poll();
    }
  });

  button.addEventListener("click", function () {
    if (button.hasAttribute("data-reload-page")) {
      window.location.reload();
      return;
    }
    showPending();
    var first = list.querySelector(".live-entry--fresh");
    list.scrollIntoView({ block: "start" });
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
    }
  });

  /* "5 minutes ago" beside each absolute time, kept current. */
  function ago(date) {
    var diff = (date.getTime() - Date.now()) / 1000;
    var steps = [
      [60, "second"],
      [3600, "minute"],
      [86400, "hour"],
      [Infinity, "day"],
    ];
    var unit = 1;
    for (var i = 0; i < steps.length; i += 1) {
      if (Math.abs(diff) < steps[i][0]) {
        return relative.format(Math.round(diff / unit), steps[i][1]);
      }
      unit = steps[i][0];
    }
    return "";
  }

  function addRelative(scope) {
    if (!relative) {
      return;
    }
    scope.querySelectorAll(".live-entry__time time").forEach(function (time) {
      var span = time.parentNode.querySelector(".live-entry__ago");
      if (!span) {
        span = document.createElement("span");
        span.className = "live-entry__ago";
        time.parentNode.appendChild(span);
      }
      /* "+0000" as ISO 8601 spells it, "+00:00", for every browser's Date. */
      var stamp = time.getAttribute("datetime").replace(/([+-]\d\d)(\d\d)$/, "$1:$2");
      var when = new Date(stamp);
      span.textContent = isNaN(when) ? "" : " · " + ago(when);
    });
  }

  addRelative(root);
  window.setInterval(function () {
    addRelative(root);
  }, 30000);

  /* Older updates, in place (the link works on its own without this). */
  root.addEventListener("click", function (event) {
    var link = event.target.closest("[data-live-older]");
    if (!link) {
      return;
    }
    event.preventDefault();
    fetch(link.href, { headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response);
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var older = page.querySelectorAll("[data-live-entries] > .live-entry");
        older.forEach(function (element) {
          if (!entryElement(element.getAttribute("data-entry"))) {
            var copy = document.importNode(element, true);
            list.appendChild(copy);
            addRelative(copy);
          }
        });
        var next = page.querySelector("[data-live-older]");
        if (next) {
          link.href = next.href;
        } else {
          link.parentNode.remove();
        }
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });

  schedule();
})();
