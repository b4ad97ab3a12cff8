import type { Attribute, AttributeInput, AttributeOption } from "./types.ts";
import { readCsv, splitValues } from "./csv.ts";

/** Luma's well-known ids, so uids like "configurable/93/56" match what real stores answer. */
const FIXED_ATTRIBUTE_IDS: Record<string, number> = { color: 93, size: 144 };
const FIRST_ATTRIBUTE_ID = 134;
const FIRST_OPTION_ID = 49;

/** Luma's visual swatches for its colour options. */
const COLOR_SWATCHES: Record<string, string> = {
  black: "#000000", blue: "#1857f7", brown: "#945454", gray: "#8f8f8f", green: "#53a828",
  lavender: "#ce64d4", multi: "#ffffff", orange: "#eb6703", purple: "#ef3dff", red: "#ff0000",
  white: "#ffffff", yellow: "#ffd500",
};

const ATTRIBUTE_FILES = [
  "CatalogSampleData/attributes.csv",
  "ConfigurableSampleData/attributes.csv",
  "DownloadableSampleData/attributes.csv",
];

export interface AttributeRegistry {
  attributes: Attribute[];
  get(code: string): Attribute | undefined;
  /** Option ids for labels (case-insensitive); unknown labels become new options. */
  resolve(code: string, labels: string[]): string[];
}

/** Loads the EAV attributes and their options, merging the same code across modules. */
export function loadAttributes(dir: string): AttributeRegistry {
  const byCode = new Map<string, Attribute>();
  const ids = createIdSequence();
  // Colour first, so its options get Luma's ids 49–60.
  const rows = ATTRIBUTE_FILES.flatMap((file) => readCsv(dir, file));
  rows.sort((a, b) => Number(b.attribute_code === "color") - Number(a.attribute_code === "color"));
  {
    for (const row of rows) {
      const code = row.attribute_code ?? "";
      const input = toInput(row.frontend_input);
      let attribute = byCode.get(code);
      if (!attribute) {
        attribute = {
          id: FIXED_ATTRIBUTE_IDS[code] ?? ids.nextAttribute(),
          code,
          label: splitValues(row.frontend_label)[0] ?? code,
          input,
          filterable: row.is_filterable === "1",
          flags: readFlags(row),
          position: Number(row.position) || 0,
          options: input === "boolean" ? booleanOptions() : [],
        };
        byCode.set(code, attribute);
      }
      if (input !== "boolean") addOptions(attribute, splitValues(row.option), ids);
    }
  }
  const resolve = (code: string, labels: string[]): string[] => {
    const attribute = byCode.get(code);
    if (!attribute) return [];
    if (attribute.input === "boolean") return labels.map((l) => (/^(1|yes)$/i.test(l) ? "1" : "0"));
    addOptions(attribute, labels, ids);
    return labels.map((l) => findOption(attribute, l)?.id).filter((id): id is string => id !== undefined);
  };
  return { attributes: [...byCode.values()], get: (code) => byCode.get(code), resolve };
}

const FLAG_COLUMNS = [
  "is_searchable", "is_visible_in_advanced_search", "is_comparable", "is_filterable", "is_filterable_in_search",
  "is_used_for_promo_rules", "is_html_allowed_on_front", "is_visible_on_front", "used_in_product_listing", "used_for_sort_by",
];

function readFlags(row: Record<string, string>): Record<string, boolean> {
  return Object.fromEntries(FLAG_COLUMNS.map((column) => [column, row[column] === "1"]));
}

function createIdSequence() {
  let attributeId = FIRST_ATTRIBUTE_ID;
  let optionId = FIRST_OPTION_ID;
  const taken = new Set(Object.values(FIXED_ATTRIBUTE_IDS));
  return {
    nextAttribute(): number {
      while (taken.has(attributeId)) attributeId += 1;
      taken.add(attributeId);
      return attributeId;
    },
    nextOption: (): number => optionId++,
  };
}

function addOptions(attribute: Attribute, labels: string[], ids: { nextOption(): number }): void {
  for (const label of labels) {
    if (findOption(attribute, label)) continue;
    const option: AttributeOption = { id: String(ids.nextOption()), label, position: attribute.options.length };
    const hex = attribute.code === "color" ? COLOR_SWATCHES[label.toLowerCase()] : undefined;
    if (hex) option.swatch = { type: 1, value: hex };
    else if (attribute.code === "size") option.swatch = { type: 0, value: label };
    attribute.options.push(option);
  }
}

function findOption(attribute: Attribute, label: string): AttributeOption | undefined {
  const wanted = label.toLowerCase();
  return attribute.options.find((o) => o.label.toLowerCase() === wanted);
}

function booleanOptions(): AttributeOption[] {
  return [
    { id: "1", label: "Yes", position: 0 },
    { id: "0", label: "No", position: 1 },
  ];
}

function toInput(value: string | undefined): AttributeInput {
  return value === "multiselect" || value === "boolean" ? value : "select";
}
