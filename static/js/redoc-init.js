// Starts Redoc on the API docs page (drf_spectacular/redoc.html), without inline script.
//
// Redoc's styled-components write <style> elements, which the CSP lets through only with
// the request's nonce: this script carries it (browsers hide it from the DOM but not from
// the element's .nonce) and hands it to Redoc.
//
// Redoc's sidebar also shows its maker's logo from their CDN, whatever the options; the
// site loads nothing from elsewhere, so that image gets an empty source, set either way
// (attribute or property): no request, and Redoc's own error handler drops the image.
const FOREIGN = "https://cdn.redoc.ly/";
const local = (value) => (String(value).startsWith(FOREIGN) ? "" : value);
const setAttribute = Element.prototype.setAttribute;
Element.prototype.setAttribute = function (name, value) {
  const img = this instanceof HTMLImageElement && name.toLowerCase() === "src";
  return setAttribute.call(this, name, img ? local(value) : value);
};
const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
Object.defineProperty(HTMLImageElement.prototype, "src", {
  ...src,
  set(value) { src.set.call(this, local(value)); },
});

const container = document.getElementById("redoc-container");
const settings = JSON.parse(container.dataset.settings || "{}");
Redoc.init(
  container.dataset.schemaUrl,
  { ...settings, nonce: document.currentScript.nonce },
  container,
);
