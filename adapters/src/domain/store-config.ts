export interface StoreConfig {
  storeCode: string;
  storeName: string;
  locale: string;
  baseCurrency: string;
  defaultDisplayCurrency: string;
  baseUrl: string;
  baseMediaUrl: string;
  productUrlSuffix: string;
  categoryUrlSuffix: string;
  rootCategoryUid: string;
  defaultTitle: string;
  titlePrefix: string;
  titleSuffix: string;
  defaultDescription: string;
  headerLogo?: string;
  copyright: string;
  cmsHomePage: string;
  gridPerPage: number;
}
