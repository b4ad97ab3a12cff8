import { describe, expect, it } from "vitest";
import { sanitizeCmsHtml, toPlainText } from "../../lib/sanitize.ts";

describe("sanitizeCmsHtml", () => {
  it.each([
    ["drops scripts with their content", `<p>Hi</p><script>alert(1)</script>`, `<p>Hi</p>`],
    ["drops event handlers", `<img src="https://x/a.png" onerror="alert(1)" alt="a">`, `<img src="https://x/a.png" alt="a" />`],
    ["drops javascript: links", `<a href="javascript:alert(1)">x</a>`, `<a>x</a>`],
    ["drops inline styles and iframes", `<div style="position:fixed" class="banner">A<iframe src="https://evil"></iframe></div>`, `<div class="banner">A</div>`],
    ["keeps plain spacing and list styles (Luma's content uses them), drops the rest", `<ul style="list-style: none; margin-top: 20px; padding: 0; background: url(https://evil)"><li>a</li></ul>`, `<ul style="list-style:none;margin-top:20px;padding:0"><li>a</li></ul>`],
    ["drops forms but keeps their text", `<form action="/steal"><input name="p">Sign</form>`, `Sign`],
    ["drops unrendered Magento directives", `<p>{{widget type="Magento\\Cms\\Block\\Widget\\Block" block_id="5"}}Text</p>`, `<p>Text</p>`],
    ["keeps headings, lists, links and classes", `<h2 class="title">About</h2><ul><li><a href="/gear.html">Gear</a></li></ul>`, `<h2 class="title">About</h2><ul><li><a href="/gear.html">Gear</a></li></ul>`],
    ["adds noopener to new-window links", `<a href="https://example.com" target="_blank">x</a>`, `<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>`],
  ])("%s", (_name, input, expected) => {
    expect(sanitizeCmsHtml(input)).toBe(expected);
  });

  it("accepts empty content", () => {
    expect(sanitizeCmsHtml(null)).toBe("");
    expect(sanitizeCmsHtml("")).toBe("");
  });
});

describe("toPlainText", () => {
  it("strips tags, collapses whitespace and shortens", () => {
    expect(toPlainText("<p>The   sporty <b>Joust</b>\n duffle</p>")).toBe("The sporty Joust duffle");
    expect(toPlainText("<p>abcdefghij</p>", 5)).toBe("abcd…");
  });
});
