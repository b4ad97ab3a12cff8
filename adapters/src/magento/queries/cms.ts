export const cmsPageQuery = `
  query AdapterCmsPage($identifier: String!) {
    cmsPage(identifier: $identifier) {
      identifier
      title
      content_heading
      content
      meta_title
      meta_description
      meta_keywords
      url_key
    }
  }
`;

export const cmsBlocksQuery = `
  query AdapterCmsBlocks($identifiers: [String]!) {
    cmsBlocks(identifiers: $identifiers) {
      items { identifier title content }
    }
  }
`;
