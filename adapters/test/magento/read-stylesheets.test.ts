import { describe, expect, it } from "vitest";
import { readStylesheets } from "../../src/magento/read-stylesheets.ts";

describe("readStylesheets", () => {
  it.each([
    ["accepts Luma's two theme links, in order, with their media",
      `<html><head><link rel="stylesheet" type="text/css" media="all" href="https://shop.example/static/version1/frontend/Magento/luma/en_US/css/styles-m.css"><link rel="stylesheet" type="text/css" media="screen and (min-width: 768px)" href="https://shop.example/static/version1/frontend/Magento/luma/en_US/css/styles-l.css"></head><body></body></html>`,
      [{ href: "https://shop.example/static/version1/frontend/Magento/luma/en_US/css/styles-m.css", media: "all" }, { href: "https://shop.example/static/version1/frontend/Magento/luma/en_US/css/styles-l.css", media: "screen and (min-width: 768px)" }]],
    ["accepts rel in any case among other rel words, decodes entities, leaves media out when absent",
      `<head><LINK REL="preload Stylesheet" HREF="/static/a.css?x=1&amp;y=2"></head>`, [{ href: "/static/a.css?x=1&y=2" }]],
    ["rejects alternate stylesheets, links without href, other rels and links in the body",
      `<head><link rel="alternate stylesheet" href="/alt.css"><link rel="stylesheet"><link rel="icon" href="/favicon.ico"></head><body><link rel="stylesheet" href="/late.css"></body>`, []],
    ["rejects a page that is not HTML at all", `{"message":"not html"}`, []],
  ])("%s", (_name, html, expected) => {
    expect(readStylesheets(html)).toEqual(expected);
  });
});
