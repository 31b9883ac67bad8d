// Offsets of text and selections, for the annotation desk (desk.js).
//
// The server counts Unicode code points into the article body; the DOM counts UTF-16 code
// units per text node.  The body element's text is exactly the article body (the server
// renders runs with no added whitespace), so a point's offset is the code-point length of
// the text before it.
//
// A classic script, loaded before desk.js: in the browser it sets window.claimdeskOffsets;
// under node (tests/js) it is a CommonJS module.  The pure helpers take strings only; the
// DOM ones use the document of the root they are given.
(function (factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else globalThis.claimdeskOffsets = api;
})(function () {
  "use strict";

  const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT

  /** Number of code points in text (Python's len()). */
  function codePointLength(text) {
    let n = 0;
    for (const _ of text) n += 1;
    return n;
  }

  /**
   * Where code point cp of the concatenated texts falls: {index, units}, the text's index
   * and the UTF-16 offset inside it.  A point between two texts is the end of the first;
   * past the end, the end of the last text; with no texts, {index: -1, units: 0}.
   */
  function locate(texts, cp) {
    let left = cp;
    for (let index = 0; index < texts.length; index += 1) {
      let units = 0;
      for (const ch of texts[index]) {
        if (left === 0) return { index, units };
        left -= 1;
        units += ch.length;
      }
      if (left === 0) return { index, units };
    }
    if (texts.length === 0) return { index: -1, units: 0 };
    return { index: texts.length - 1, units: texts[texts.length - 1].length };
  }

  /** Code-point offset into root's text of the DOM point (node, offset). */
  function toOffset(root, node, offset) {
    const range = root.ownerDocument.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return codePointLength(range.toString());
  }

  function textNodes(root) {
    const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    return nodes;
  }

  /** The DOM point (text node, UTF-16 offset) at code-point offset cp of root's text. */
  function toDomPoint(root, cp) {
    const nodes = textNodes(root);
    const { index, units } = locate(nodes.map((node) => node.data), cp);
    if (index === -1) return { node: root, offset: 0 };
    return { node: nodes[index], offset: units };
  }

  /** A DOM Range over code points [start, end) of root's text. */
  function rangeFor(root, start, end) {
    const a = toDomPoint(root, start);
    const b = toDomPoint(root, end);
    const range = root.ownerDocument.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  /** {start, end, text} of the selection when it lies inside root and is not empty. */
  function selectionOffsets(root, selection = root.ownerDocument.getSelection()) {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    const start = toOffset(root, range.startContainer, range.startOffset);
    const end = toOffset(root, range.endContainer, range.endOffset);
    if (end <= start) return null;
    return { start, end, text: range.toString() };
  }

  return { codePointLength, locate, toOffset, toDomPoint, rangeFor, selectionOffsets };
});
