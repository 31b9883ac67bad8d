// The annotation desk: text selection to claim offsets, claim navigation, keyboard.
//
// The offset helpers (code points on the server, UTF-16 units in the DOM) live in
// offsets.js, a classic script the page loads before this module.

const { codePointLength, toOffset, toDomPoint, rangeFor, selectionOffsets } =
  window.claimdeskOffsets;

const desk = document.getElementById("desk");
const body = document.getElementById("desk-body");
const pane = document.getElementById("pane");
const overlay = document.getElementById("keys");
let pending = null;

function announce(message) {
  const status = document.getElementById("desk-status");
  if (status) status.innerHTML = `<p class="flash flash-error" role="alert"></p>`;
  if (status) status.firstChild.textContent = message;
}

function updateMarkBar() {
  const bar = document.getElementById("mark-bar");
  if (!bar || !body) return;
  pending = selectionOffsets(body);
  bar.hidden = pending === null;
  if (pending) {
    const preview = pending.text.replace(/\s+/g, " ").trim();
    document.getElementById("mark-preview").textContent =
      `“${preview.length > 90 ? preview.slice(0, 90) + "…" : preview}”`;
  }
}

function markSelection() {
  if (!desk || !body) return;
  const chosen = selectionOffsets(body) || pending;
  if (!chosen) {
    announce("Select the words of the claim in the article first (or quote them below the text).");
    return;
  }
  htmx.ajax("POST", desk.dataset.markUrl, {
    source: body, target: "#desk-status", swap: "innerHTML",
    values: { start: chosen.start, end: chosen.end },
  });
}

function claimItems() {
  return Array.from(document.querySelectorAll("#claim-list > li.ci"));
}

function highlight(claimId) {
  if (!body) return null;
  body.querySelectorAll(".r.cur").forEach((el) => el.classList.remove("cur"));
  let first = null;
  body.querySelectorAll(".r[data-c]").forEach((el) => {
    if (el.dataset.c.split(" ").includes(String(claimId))) {
      el.classList.add("cur");
      first = first || el;
    }
  });
  return first;
}

function setCurrent(claimId, { scroll = true } = {}) {
  if (desk) desk.dataset.current = String(claimId);
  claimItems().forEach((li) => li.classList.toggle("current", li.dataset.claim === String(claimId)));
  const item = document.getElementById(`claim-item-${claimId}`);
  const run = highlight(claimId);
  if (scroll) {
    item?.scrollIntoView({ block: "nearest" });
    run?.scrollIntoView({ block: "center" });
  }
  if (desk) {
    const url = new URL(window.location.href);
    url.searchParams.set("claim", claimId);
    window.history.replaceState(null, "", url);
  }
}

function openClaim(claimId, { focus = false } = {}) {
  const link = document.querySelector(`#claim-item-${claimId} .ci-link`);
  if (!link) return;
  setCurrent(claimId);
  if (focus) link.focus({ preventScroll: true });
  // The pane is the source so that its hx-sync="this:replace" aborts the pane
  // request of a claim skipped over with j/k: the last key pressed wins.
  htmx.ajax("GET", link.getAttribute("hx-get"), { source: pane, target: pane, swap: "innerHTML" });
}

function step(delta) {
  const items = claimItems();
  if (items.length === 0) return;
  const current = items.findIndex((li) => li.dataset.claim === desk?.dataset.current);
  let next = current === -1 ? (delta > 0 ? 0 : items.length - 1) : current + delta;
  next = Math.max(0, Math.min(items.length - 1, next));
  openClaim(items[next].dataset.claim, { focus: true });
}

function press(selector) {
  const button = document.querySelector(selector);
  if (button && !button.disabled) {
    // Content swapped in by htmx is wired up when it settles; a key pressed in
    // that instant must still go through htmx, not as a plain form post.
    htmx.process(button.form || button);
    if (button.id === "submit-review") button.form.requestSubmit(button);
    else button.click();
  }
  return Boolean(button);
}

function chooseVerdict(key) {
  const scope = pane || document;
  const input = scope.querySelector(`input[name="verdict"][data-key="${key}"]`);
  if (!input) return;
  input.checked = true;
  input.focus();
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

// Drafts save themselves 800 ms after the last change.  Saves run one after the
// other, each with the version the previous one returned, and submitting waits
// for the save in flight.  The form's values are read when the save is queued,
// so leaving the claim (j/k, another action) or the page flushes the pending
// save instead of losing what was typed.
const drafts = { timer: null, pending: null, chain: Promise.resolve(), versions: {} };

function requestHeaders() {
  let headers = {};
  try {
    headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  } catch (error) {
    headers = {};
  }
  return { ...headers, "HX-Request": "true" };
}

function showSaveResult(form, html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const version = doc.getElementById("review-version");
  if (version) drafts.versions[form.dataset.saveUrl] = version.value;
  if (!form.isConnected) return;
  const status = doc.getElementById("autosave");
  const here = document.getElementById("autosave");
  if (status && here) here.replaceWith(status);
  const input = document.getElementById("review-version");
  if (version && input) input.value = version.value;
}

function saveDraft() {
  clearTimeout(drafts.timer);
  drafts.timer = null;
  const form = drafts.pending;
  drafts.pending = null;
  if (!form || !form.isConnected) return drafts.chain;
  const url = form.dataset.saveUrl;
  const data = new FormData(form);
  drafts.chain = drafts.chain.then(async () => {
    // The rendered input is the truth while the form is on the page (a reloaded
    // pane may carry a newer version); afterwards, the last version saved.
    const input = form.isConnected ? document.getElementById("review-version") : null;
    if (input) data.set("version", input.value);
    else if (drafts.versions[url] !== undefined) data.set("version", drafts.versions[url]);
    const response = await fetch(url, {
      method: "POST", body: data, headers: requestHeaders(), credentials: "same-origin",
    });
    showSaveResult(form, await response.text());
  }).catch(() => null);
  return drafts.chain;
}

function onDraftEdit(event) {
  const form = event.target.closest?.("#review-form[data-save-url]");
  if (!form) return;
  clearTimeout(drafts.timer);
  drafts.pending = form;
  drafts.timer = setTimeout(saveDraft, 800);
}

function flushOnLeave() {
  const form = drafts.pending;
  if (!form || !form.isConnected) return;
  clearTimeout(drafts.timer);
  drafts.pending = null;
  const data = new FormData(form);
  const known = drafts.versions[form.dataset.saveUrl];
  if (known !== undefined) data.set("version", known);
  fetch(form.dataset.saveUrl, {
    method: "POST", body: data, headers: requestHeaders(), credentials: "same-origin",
    keepalive: true,
  });
}

function onReviewSubmit(event) {
  const form = event.target;
  if (form.id !== "review-form" || typeof htmx === "undefined") return;
  event.preventDefault();
  clearTimeout(drafts.timer);
  drafts.timer = null;
  drafts.pending = null;
  drafts.chain = drafts.chain.then(() => htmx.ajax("POST", form.dataset.submitUrl, {
    source: form, target: "#pane", swap: "innerHTML",
  })).catch(() => null);
}

function openOverlay() {
  if (!overlay) return;
  overlay.dataset.returnFocus = document.activeElement?.id || "";
  overlay.hidden = false;
  document.getElementById("keys-close").focus();
}

function closeOverlay() {
  if (!overlay || overlay.hidden) return;
  overlay.hidden = true;
  const back = overlay.dataset.returnFocus && document.getElementById(overlay.dataset.returnFocus);
  (back || document.getElementById("keys-button"))?.focus();
}

function isTyping(el) {
  if (!el || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  return el.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes(el.type);
}

const KEYS = {
  j: () => step(1),
  k: () => step(-1),
  m: () => markSelection(),
  a: () => press("#pane #accept-button") || announce("This claim is not a suggestion to accept."),
  d: () => press("#pane #dismiss-button") || announce("Only editors can dismiss, and only open claims."),
  s: () => press("#submit-review") || announce("There is no review of yours to submit here."),
  r: () => document.getElementById("rationale")?.focus(),
  "?": () => openOverlay(),
};

function onKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (overlay && !overlay.hidden) {
    if (event.key === "Escape" || event.key === "?") closeOverlay();
    if (event.key === "Tab") {
      event.preventDefault();
      document.getElementById("keys-close").focus();
    }
    return;
  }
  if (isTyping(event.target)) {
    if (event.key === "Escape") event.target.blur();
    return;
  }
  if (/^[1-9]$/.test(event.key)) {
    chooseVerdict(event.key);
    event.preventDefault();
    return;
  }
  const action = KEYS[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
}

function onBodyClick(event) {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed) return;
  const run = event.target.closest(".r[data-c]");
  if (!run) return;
  openClaim(run.dataset.top || run.dataset.c.split(" ")[0]);
}

function afterPaneSwap() {
  const section = document.getElementById("claim-pane");
  if (!section || !body) return;
  const id = section.dataset.claim;
  pane.scrollTop = 0;
  setCurrent(id, { scroll: false });
  body.querySelectorAll(`.r[data-top="${id}"]`).forEach((run) => {
    run.className = run.className.replace(/\bvd-\d+\b/g, "").trim();
    if (section.dataset.verdict) run.classList.add(`vd-${section.dataset.verdict}`);
    run.classList.toggle("cl", section.dataset.status !== "dismissed");
  });
}

function init() {
  document.addEventListener("keydown", onKey);
  document.addEventListener("input", onDraftEdit);
  document.addEventListener("change", onDraftEdit);
  document.addEventListener("submit", onReviewSubmit);
  // Anything that replaces the pane first sends the draft typed in it.
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    if (drafts.pending && event.detail.target === pane) saveDraft();
  });
  window.addEventListener("pagehide", flushOnLeave);
  document.getElementById("keys-button")?.addEventListener("click", openOverlay);
  document.getElementById("keys-close")?.addEventListener("click", closeOverlay);
  overlay?.addEventListener("click", (event) => { if (event.target === overlay) closeOverlay(); });
  if (body) {
    document.addEventListener("selectionchange", updateMarkBar);
    body.addEventListener("click", onBodyClick);
    const button = document.getElementById("mark-button");
    // Keep the selection alive while the button is pressed.
    button?.addEventListener("mousedown", (event) => event.preventDefault());
    button?.addEventListener("click", markSelection);
  }
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target === pane) afterPaneSwap();
  });
  if (desk?.dataset.current) setCurrent(desk.dataset.current);
}

window.claimdesk = { codePointLength, toOffset, toDomPoint, rangeFor, selectionOffsets, openClaim };
init();
