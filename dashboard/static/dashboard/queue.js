// "n" opens the next claim of the queue (unless the focus is in a form field).
document.addEventListener("keydown", (event) => {
  if (event.key !== "n" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
  const next = document.getElementById("next-claim");
  if (next) { event.preventDefault(); next.click(); }
});
