// Writes test/relevance/judged-queries.json: 100 shopper queries over the Luma catalog, each with an
// intent and graded relevant SKUs (3 = what the shopper asked for, 2 = relevant, 1 = related). The
// grades come from the rules below, read against the catalog's own data (names, categories, attribute
// labels), never from any engine's answers, so neither side is judged by itself.
// Run: node services/search/tools/write-judged-queries.ts
import { writeFileSync } from "node:fs";
import { decodeHTML } from "entities";
import { loadCatalog, type Product } from "@strangler/magento-sandbox";

const catalog = loadCatalog();
const visible = catalog.products.filter((p) => p.enabled && p.visibility !== 1);
const name = (p: Product) => decodeHTML(p.name);
const paths = (p: Product) => p.categoryIds.map((id) => catalog.getCategoryById(id)?.urlPath ?? "");
const labels = (p: Product, code: string) => (p.attributes[code] ?? []).map((id) => catalog.getOptionLabel(code, id) ?? "");

type Rule = (p: Product) => number;
const named = (re: RegExp, grade = 3): Rule => (p) => (re.test(name(p)) ? grade : 0);
const inCategory = (path: string, grade = 2): Rule => (p) => (paths(p).some((c) => c === path || c.startsWith(`${path}/`)) ? grade : 0);
const withLabel = (code: string, re: RegExp, grade = 2): Rule => (p) => (labels(p, code).some((l) => re.test(l)) ? grade : 0);
const sku = (...skus: string[]): Rule => (p) => (skus.includes(p.sku) ? 3 : 0);
const all = (...rules: Rule[]): Rule => (p) => Math.min(...rules.map((r) => r(p)));
const best = (...rules: Rule[]): Rule => (p) => Math.max(...rules.map((r) => r(p)));
const grade = (value: number, rule: Rule): Rule => (p) => (rule(p) > 0 ? value : 0);

const pants = best(named(/\bPants?\b/), inCategory("men/bottoms-men/pants-men"), inCategory("women/bottoms-women/pants-women"));
const hoodies = best(named(/\bHood(ie|y|lie)\b/), inCategory("men/tops-men/hoodies-and-sweatshirts-men"), inCategory("women/tops-women/hoodies-and-sweatshirts-women"));
const jackets = best(named(/\bJacket\b/), inCategory("men/tops-men/jackets-men"), inCategory("women/tops-women/jackets-women"));
const shorts = best(named(/\bShort\b/), inCategory("men/bottoms-men/shorts-men"), inCategory("women/bottoms-women/shorts-women"));
const tees = best(named(/\bTee\b/), inCategory("men/tops-men/tees-men"), inCategory("women/tops-women/tees-women"));
const yogaPants = best(all(pants, named(/\bYoga\b/)), grade(1, pants));
const leggings = best(named(/\b(Leggings|Tights?)\b/), withLabel("style_bottom", /^Leggings$/));
const duffles = best(named(/\bDuffle\b/), withLabel("style_bags", /^Duffel$/));
const backpacks = best(named(/\bBackpack\b/), withLabel("style_bags", /^Backpack$/));
const messengers = named(/\bMessenger\b/);
const watches = inCategory("gear/watches", 3);
const videos = inCategory("training/training-video");

const queries: [string, string, Rule][] = [
  ["24-MB01", "a SKU", sku("24-MB01")],
  ["MH07", "a SKU", sku("MH07")],
  ["WJ12", "a SKU", sku("WJ12")],
  ["mp10", "a SKU in lower case", sku("MP10")],
  ["24-WG080", "a bundle's SKU", sku("24-WG080")],
  ["WSH12", "a SKU", sku("WSH12")],
  ["MS11", "a SKU", sku("MS11")],
  ["240-LV04", "a downloadable's SKU", sku("240-LV04")],
  ["MH01-XS-Black", "a variant's SKU finds its configurable", sku("MH01")],
  ["WB04", "a SKU", sku("WB04")],
  ["Joust Duffle Bag", "exact name; other duffles are related", best(sku("24-MB01"), grade(1, duffles))],
  ["Hero Hoodie", "exact name; other men's hoodies are related", best(sku("MH07"), grade(1, inCategory("men/tops-men/hoodies-and-sweatshirts-men")))],
  ["Stellar Solar Jacket", "exact name", best(sku("WJ01"), grade(1, inCategory("women/tops-women/jackets-women")))],
  ["Karmen Yoga Pant", "exact name; other yoga pants are related", best(sku("WP01"), grade(1, all(pants, named(/\bYoga\b/))))],
  ["Sprite Foam Roller", "exact name; other Sprite gear is related", best(sku("24-WG088"), grade(1, named(/\bSprite\b/)))],
  ["Aim Analog Watch", "exact name; other analog watches are related", best(sku("24-MG04"), grade(1, named(/\bAnalog\b/)))],
  ["Erica Evercool Sports Bra", "exact name; other bras are related", best(sku("WB02"), grade(1, named(/\bBra\b/)))],
  ["Argus All-Weather Tank", "exact name; other men's tanks are related", best(sku("MT07"), grade(1, inCategory("men/tops-men/tanks-men")))],
  ["Beginner's Yoga", "exact name; other yoga videos are related", best(sku("240-LV04"), grade(1, all(videos, named(/\bYoga\b/))))],
  ["Overnight Duffle", "exact name; other duffles are related", best(sku("24-WB07"), grade(1, duffles))],
  ["joust", "a model name", sku("24-MB01")],
  ["stellar jacket", "a model name and its type", sku("WJ01")],
  ["karmen pants", "a model name, plural type", sku("WP01")],
  ["sprite", "a product line", named(/\bSprite\b/)],
  ["lumaflex", "a product line", named(/Lumaflex/)],
  ["endurance tee", "model word and type", best(all(named(/\bEndurance\b/), named(/\bTee\b/)), grade(1, named(/\bEndurance\b/)))],
  ["atomic tee", "a model", named(/^Atomic Endurance Running Tee/)],
  ["orestes", "a model name used twice", named(/\bOrestes\b/)],
  ["ida pant", "a model", sku("WP03")],
  ["zeppelin", "a model", sku("MP08")],
  ["didi watch", "a model", sku("24-WG02")],
  ["push it messenger", "a model", sku("24-WB04")],
  ["yoga pants", "pants made for yoga; other pants are related", yogaPants],
  ["pants", "any pants", best(named(/\bPants?\b/), inCategory("men/bottoms-men/pants-men"), inCategory("women/bottoms-women/pants-women"))],
  ["pant", "any pants (singular)", best(named(/\bPants?\b/), inCategory("men/bottoms-men/pants-men"), inCategory("women/bottoms-women/pants-women"))],
  ["hoodie", "hoodies; sweatshirts of the same category are relevant", hoodies],
  ["hoodies", "hoodies (plural)", hoodies],
  ["jacket", "jackets", jackets],
  ["jackets", "jackets (plural)", jackets],
  ["shorts", "shorts", shorts],
  ["tees", "tees", tees],
  ["t-shirt", "tees, as shoppers name them", tees],
  ["tank top", "tanks; bras of the tanks category are related", best(named(/\bTank\b/), grade(1, inCategory("women/tops-women/tanks-women")))],
  ["sports bra", "sports bras; bra tops are relevant", best(named(/\bSports Bra\b/), grade(2, named(/\bBra\b/)))],
  ["backpack", "backpacks", backpacks],
  ["watch", "watches", watches],
  ["water bottle", "the bottle", sku("24-UG06")],
  ["leggings", "leggings and tights", leggings],
  ["capri", "capris", best(named(/\bCapri\b/), withLabel("style_bottom", /^Capri$/))],
  ["duffle bag", "duffle bags", duffles],
  ["messenger bag", "messenger bags", messengers],
  ["tote", "totes", named(/\bTote\b/)],
  ["womens hoodie", "women's hoodies", best(all(inCategory("women/tops-women/hoodies-and-sweatshirts-women", 3), named(/\bHood(ie|lie)\b/)), inCategory("women/tops-women/hoodies-and-sweatshirts-women"))],
  ["mens hoodie", "men's hoodies", best(all(inCategory("men/tops-men/hoodies-and-sweatshirts-men", 3), named(/\bHoodie\b/)), inCategory("men/tops-men/hoodies-and-sweatshirts-men"))],
  ["women jacket", "women's jackets", inCategory("women/tops-women/jackets-women", 3)],
  ["mens jacket", "men's jackets", inCategory("men/tops-men/jackets-men", 3)],
  ["mens shorts", "men's shorts", inCategory("men/bottoms-men/shorts-men", 3)],
  ["womens shorts", "women's shorts", inCategory("women/bottoms-women/shorts-women", 3)],
  ["men's tee", "men's tees", inCategory("men/tops-men/tees-men", 3)],
  ["women's tank", "women's tanks; bras of that category are related", best(all(inCategory("women/tops-women/tanks-women", 3), named(/\bTank\b/)), grade(1, inCategory("women/tops-women/tanks-women")))],
  ["mens pants", "men's pants", inCategory("men/bottoms-men/pants-men", 3)],
  ["womens yoga pants", "women's yoga pants; other women's pants are related", best(all(inCategory("women/bottoms-women/pants-women", 3), named(/\bYoga\b/)), grade(1, inCategory("women/bottoms-women/pants-women")))],
  ["ladies jacket", "women's jackets, another word for women", inCategory("women/tops-women/jackets-women", 3)],
  ["mens yoga shorts", "men's yoga shorts; other men's shorts are related", best(all(inCategory("men/bottoms-men/shorts-men", 3), named(/\bYoga\b/)), grade(1, inCategory("men/bottoms-men/shorts-men")))],
  ["jackt", "a typo for jacket", jackets],
  ["hoddie", "a typo for hoodie", hoodies],
  ["sweatshrt", "a typo for sweatshirt", best(named(/\bSweatshirt\b/), grade(1, hoodies))],
  ["legings", "a typo for leggings", leggings],
  ["backpak", "a typo for backpack", backpacks],
  ["wach", "a typo for watch", watches],
  ["yogga pants", "a typo for yoga pants", yogaPants],
  ["runing short", "a typo for running shorts", best(named(/\bRunning Short\b/), grade(1, shorts))],
  ["compresion short", "a typo for compression shorts", best(named(/\bCompression Short\b/), all(shorts, withLabel("style_bottom", /^Compression$/)))],
  ["tshirt", "tees, spelt without a dash", tees],
  ["messanger bag", "a typo for messenger bag", messengers],
  ["duffel", "duffle, spelt the other way", duffles],
  ["excercise ball", "a typo for exercise ball", sku("24-UG07")],
  ["foam rolller", "a typo for foam roller", best(sku("24-WG088"), grade(1, named(/\bFoam\b/)))],
  ["jaket", "a typo for jacket", jackets],
  ["pulover hoodie", "a typo for pullover hoodie", best(named(/\bPullover Hood(ie|lie)\b/), grade(1, hoodies))],
  ["waterproof backpack", "backpacks that are waterproof", best(all(backpacks, withLabel("features_bags", /^Waterproof$/, 3)), grade(1, backpacks))],
  ["organic cotton tee", "tees of organic cotton", best(all(tees, withLabel("material", /^Organic Cotton$/, 3)), grade(1, tees))],
  ["fleece jacket", "jackets with fleece", best(all(jackets, withLabel("material", /^Fleece$/, 3)), grade(1, jackets))],
  ["running shorts", "running shorts", best(named(/\bRunning Short\b/), grade(1, shorts))],
  ["gym bag", "bags for the gym", all(inCategory("gear/bags"), withLabel("activity", /^Gym$/))],
  ["laptop bag", "bags with a laptop sleeve", all(inCategory("gear/bags"), best(withLabel("style_bags", /^Laptop$/), withLabel("features_bags", /^Laptop Sleeve$/)))],
  ["rain jacket", "rain jackets", best(all(jackets, withLabel("style_general", /^Rain Coat$/, 3)), grade(1, jackets))],
  ["compression shorts", "compression shorts", best(named(/\bCompression Short\b/), all(shorts, withLabel("style_bottom", /^Compression$/)), grade(1, shorts))],
  ["crew neck tee", "crew-neck tees", best(named(/\bCrew-neck\b/i), grade(1, tees))],
  ["v-neck tee", "v-neck tees", best(all(tees, named(/\bV-(neck|Tee)\b/i)), grade(1, tees))],
  ["zip jacket", "jackets with a zip", best(all(jackets, named(/\bZip\b/)), all(jackets, withLabel("style_general", /zip$/i)))],
  ["pullover", "pullovers", best(named(/\bPullover\b/), withLabel("style_general", /^Pullover$/))],
  ["bike short", "bike shorts", best(named(/\bBike Short\b/), grade(1, shorts))],
  ["track pants", "track pants", best(named(/\bTrack Pant\b/), all(pants, withLabel("style_bottom", /^Track Pants$/)))],
  ["yoga strap", "yoga straps", best(named(/\bYoga Straps?\b/), grade(1, sku("24-WG080")))],
  ["yoga brick", "the yoga brick", sku("24-WG084")],
  ["jump rope", "the jump rope", sku("24-UG04")],
  ["resistance band", "bands", grade(2, named(/\bBand\b/))],
  ["workout video", "training videos", videos],
  ["yoga dvd", "yoga videos; other videos are related", best(all(inCategory("training/training-video", 3), named(/\bYoga\b/)), grade(1, videos))],
];

const judged = queries.map(([query, intent, rule]) => {
  const relevant = Object.fromEntries(visible.map((p) => [p.sku, rule(p)] as const).filter(([, g]) => g > 0).sort(([a], [b]) => a.localeCompare(b)));
  if (Object.keys(relevant).length === 0) throw new Error(`no relevant product for "${query}"`);
  return { query, intent, relevant };
});
if (judged.length !== 100) throw new Error(`${judged.length} queries, 100 expected`);
const out = new URL("../test/relevance/judged-queries.json", import.meta.url);
writeFileSync(out, `${JSON.stringify({ about: "Luma catalog, graded 3 asked-for / 2 relevant / 1 related; written by tools/write-judged-queries.ts", queries: judged }, null, 1)}\n`);
console.log(`wrote ${judged.length} queries to ${out.pathname}`);
