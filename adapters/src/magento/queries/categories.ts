import { categoryFields } from "./fragments.ts";

/** Without filters Magento answers the store's root category; three levels below it cover Luma's menu. */
export const categoryTreeQuery = `
  query AdapterCategoryTree {
    categories {
      items {
        ${categoryFields}
        children {
          ${categoryFields}
          children {
            ${categoryFields}
            children { ${categoryFields} }
          }
        }
      }
    }
  }
`;

export const categoryByUrlPathQuery = `
  query AdapterCategoryByUrlPath($urlPath: String!) {
    categories(filters: { url_path: { eq: $urlPath } }) {
      items {
        ${categoryFields}
        display_mode
        cms_block { identifier content }
      }
    }
  }
`;
