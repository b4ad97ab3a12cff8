import type { ResolverMap } from "../context.ts";
import { findRegion } from "../../commerce/regions.ts";
import { GraphQlNoSuchEntityError } from "../../errors.ts";

/** Codes ICU names that are not countries (or no longer are), left out as Magento's list does. */
const NOT_COUNTRIES = new Set("AC AN BU CP CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB XK YD YU ZR ZZ".split(" "));
const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** Every ISO 3166 country, A–Z, named in en_US (all countries are allowed in a default store). */
const COUNTRY_CODES: string[] = [];
for (let first = 65; first <= 90; first += 1) {
  for (let second = 65; second <= 90; second += 1) {
    const code = String.fromCharCode(first, second);
    if (!NOT_COUNTRIES.has(code) && names.of(code)) COUNTRY_CODES.push(code);
  }
}

/** Region ids in Magento's directory run 1–65 for the US; probe them through Commerce's table. */
const US_REGIONS = Array.from({ length: 70 }, (_, i) => findRegion("US", { id: i + 1 }))
  .filter((r) => r !== undefined)
  .map((r) => ({ id: r.id, code: r.code, name: r.name }));

function toCountryView(code: string) {
  const name = names.of(code) ?? code;
  return {
    id: code, two_letter_abbreviation: code, full_name_locale: name, full_name_english: name,
    available_regions: code === "US" ? US_REGIONS : null,
  };
}

/** countries, country and currency: the directory a checkout's address form reads. */
export const directoryResolvers: ResolverMap = {
  "Query.countries": () => COUNTRY_CODES.map(toCountryView),
  "Query.country": (_source, args) => {
    const id = String((args as { id?: string | null }).id ?? "").toUpperCase();
    if (!COUNTRY_CODES.includes(id)) throw new GraphQlNoSuchEntityError(`The country isn't available.`);
    return toCountryView(id);
  },
  "Query.currency": (_source, _args, context) => {
    const { displayCurrency: display, allowedCurrencies } = context.storeView;
    return {
      base_currency_code: "USD", base_currency_symbol: "$",
      default_display_currency_code: display.code, default_display_currency_symbol: display.symbol,
      default_display_currecy_code: display.code, default_display_currecy_symbol: display.symbol,
      available_currency_codes: allowedCurrencies.map((c) => c.code),
      exchange_rates: allowedCurrencies.map((c) => ({ currency_to: c.code, rate: c.rate })),
    };
  },
};
