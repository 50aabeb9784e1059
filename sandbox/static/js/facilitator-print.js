// A "Print" button (data-print) opens the browser's print dialog; CSP forbids inline handlers.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
