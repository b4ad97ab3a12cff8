/**
 * Finds what would make a clone depend on the reference material kept beside the repository on
 * the team's machines (a `shared` folder): the Magento data's old location, that folder's absolute
 * path, and relative paths that climb out of the repository to it. A relative path is taken from
 * the file's own folder, as `new URL(…, import.meta.url)` and `join(import.meta.dirname, …)` read it.
 */
const SHARED = "shared";
const NEEDLES = [`${SHARED}/magento`, `/work/${SHARED}`];
const CLIMB_TO_SHARED = new RegExp(String.raw`((?:\.\./)+)${SHARED}\b`, "g");

/** `path:line: text` for each line of `text` (the file at repository-relative `path`) that reaches for `shared`. */
export function findSharedReferences(path: string, text: string): string[] {
  const depth = path.split("/").length - 1;
  const found: string[] = [];
  text.split("\n").forEach((line, index) => {
    const climbsOut = [...line.matchAll(CLIMB_TO_SHARED)].some((match) => match[1]!.length / 3 > depth);
    if (climbsOut || NEEDLES.some((needle) => line.includes(needle))) found.push(`${path}:${index + 1}: ${line.trim().slice(0, 160)}`);
  });
  return found;
}
