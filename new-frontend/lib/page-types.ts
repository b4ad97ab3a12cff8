// What a page renderer gets: the request path and its query (only the dynamic listing route has one).
export interface PageRequest {
  path: string;
  query: URLSearchParams;
}
