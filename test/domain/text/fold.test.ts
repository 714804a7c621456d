import { describe, expect, it } from 'vitest';
import { escapeLikePattern, foldForSearch } from '../../../domain/text/fold.ts';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['Sở Y tế', 'so y te'],
    ['Đà Nẵng', 'da nang'],
    ['đường Điện Biên Phủ', 'duong dien bien phu'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Ủy ban nhân dân tỉnh Quảng Trị', 'uy ban nhan dan tinh quang tri'],
    ['ỨNG PHÓ BÃO SỐ 3', 'ung pho bao so 3'],
    ['Sở Y tế  Đà Nẵng', 'so y te da nang'],
    ['  Bộ\tThông tin\n và Truyền thông  ', 'bo thong tin va truyen thong'],
    ['plain ascii 123', 'plain ascii 123'],
    ['', ''],
  ])('%j → %j', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('treats precomposed (NFC) and decomposed (NFD) input alike', () => {
    const nfc = 'Nguyễn Văn A'.normalize('NFC');
    const nfd = 'Nguyễn Văn A'.normalize('NFD');
    expect(nfc).not.toBe(nfd);
    expect(foldForSearch(nfd)).toBe(foldForSearch(nfc));
  });

  it('is idempotent, so a folded query matches folded stored text', () => {
    const once = foldForSearch('Hoàng Thị Ngọc Ánh');
    expect(foldForSearch(once)).toBe(once);
    expect(foldForSearch('Hoàng Thị Ngọc Ánh')).toContain(foldForSearch('ngoc anh'));
  });

  it('keeps characters that are not Vietnamese letters', () => {
    expect(foldForSearch('Số 12/2024/NĐ-CP (sửa đổi)')).toBe('so 12/2024/nd-cp (sua doi)');
  });
});

describe('escapeLikePattern', () => {
  it.each([
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['C:\\path', 'C:\\\\path'],
    ['%_\\', '\\%\\_\\\\'],
    ['nothing special', 'nothing special'],
    ['', ''],
  ])('%j → %j', (input, escaped) => {
    expect(escapeLikePattern(input)).toBe(escaped);
  });
});
