/*
 * The live blog's desk page (articles/admin/live_entries.py): posting and
 * the entries' buttons without a reload. Each form works on its own; this
 * script sends it with fetch (Accept: application/json) and puts the
 * answer, the entry as the desk shows it, in the list at once: a new entry
 * on top, a changed one in its place. The new-entry editor is emptied once
 * the entry is in. No inline handlers: a strict CSP holds.
 *
 * The list follows the stream: every few seconds the page asks for the
 * entries changed since its cursor (a colleague's post, edit, deletion or
 * approval) and puts each in the list as above. The new-entry form is never
 * touched, and an entry someone is working on here (focus inside it, or its
 * correction open) keeps its place until they are done.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-desk-live]");
  if (!root || !window.fetch) {
    return;
  }
  var list = root.querySelector("[data-desk-live-list]");
  var form = root.querySelector("[data-desk-live-form]");
  var editors = new WeakMap();
  /* id: a colleague's change to an entry in use here, put in once it is not */
  var waiting = {};
  var t = function (text) {
    return typeof window.gettext === "function" ? window.gettext(text) : text;
  };

  /* django-prose-editor says when an editor is ready, and which. */
  document.addEventListener("prose-editor:ready", function (event) {
    editors.set(event.detail.textarea, event.detail.editor);
  });

  function fromHTML(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function send(target) {
    return fetch(target.action, {
      method: "POST",
      body: new FormData(target),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (data) {
        data.ok = response.ok;
        return data;
      });
    });
  }

  function show(data) {
    delete waiting[data.id]; /* this answer is newer */
    var element = fromHTML(data.html);
    var existing = list.querySelector('[data-desk-entry="' + data.id + '"]');
    if (existing) {
      existing.replaceWith(element);
    } else {
      var empty = list.querySelector(".desk-live__empty");
      if (empty) {
        empty.remove();
      }
      list.insertBefore(element, list.firstElementChild);
    }
    return element;
  }

  function say(box, messages, isError) {
    box.replaceChildren();
    messages.forEach(function (message) {
      var p = document.createElement("p");
      p.className = isError ? "errornote" : "desk-live__done";
      p.textContent = message;
      box.appendChild(p);
    });
  }

  if (form) {
    var errors = form.querySelector("[data-desk-live-errors]");
    var status = form.querySelector("[data-desk-live-status]");
    var submit = form.querySelector("button[type=submit]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submit.disabled = true;
      say(errors, [], true);
      send(form)
        .then(function (data) {
          if (!data.ok) {
            say(errors, data.errors || [], true);
            return;
          }
          show(data).classList.add("desk-live__entry--fresh");
          say(status, [data.message], false);
          form.querySelector("input[name=title]").value = "";
          form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
            box.checked = false;
          });
          var textarea = form.querySelector("textarea[name=body]");
          var editor = textarea && editors.get(textarea);
          if (editor) {
            editor.commands.clearContent(true);
            editor.commands.focus();
          } else if (textarea) {
            textarea.value = "";
          }
        })
        .catch(function () {
          form.submit(); /* the page's own answer, without the script */
        })
        .then(function () {
          submit.disabled = false;
        });
    });
  }

  var updatesUrl = root.getAttribute("data-desk-live-updates");
  var cursor = root.getAttribute("data-desk-live-cursor");
  var seconds = Number(root.getAttribute("data-desk-live-seconds")) || 5;
  var notice = root.querySelector("[data-desk-live-notice]");

  function inUse(id) {
    var existing = list.querySelector('[data-desk-entry="' + id + '"]');
    return (
      existing &&
      (existing.contains(document.activeElement) ||
        existing.querySelector("details[open]"))
    );
  }

  function follow(entries) {
    entries.forEach(function (data) {
      waiting[data.id] = data;
    });
    Object.keys(waiting).forEach(function (id) {
      if (inUse(id)) {
        return;
      }
      var isNew = !list.querySelector('[data-desk-entry="' + id + '"]');
      var element = show(waiting[id]);
      if (isNew) {
        element.classList.add("desk-live__entry--fresh");
      }
    });
  }

  function poll() {
    if (document.hidden) {
      window.setTimeout(poll, seconds * 1000);
      return;
    }
    var url = updatesUrl + "?after=" + encodeURIComponent(cursor);
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then(function (response) {
        var refused = response.status === 403 || response.status === 404;
        if (response.redirected || refused) {
          /* Logged out, or no longer allowed here: say so, and stop asking. */
          notice.textContent = t(
            "This page no longer follows the stream: reload it (and log in again if asked).",
          );
          return "stop";
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data === "stop") {
          return data;
        }
        if (!data) {
          return;
        }
        cursor = data.cursor;
        if (data.reload) {
          notice.textContent = t(
            "Many entries changed: reload the page to see them all.",
          );
          return;
        }
        follow(data.entries || []);
      })
      .catch(function () {
        /* Offline for a moment: the next poll asks again from the same cursor. */
      })
      .then(function (outcome) {
        if (outcome !== "stop") {
          window.setTimeout(poll, seconds * 1000);
        }
      });
  }

  if (updatesUrl && cursor !== null) {
    window.setTimeout(poll, seconds * 1000);
  }

  list.addEventListener("submit", function (event) {
    var target = event.target.closest("[data-desk-live-action]");
    if (!target) {
      return;
    }
    event.preventDefault();
    /* No "are you sure": a deleted entry has its Restore button at once. */
    send(target)
      .then(function (data) {
        if (!data.ok) {
          window.alert((data.errors || []).join("\n"));
          return;
        }
        var element = show(data);
        var first = element.querySelector("button, a");
        if (first) {
          first.focus();
        }
      })
      .catch(function () {
        target.submit();
      });
  });
})();
