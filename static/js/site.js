/*
 * The reader site's script: progressive enhancement only. Every page works
 * without it; this file makes the header search a toggle with an overlay,
 * gives the phone's sections menu its state and Esc, and opens the FAQ
 * answers for printing.
 * No inline handlers anywhere, so a strict Content-Security-Policy holds.
 */
(function () {
  "use strict";

  /*
   * The header's plain search form moves into a modal <dialog>: the browser
   * then closes it on Esc and puts the page behind it out of reach. Two
   * things we do ourselves, because browsers differ: Tab and Shift+Tab go
   * round the dialog's controls (some let focus out to their own toolbar or
   * the empty document), and focus returns to the toggle on close.
   */
  function enhanceSearch(container) {
    var toggle = container.querySelector("[data-search-toggle]");
    var panel = container.querySelector("[data-search-panel]");
    var hint = container.querySelector("[data-search-hint]");
    var closeButton = container.querySelector("[data-search-close]");
    var input = panel && panel.querySelector("input[type=search]");
    if (!toggle || !panel || !input) {
      return;
    }
    if (typeof HTMLDialogElement !== "function") {
      container.classList.add("site-search--plain");
      return;
    }

    var dialog = document.createElement("dialog");
    dialog.className = "search-dialog";
    dialog.setAttribute("aria-label", toggle.textContent.trim());
    container.appendChild(dialog);
    dialog.appendChild(panel);

    if (hint) {
      hint.hidden = false;
      hint.id = hint.id || "site-search-hint";
      input.setAttribute("aria-describedby", hint.id);
    }
    if (closeButton) {
      closeButton.hidden = false;
      closeButton.addEventListener("click", function () {
        dialog.close();
      });
    }

    toggle.addEventListener("click", function () {
      dialog.showModal();
      toggle.setAttribute("aria-expanded", "true");
      input.focus();
      input.select();
    });

    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") {
        return;
      }
      var controls = Array.prototype.filter.call(
        dialog.querySelectorAll("a[href], button, input, select, textarea"),
        function (control) {
          return !control.disabled && !control.hidden && control.getClientRects().length;
        }
      );
      var first = controls[0];
      var last = controls[controls.length - 1];
      var wrapTo = null;
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        wrapTo = last;
      } else if (!event.shiftKey && document.activeElement === last) {
        wrapTo = first;
      }
      if (wrapTo) {
        event.preventDefault();
        wrapTo.focus();
      }
    });

    dialog.addEventListener("close", function () {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });

    // A click on the dimmed page around the panel lands on the dialog
    // element too, but outside its box.
    dialog.addEventListener("click", function (event) {
      var box = dialog.getBoundingClientRect();
      var outside =
        event.clientY < box.top ||
        event.clientY > box.bottom ||
        event.clientX < box.left ||
        event.clientX > box.right;
      if (event.target === dialog && outside) {
        dialog.close();
      }
    });
  }

  /*
   * The sections menu is a <details> (it works without us); its summary is
   * the "Menu" button. We say whether it is open in aria-expanded, for the
   * screen readers that do not announce a summary's state, and close it on
   * Esc from anywhere inside, giving focus back to the button.
   */
  function enhanceMenu(details) {
    var summary = details.querySelector("summary");
    if (!summary) {
      return;
    }
    function announce() {
      summary.setAttribute("aria-expanded", details.open ? "true" : "false");
    }
    announce();
    details.addEventListener("toggle", announce);
    details.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        event.preventDefault();
        details.open = false;
        summary.focus();
      }
    });
  }

  /*
   * A closed <details> prints closed, whatever the print stylesheet says,
   * in some browsers: open every one for printing (the FAQ answers), and
   * close again afterwards those the reader had not opened.
   */
  function openDetailsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("main details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) {
        details.open = false;
      });
      opened = [];
    });
  }

  document.querySelectorAll("[data-search]").forEach(enhanceSearch);
  document.querySelectorAll("[data-menu]").forEach(enhanceMenu);
  openDetailsForPrint();
})();
