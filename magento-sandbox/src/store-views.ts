/**
 * The store views of the sandbox's one website, as a Luma install with a second store view has them:
 * `default` (USD) and `fr` ("French Store View"), which shares the catalog and root category but has
 * its own base URL and displays prices in EUR at a fixed rate (Stores › Currency Rates).
 */

export interface Currency {
  code: string;
  symbol: string;
  /** Base-currency (USD) amount × rate = the amount in this currency. */
  rate: number;
}

export interface StoreView {
  id: number;
  code: string;
  name: string;
  locale: string;
  /** The default title of the store's pages (design/head/default_title). */
  defaultTitle: string;
  /** Public base URL with trailing slash. */
  baseUrl: string;
  displayCurrency: Currency;
  /** The allowed currencies (Content-Currency, the storefront's switcher): the display currency first. */
  allowedCurrencies: readonly Currency[];
}

export const BASE_CURRENCY: Currency = { code: "USD", symbol: "$", rate: 1 };
/** A fixed rate, as an admin enters under Stores › Currency Rates. */
export const EUR: Currency = { code: "EUR", symbol: "€", rate: 0.9 };

/** The currencies of the storefront's store view (`default`): what its currency switcher offers. */
export const DEFAULT_STORE_CURRENCIES: Pick<StoreView, "displayCurrency" | "allowedCurrencies"> = {
  displayCurrency: BASE_CURRENCY, allowedCurrencies: [BASE_CURRENCY, EUR],
};

/** Base URLs by store code; `fr` falls back to the default base URL + `fr/` (Magento's store code in URLs). */
export type StoreUrls = Readonly<Record<string, string>>;

export type StoreViews = ReadonlyMap<string, StoreView>;

export const STORE_CODES: readonly string[] = ["default", "fr"];

export function createStoreViews(baseUrl: string, storeUrls: StoreUrls = {}): StoreViews {
  const base = withSlash(baseUrl);
  const urlOf = (code: string, fallback: string) => withSlash(storeUrls[code] ?? fallback);
  const views: StoreView[] = [
    {
      id: 1, code: "default", name: "Default Store View", locale: "en_US", defaultTitle: "Magento Commerce",
      baseUrl: urlOf("default", base), ...DEFAULT_STORE_CURRENCIES,
    },
    {
      id: 2, code: "fr", name: "French Store View", locale: "fr_FR", defaultTitle: "Magento Commerce FR",
      baseUrl: urlOf("fr", `${base}fr/`), displayCurrency: EUR, allowedCurrencies: [EUR, BASE_CURRENCY],
    },
  ];
  return new Map(views.map((view) => [view.code, view]));
}

/** The currency a request asks for (Content-Currency), or the store's display currency; undefined if not allowed. */
export function pickCurrency(view: StoreView, requested: string | undefined): Currency | undefined {
  const code = requested?.trim().toUpperCase();
  if (!code) return view.displayCurrency;
  return view.allowedCurrencies.find((currency) => currency.code === code);
}

function withSlash(url: string): string {
  return url.replace(/\/?$/, "/");
}
