export interface CmsPage {
  identifier: string;
  title: string;
  contentHeading: string;
  contentHtml: string;
  metaTitle: string;
  metaDescription: string;
  metaKeywords: string;
  url: string;
}

export interface CmsBlock {
  identifier: string;
  title: string;
  contentHtml: string;
}
