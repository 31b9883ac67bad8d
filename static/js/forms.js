// Small behaviours of plain forms, kept out of the markup (the CSP allows no inline handlers).

// <select data-autosubmit>: choosing an option submits its form (a filter, say); the
// page keeps a <noscript> button for browsers without scripts.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.requestSubmit();
  }
});
