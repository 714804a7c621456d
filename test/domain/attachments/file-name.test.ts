/**
 * A client's file name is a hint, never a path: hostile names (traversal, control and direction characters,
 * Windows device names, trailing dots, endless length) come out harmless, Vietnamese letters survive in
 * NFC, and the extension always matches the type the content was found to be.
 */
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_TYPES,
  attachmentName,
  DEFAULT_FILE_NAME,
  MAX_FILE_NAME_BYTES,
  sanitiseFileName,
} from '../../../domain/attachments/index.ts';

const { pdf, png, jpeg, text, docx } = ATTACHMENT_TYPES;
const utf8Length = (s: string) => new TextEncoder().encode(s).length;

describe('sanitiseFileName', () => {
  it('keeps Vietnamese names and normalises them to NFC', () => {
    expect(sanitiseFileName('Báo cáo tiến độ – Sở Y tế.pdf')).toBe('Báo cáo tiến độ – Sở Y tế.pdf');
    const decomposed = 'Nguyễn Văn Đức.docx'.normalize('NFD');
    expect(sanitiseFileName(decomposed)).toBe('Nguyễn Văn Đức.docx'.normalize('NFC'));
  });

  it('keeps only the last segment of a path, in either convention', () => {
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('..\\..\\Windows\\System32\\drivers\\etc\\hosts')).toBe('hosts');
    expect(sanitiseFileName('C:\\Users\\An\\Desktop\\Công văn.pdf')).toBe('Công văn.pdf');
    expect(sanitiseFileName('C:boot.ini')).toBe('boot.ini');
    expect(sanitiseFileName('/')).toBe('');
    expect(sanitiseFileName('..')).toBe('');
  });

  it('drops control, zero-width and direction-override characters', () => {
    expect(sanitiseFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('a\u0000b\u001fc\u007fd\u0085e.txt')).toBe('abcde.txt');
    expect(sanitiseFileName('re\u200Bport\u2066\u2069\uFEFF.pdf')).toBe('report.pdf');
    expect(sanitiseFileName('line\nbreak\u2028.txt')).toBe('linebreak.txt');
    expect(sanitiseFileName('lone\uD800surrogate.txt')).toBe('lonesurrogate.txt');
  });

  it('replaces characters Windows forbids and trims dots and spaces at both ends', () => {
    expect(sanitiseFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
    expect(sanitiseFileName('  report.pdf. . ')).toBe('report.pdf');
    expect(sanitiseFileName('.htaccess')).toBe('htaccess');
    expect(sanitiseFileName('a \t  b.txt')).toBe('a b.txt');
  });

  it('avoids Windows device names, with or without an extension', () => {
    expect(sanitiseFileName('CON')).toBe('_CON');
    expect(sanitiseFileName('nul.txt')).toBe('_nul.txt');
    expect(sanitiseFileName('com1 .pdf')).toBe('_com1 .pdf');
    expect(sanitiseFileName('LPT¹.docx')).toBe('_LPT¹.docx');
    expect(sanitiseFileName('console.txt')).toBe('console.txt');
  });

  it('gives an empty name for nothing usable', () => {
    expect(sanitiseFileName(undefined)).toBe('');
    expect(sanitiseFileName(null)).toBe('');
    expect(sanitiseFileName('\u202E\u200B . .')).toBe('');
  });
});

describe('attachmentName', () => {
  it('keeps an extension that matches the content, in any case', () => {
    expect(attachmentName('Ảnh hiện trường.JPG', jpeg)).toBe('Ảnh hiện trường.JPG');
    expect(attachmentName('photo.jpeg', jpeg)).toBe('photo.jpeg');
    expect(attachmentName('danh-sach.csv', text)).toBe('danh-sach.csv');
  });

  it('adds the content’s extension when the name claims another type or none', () => {
    expect(attachmentName('page.html', text)).toBe('page.html.txt');
    expect(attachmentName('setup.exe', png)).toBe('setup.exe.png');
    expect(attachmentName('Quyết định', pdf)).toBe('Quyết định.pdf');
    expect(attachmentName('invoice\u202Efdp.exe', pdf)).toBe('invoicefdp.exe.pdf');
  });

  it('falls back to a default name', () => {
    expect(attachmentName('', pdf)).toBe(`${DEFAULT_FILE_NAME}.pdf`);
    expect(attachmentName(undefined, docx)).toBe(`${DEFAULT_FILE_NAME}.docx`);
    expect(attachmentName('.pdf', pdf)).toBe('pdf.pdf');
    expect(attachmentName('...', png)).toBe(`${DEFAULT_FILE_NAME}.png`);
    expect(attachmentName('con.pdf', pdf)).toBe('_con.pdf');
  });

  it('limits the length in UTF-8 bytes without splitting a letter, keeping the extension', () => {
    const long = `${'Tổng hợp ý kiến phản ánh của người dân '.repeat(20)}.pdf`;
    const name = attachmentName(long, pdf);
    expect(utf8Length(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('Tổng hợp ý kiến')).toBe(true);
    expect(name).toBe(name.normalize('NFC'));
    expect(name).not.toMatch(/[\s.]\.pdf$/u);
    // Decomposed letters: a base letter is never kept without its marks.
    const decomposed = attachmentName('ệ'.normalize('NFD').repeat(200), text);
    expect(decomposed.slice(0, -4)).toBe('ệ'.repeat(decomposed.slice(0, -4).length));
  });
});
