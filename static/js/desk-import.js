// The desk's Import page: while an import's task runs, follow its progress
// (imports.admin's progress view) and show the page anew once it is done.
(function () {
  "use strict";
  const main = document.querySelector(".desk-import[data-progress-url]");
  if (!main) return;
  const url = main.dataset.progressUrl;
  const startedAs = main.dataset.status;
  const bar = main.querySelector(".desk-import__progress");
  const status = main.querySelector(".desk-import__status");

  function follow() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response)))
      .then((progress) => {
        if (progress.status !== startedAs) {
          window.location.reload();
          return;
        }
        if (bar && progress.total) {
          bar.max = progress.total;
          bar.value = progress.done;
          bar.textContent = progress.done + " / " + progress.total;
        }
        if (status && progress.summary) {
          let summary = status.querySelector(".desk-import__summary");
          if (!summary) {
            status.append(": ");
            summary = document.createElement("span");
            summary.className = "desk-import__summary";
            status.append(summary);
          }
          summary.textContent = progress.summary;
        }
        window.setTimeout(follow, 2000);
      })
      .catch(() => window.setTimeout(follow, 5000));
  }
  window.setTimeout(follow, 1000);
})();
