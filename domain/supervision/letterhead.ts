/**
 * @module
 * A department's letterhead when its administrators have configured none: derived from the registry, so the
 * first letter a new department sends is already laid out correctly (issue 8). Configured fields win.
 */

/** The fields a letter prints at its head and foot (see `documents/letter/model.ts` for their layout). */
export interface LetterheadFields {
  parentBody: string;
  issuingBody: string;
  symbol: string;
  place: string;
  signerAuthority?: string | undefined;
  signerTitle: string;
  signerName: string;
  copyTo: string[];
}

/** 'UBND tỉnh Quảng Trị' → 'Ủy ban nhân dân tỉnh Quảng Trị' (a letterhead spells the body out). */
export function spellOutBody(name: string): string {
  return name.replace(/^UBND\b/u, 'Ủy ban nhân dân');
}

/** The province's own name: 'UBND tỉnh Quảng Trị' → 'Quảng Trị', 'UBND thành phố Huế' → 'Huế'. */
export function placeName(provinceAgencyName: string): string {
  return provinceAgencyName.replace(/^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+/iu, '').trim();
}

/**
 * The initials of a body's name, as document symbols are made: 'Sở Văn hóa, Thể thao và Du lịch' → 'SVHTTDL'
 * (conjunctions dropped, Đ kept).
 */
export function initials(name: string): string {
  return name
    .split(/[\s,.;:()-]+/u)
    .filter((word) => word && !['và', 'của'].includes(word.toLocaleLowerCase('vi')))
    .map((word) => word[0]!.normalize('NFD')[0]!.toLocaleUpperCase('vi'))
    .join('');
}

/**
 * The letterhead a department gets by default: its parent body, its own name without the province suffix,
 * a symbol of its initials and the press-management unit (QLBC), the province as the place, its head signing.
 */
export function defaultLetterhead(input: {
  departmentName: string;
  parentName: string | null;
  provinceName: string | null;
}): LetterheadFields {
  const place = input.provinceName ? placeName(input.provinceName) : '';
  const issuingBody = place
    ? input.departmentName.replace(new RegExp(`\\s+(tỉnh|thành phố)\\s+${escapeRegExp(place)}$`, 'u'), '')
    : input.departmentName;
  return {
    parentBody: input.parentName ? spellOutBody(input.parentName) : '',
    issuingBody,
    symbol: `${initials(issuingBody)}-QLBC`,
    place,
    signerTitle: 'Giám đốc',
    signerName: '',
    copyTo: [],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
