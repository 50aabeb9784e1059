/* Progressive enhancement for the desk: "Use this template" fills the reply box in place
   (without JavaScript the same button asks the server to do it). Nothing is sent. */
(function () {
  "use strict";
  document.querySelectorAll(".template-picker").forEach(function (picker) {
    var form = picker.closest("form");
    var select = picker.querySelector("[data-template-select]");
    var button = picker.querySelector("[data-use-template]");
    var data = picker.querySelector("script.template-texts");
    var box = form && form.querySelector("[data-reply-text]");
    if (!select || !button || !data || !box) { return; }
    var texts = JSON.parse(data.textContent || "{}");
    button.addEventListener("click", function (event) {
      var text = texts[select.value];
      if (!text) { return; }
      event.preventDefault();
      box.value = text;
      box.focus();
    });
  });
})();
