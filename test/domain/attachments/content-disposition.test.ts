/** Downloads keep their Vietnamese names (RFC 6266 with an RFC 8187 `filename*`) and an ASCII fallback. */
import { describe, expect, it } from 'vitest';
import { asciiFileName, contentDisposition, rfc8187Encode } from '../../../domain/attachments/index.ts';

describe('contentDisposition', () => {
  it('gives the exact name in filename* and an ASCII fallback in filename', () => {
    expect(contentDisposition('Báo cáo Đà Nẵng.pdf')).toBe(
      `attachment; filename="Bao cao Da Nang.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90%C3%A0%20N%E1%BA%B5ng.pdf`,
    );
    expect(decodeURIComponent(rfc8187Encode('Nguyễn Văn Đức (1).txt'))).toBe('Nguyễn Văn Đức (1).txt');
  });

  it('encodes the characters RFC 8187 does not allow bare', () => {
    expect(rfc8187Encode("a'b(c)d*e!f")).toBe('a%27b%28c%29d%2Ae!f');
    expect(rfc8187Encode('x;y,z"w')).toBe('x%3By%2Cz%22w');
  });

  it('never lets a quote, backslash or non-ASCII character into the quoted fallback', () => {
    expect(asciiFileName('a"b\\c%d.txt')).toBe('a_b_c_d.txt');
    expect(asciiFileName('文件.pdf')).toBe('__.pdf');
    expect(contentDisposition('a"; filename=evil.exe')).toMatch(
      /^attachment; filename="a_; filename=evil\.exe"; /,
    );
  });
});
