export const routeQuery = `
  query AdapterRoute($url: String!) {
    route(url: $url) {
      __typename
      type
      redirect_code
      relative_url
      ... on CmsPage { identifier }
      ... on CategoryInterface { id uid url_key }
      ... on ProductInterface { id uid url_key }
    }
  }
`;
