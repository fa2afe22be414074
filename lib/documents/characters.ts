// How many characters a text has, as a reader counts them: Unicode code points, so an emoji or a
// letter outside the Basic Multilingual Plane (𝔘, 😀) counts once, where JavaScript's `length`
// counts two UTF-16 units. Every count of characters the documents pages show comes from here,
// or from PostgreSQL's char_length, which counts the same way. Client-safe: no database.

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The number of code points in `text` (a lone surrogate counts as one, as it is stored: U+FFFD). */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
      count--;
      i++;
    }
  }
  return count;
}
