/**
 * @module
 * Search text folding: lower case, Vietnamese diacritics removed, `đ` → `d`, white space collapsed, so that
 * "nguyen van a" finds "Nguyễn Văn A" and "so y te" finds "Sở Y tế". Both the stored search text and the
 * query go through this one function, which works the same on PostgreSQL and PGlite (no `unaccent` needed).
 *
 * @example foldForSearch('Sở Y tế  Đà Nẵng') // 'so y te da nang'
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` so user text is matched literally inside a SQL `LIKE` pattern. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
