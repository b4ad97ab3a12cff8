/** Magento's `Uid` class: base64 of the entity id (product 14 → "MTQ="). */
export function encodeUid(value: number | string): string {
  return Buffer.from(String(value), "utf8").toString("base64");
}

/** Decodes a uid; undefined when it is not valid base64 of printable text. */
export function decodeUid(uid: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(uid) || uid.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(uid, "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/** Decodes an entity uid to its numeric id. */
export function decodeEntityUid(uid: string): number | undefined {
  const decoded = decodeUid(uid);
  return decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}

/** base64("configurable/<attribute_id>/<value_index>"), as in CartItemInput.selected_options. */
export function encodeConfigurableOptionUid(attributeId: number, valueIndex: number): string {
  return encodeUid(`configurable/${attributeId}/${valueIndex}`);
}

export function decodeConfigurableOptionUid(uid: string): { attributeId: number; valueIndex: number } | undefined {
  const match = /^configurable\/(\d+)\/(\d+)$/.exec(decodeUid(uid) ?? "");
  if (!match) return undefined;
  return { attributeId: Number(match[1]), valueIndex: Number(match[2]) };
}
