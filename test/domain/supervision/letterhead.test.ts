import { describe, expect, it } from 'vitest';
import {
  defaultLetterhead,
  initials,
  placeName,
  spellOutBody,
} from '../../../domain/supervision/letterhead.ts';

describe('default letterhead', () => {
  it('derives the parts of a department’s letterhead from the registry', () => {
    expect(
      defaultLetterhead({
        departmentName: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị',
        parentName: 'UBND tỉnh Quảng Trị',
        provinceName: 'UBND tỉnh Quảng Trị',
      }),
    ).toEqual({
      parentBody: 'Ủy ban nhân dân tỉnh Quảng Trị',
      issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
      symbol: 'SVHTTDL-QLBC',
      place: 'Quảng Trị',
      signerTitle: 'Giám đốc',
      signerName: '',
      copyTo: [],
    });
  });
  it('keeps Đ in initials and drops conjunctions', () => {
    expect(initials('Sở Nội vụ và Đào tạo')).toBe('SNVĐT');
  });
  it('reads city and province names', () => {
    expect(placeName('UBND thành phố Huế')).toBe('Huế');
    expect(placeName('Ủy ban nhân dân tỉnh Lào Cai')).toBe('Lào Cai');
    expect(spellOutBody('UBND thành phố Huế')).toBe('Ủy ban nhân dân thành phố Huế');
  });
  it('leaves a name without a province suffix alone', () => {
    const head = defaultLetterhead({ departmentName: 'Cục Báo chí', parentName: null, provinceName: null });
    expect(head).toMatchObject({ parentBody: '', issuingBody: 'Cục Báo chí', symbol: 'CBC-QLBC', place: '' });
  });
});
