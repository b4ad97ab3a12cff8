// Coarse device class from the User-Agent, exposed to Unleash constraints as the `device` property.
// Bots first: many crawler UAs also claim "Mobile".
const BOT = /bot|crawl|spider|slurp|facebookexternalhit|bingpreview|headless/i;
const TABLET = /ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini/i;

export type DeviceClass = "bot" | "tablet" | "mobile" | "desktop" | "unknown";

export function detectDevice(userAgent: string | undefined): DeviceClass {
  if (!userAgent) return "unknown";
  if (BOT.test(userAgent)) return "bot";
  if (TABLET.test(userAgent)) return "tablet";
  if (MOBILE.test(userAgent)) return "mobile";
  return "desktop";
}
