/* Forms on every page: after a refused submission, focus goes to the error summary, so a
   keyboard or screen-reader user starts where the problem is told; each link of the summary
   moves focus to its field (a plain "#id" link only scrolls). Without JavaScript the summary
   and its links still work as ordinary text and anchors. */
(function () {
  "use strict";

  /* The element a summary link should focus: the field itself, or the first control inside
     a group (a radio list's id sits on its container). The link's own form is searched first:
     the item page holds several action forms whose fields share a name. */
  function focusTarget(link, id) {
    var form = link.closest("form");
    var selector = "#" + CSS.escape(id);
    var target = (form && form.querySelector(selector)) || document.getElementById(id);
    if (!target) { return null; }
    if (target.matches("input, select, textarea, button")) { return target; }
    return target.querySelector("input, select, textarea, button");
  }

  function openEnclosingDetails(element) {
    for (var node = element.closest("details"); node; node = node.parentElement.closest("details")) {
      node.open = true;
    }
  }

  function focusField(event) {
    var href = event.currentTarget.getAttribute("href") || "";
    var id = href.charAt(0) === "#" ? decodeURIComponent(href.slice(1)) : "";
    var field = id ? focusTarget(event.currentTarget, id) : null;
    if (!field) { return; }
    event.preventDefault();
    openEnclosingDetails(field);
    var label = field.id && document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }

  var summaries = document.querySelectorAll(".error-summary");
  summaries.forEach(function (summary) {
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", focusField);
    });
  });
  if (summaries.length) {
    openEnclosingDetails(summaries[0]);
    summaries[0].focus();
  }
})();
