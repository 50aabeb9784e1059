/* A form marked data-submit-once is sent once: a second click (or Enter) while the first
   submission is on its way does nothing, and its buttons are disabled until the page changes.
   Progressive enhancement only: the server counts a doubled form once anyway. */
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-submit-once]");
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitting") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitting", "true");
      // Disable after this event: the clicked button's name and value are still sent.
      window.setTimeout(function () {
        Array.prototype.forEach.call(form.querySelectorAll("button, input[type=submit]"), function (b) {
          b.disabled = true;
          b.setAttribute("aria-busy", "true");
        });
      }, 0);
    });
  });
  // Back to a page kept by the browser: it may be sent again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    Array.prototype.forEach.call(forms, function (form) {
      form.removeAttribute("data-submitting");
      Array.prototype.forEach.call(form.querySelectorAll("[aria-busy]"), function (b) {
        b.disabled = false;
        b.removeAttribute("aria-busy");
      });
    });
  });
})();
