/*
 * The live blog's desk page (articles/admin/live_entries.py): posting and
 * the entries' buttons without a reload. Each form works on its own; this
 * script sends it with fetch (Accept: application/json) and puts the
 * answer, the entry as the desk shows it, in the list at once: a new entry
 * on top, a changed one in its place. The new-entry editor is emptied once
 * the entry is in. No inline handlers: a strict CSP holds.
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
