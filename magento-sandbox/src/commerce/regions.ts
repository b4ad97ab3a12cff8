/**
 * A slice of Magento's directory_country_region for the US (ids as installed by Magento), so
 * addresses carry the region id / code / name triple REST and GraphQL expose.
 */
const usRegions: [id: number, code: string, name: string][] = [
  [1, "AL", "Alabama"], [2, "AK", "Alaska"], [4, "AZ", "Arizona"], [5, "AR", "Arkansas"],
  [12, "CA", "California"], [13, "CO", "Colorado"], [14, "CT", "Connecticut"], [15, "DE", "Delaware"],
  [18, "FL", "Florida"], [19, "GA", "Georgia"], [21, "HI", "Hawaii"], [22, "ID", "Idaho"],
  [23, "IL", "Illinois"], [24, "IN", "Indiana"], [25, "IA", "Iowa"], [26, "KS", "Kansas"],
  [27, "KY", "Kentucky"], [28, "LA", "Louisiana"], [29, "ME", "Maine"], [31, "MD", "Maryland"],
  [32, "MA", "Massachusetts"], [33, "MI", "Michigan"], [34, "MN", "Minnesota"], [35, "MS", "Mississippi"],
  [36, "MO", "Missouri"], [37, "MT", "Montana"], [38, "NE", "Nebraska"], [39, "NV", "Nevada"],
  [40, "NH", "New Hampshire"], [41, "NJ", "New Jersey"], [42, "NM", "New Mexico"], [43, "NY", "New York"],
  [44, "NC", "North Carolina"], [45, "ND", "North Dakota"], [47, "OH", "Ohio"], [48, "OK", "Oklahoma"],
  [49, "OR", "Oregon"], [51, "PA", "Pennsylvania"], [53, "RI", "Rhode Island"], [54, "SC", "South Carolina"],
  [55, "SD", "South Dakota"], [56, "TN", "Tennessee"], [57, "TX", "Texas"], [58, "UT", "Utah"],
  [59, "VT", "Vermont"], [61, "VA", "Virginia"], [62, "WA", "Washington"], [63, "WV", "West Virginia"],
  [64, "WI", "Wisconsin"], [65, "WY", "Wyoming"],
];

export interface Region {
  id: number;
  code: string;
  name: string;
}

/** Finds a US region by id, code or name (case-insensitive). */
export function findRegion(countryId: string, query: { id?: number; code?: string; name?: string }): Region | undefined {
  if (countryId !== "US") return undefined;
  const code = query.code?.toUpperCase();
  const name = query.name?.toLowerCase();
  const row = usRegions.find(
    ([id, c, n]) => (query.id !== undefined && id === query.id) || c === code || n.toLowerCase() === name,
  );
  return row ? { id: row[0], code: row[1], name: row[2] } : undefined;
}
