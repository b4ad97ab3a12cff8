import { getThemeStylesheets } from "../../lib/magento.ts";
import { toSameOriginStaticUrl } from "../../lib/format.ts";

/**
 * The legacy theme's own stylesheets, in legacy's order: React hoists them into the head (precedence),
 * so the page paints styled, and the same files style both sides.
 */
export async function ThemeStylesheets() {
  const sheets = await getThemeStylesheets();
  return (
    <>
      {sheets.map((sheet) => (
        <link key={sheet.href} rel="stylesheet" href={toSameOriginStaticUrl(sheet.href)} precedence="theme" {...(sheet.media ? { media: sheet.media } : {})} />
      ))}
    </>
  );
}
