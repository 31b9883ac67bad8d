// Unit tests of static/js/offsets.js under node's own test runner:
//   node --test tests/js/*.test.mjs        (make check runs them)
// The server counts code points (Python's len); the DOM counts UTF-16 units per text node.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import offsets from "../../static/js/offsets.js";

const { codePointLength, locate, toDomPoint } = offsets;

// Astral characters (two UTF-16 units, one code point), a combining accent (its own code
// point), a flag (two code points of two units each) and plain ASCII.
const ODD = ["Kyiv ", "😀 said", "", " café", "🇺🇦 ", "e\u0301nd"];

describe("codePointLength", () => {
  test("counts code points, as the server does, not UTF-16 units", () => {
    assert.equal(codePointLength(""), 0);
    assert.equal(codePointLength("abc"), 3);
    assert.equal(codePointLength("😀"), 1);
    assert.equal("😀".length, 2);
    assert.equal(codePointLength("🇺🇦"), 2);
    assert.equal(codePointLength("e\u0301"), 2);
    assert.equal(codePointLength("a😀b😀"), 4);
  });
});

describe("locate", () => {
  test("finds the text and the UTF-16 offset of a code point", () => {
    assert.deepEqual(locate(["ab", "cd"], 0), { index: 0, units: 0 });
    assert.deepEqual(locate(["ab", "cd"], 1), { index: 0, units: 1 });
    assert.deepEqual(locate(["ab", "cd"], 3), { index: 1, units: 1 });
    assert.deepEqual(locate(["😀x"], 1), { index: 0, units: 2 });
    assert.deepEqual(locate(["😀😀", "😀"], 3), { index: 1, units: 2 });
  });

  test("a point between two texts is the end of the first", () => {
    assert.deepEqual(locate(["ab", "cd"], 2), { index: 0, units: 2 });
    assert.deepEqual(locate(["a😀", "cd"], 2), { index: 0, units: 3 });
  });

  test("an empty text before the point is passed over only once it is reached", () => {
    assert.deepEqual(locate(["ab", "", "cd"], 2), { index: 0, units: 2 });
    assert.deepEqual(locate(["", "ab"], 0), { index: 0, units: 0 });
  });

  test("past the end is the end of the last text; no texts is index -1", () => {
    assert.deepEqual(locate(["ab", "c😀"], 99), { index: 1, units: 3 });
    assert.deepEqual(locate([], 0), { index: -1, units: 0 });
    assert.deepEqual(locate([], 5), { index: -1, units: 0 });
  });

  test("every code point of mixed text maps back to itself", () => {
    const total = codePointLength(ODD.join(""));
    assert.equal(total, 23); // len("Kyiv 😀 said café🇺🇦 e\u0301nd") in Python
    for (let cp = 0; cp <= total; cp += 1) {
      const { index, units } = locate(ODD, cp);
      const before = ODD.slice(0, index).join("") + ODD[index].slice(0, units);
      assert.equal(codePointLength(before), cp, `code point ${cp}`);
      // Never inside a surrogate pair.
      const unit = ODD[index].charCodeAt(units - 1);
      assert.ok(!(unit >= 0xd800 && unit <= 0xdbff), `code point ${cp} splits a pair`);
    }
  });

  test("agrees with slicing the whole string by code points", () => {
    const whole = Array.from(ODD.join(""));
    for (let cp = 0; cp <= whole.length; cp += 1) {
      const { index, units } = locate(ODD, cp);
      const before = ODD.slice(0, index).join("") + ODD[index].slice(0, units);
      assert.equal(before, whole.slice(0, cp).join(""));
    }
  });
});

// toDomPoint walks the root's text nodes through its document's tree walker: a stand-in
// document with the same two methods is enough to check the node it picks.
function fakeRoot(texts) {
  const nodes = texts.map((data) => ({ data }));
  const root = {
    ownerDocument: {
      createTreeWalker(from, what) {
        assert.equal(from, root);
        assert.equal(what, 4); // NodeFilter.SHOW_TEXT
        let at = -1;
        return { nextNode: () => (at + 1 < nodes.length ? nodes[++at] : null) };
      },
    },
  };
  return { root, nodes };
}

describe("toDomPoint", () => {
  test("returns the text node and its UTF-16 offset", () => {
    const { root, nodes } = fakeRoot(["Kyiv ", "😀 said"]);
    assert.deepEqual(toDomPoint(root, 0), { node: nodes[0], offset: 0 });
    assert.deepEqual(toDomPoint(root, 5), { node: nodes[0], offset: 5 });
    assert.deepEqual(toDomPoint(root, 6), { node: nodes[1], offset: 2 });
    assert.deepEqual(toDomPoint(root, 100), { node: nodes[1], offset: 7 });
  });

  test("a root without text is its own point", () => {
    const { root } = fakeRoot([]);
    assert.deepEqual(toDomPoint(root, 3), { node: root, offset: 0 });
  });
});
