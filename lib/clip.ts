/**
 * The first `max` UTF-16 units of `text`, or one fewer when the cut would fall between the two
 * halves of a character beyond the BMP (an emoji, a rare CJK character): a half on its own is not
 * text, shows as "�" and cannot be stored by PostgreSQL as it is. Client-safe.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** `text` clipped to `max` units with "…" after it when anything was cut. */
export const excerpt = (text: string, max: number): string => (text.length > max ? `${clip(text, max)}…` : text);
