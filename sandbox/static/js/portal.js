/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  var form = document.querySelector(".feedback-form");
  if (!form) { return; }

  // Show only the districts of the chosen region (the server checks the pair anyway).
  var region = form.querySelector("#region");
  var district = form.querySelector("#district");
  if (region && district) {
    var filterDistricts = function () {
      var chosen = region.options[region.selectedIndex];
      var name = chosen && chosen.value ? chosen.text : "";
      Array.prototype.forEach.call(district.querySelectorAll("optgroup"), function (group) {
        var show = !name || group.label === name || group.label === "";
        group.hidden = !show;
        group.disabled = !show;
      });
      var picked = district.options[district.selectedIndex];
      if (picked && picked.parentNode.disabled) { district.value = ""; }
    };
    region.addEventListener("change", filterDistricts);
    filterDistricts();
  }

  // Warn about a file over the limit before a long upload; the server still decides.
  var file = form.querySelector("#attachment");
  var max = parseInt(form.getAttribute("data-max-bytes"), 10);
  if (file && max) {
    file.addEventListener("change", function () {
      var tooBig = file.files && file.files[0] && file.files[0].size > max;
      file.setCustomValidity(tooBig ? (document.documentElement.lang === "en"
        ? "The file is too large: the maximum is 5 MB."
        : "Faili ni kubwa mno: ukubwa wa juu ni MB 5.") : "");
      if (tooBig) { file.reportValidity(); }
    });
  }
})();
