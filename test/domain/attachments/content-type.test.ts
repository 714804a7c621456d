/**
 * Attachments are typed by their content: real PDF, PNG, JPEG, DOCX, XLSX and UTF-8 text pass whatever they
 * are called; executables, markup, macro-enabled Office files, other archives and unknown bytes are refused.
 */
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffContent } from '../../../domain/attachments/index.ts';
import { zipEntries } from '../../../domain/attachments/zip.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array(b);
const kindOf = (b: Uint8Array) => {
  const s = sniffContent(b);
  return s.ok ? s.kind : `refused:${s.reason}`;
};

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

async function realDocx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('Báo cáo tiến độ')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function realXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Số liệu').addRow(['Tỉnh', 'Số ca']);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('sniffContent', () => {
  it('recognises PDF, PNG and JPEG by their magic bytes', () => {
    expect(kindOf(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    expect(kindOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('png');
    expect(kindOf(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46))).toBe('jpeg');
    expect(sniffContent(utf8('%PDF-1.4'))).toMatchObject({ ok: true, type: { mime: 'application/pdf' } });
  });

  it('recognises real DOCX and XLSX files by their parts and declared content type', async () => {
    expect(kindOf(await realDocx())).toBe('docx');
    expect(kindOf(await realXlsx())).toBe('xlsx');
    expect(
      kindOf(
        zipSync({ '[Content_Types].xml': utf8(CONTENT_TYPES(DOCX_MAIN)), 'word/document.xml': utf8('<w/>') }),
      ),
    ).toBe('docx');
  });

  it('refuses macro-enabled Office files and other ZIP archives', () => {
    const docm = zipSync({
      '[Content_Types].xml': utf8(CONTENT_TYPES('application/vnd.ms-word.document.macroEnabled.main+xml')),
      'word/document.xml': utf8('<w/>'),
    });
    expect(kindOf(docm)).toBe('refused:macros');
    const withProject = zipSync({
      '[Content_Types].xml': utf8(CONTENT_TYPES(DOCX_MAIN)),
      'word/document.xml': utf8('<w/>'),
      'word/vbaProject.bin': bytes(1, 2, 3),
    });
    expect(kindOf(withProject)).toBe('refused:macros');
    expect(kindOf(zipSync({ 'payload.exe': bytes(0x4d, 0x5a) }))).toBe('refused:unknown');
    // The parts of a document without its manifest, and a manifest that names another main part.
    expect(kindOf(zipSync({ 'word/document.xml': utf8('<w/>') }))).toBe('refused:unknown');
    expect(
      kindOf(
        zipSync({ '[Content_Types].xml': utf8(CONTENT_TYPES('text/html')), 'word/document.xml': utf8('') }),
      ),
    ).toBe('refused:unknown');
  });

  it('refuses truncated and malformed archives without throwing', async () => {
    const docx = await realDocx();
    expect(kindOf(docx.subarray(0, docx.length - 30))).toBe('refused:unknown');
    expect(kindOf(bytes(0x50, 0x4b, 0x03, 0x04, 1, 2, 3))).toBe('refused:unknown');
    const corrupted = docx.slice();
    corrupted.fill(0xff, docx.length - 200, docx.length - 22);
    expect(kindOf(corrupted)).toBe('refused:unknown');
    expect(zipEntries(bytes(1, 2, 3))).toBeUndefined();
  });

  it('accepts UTF-8 text with Vietnamese letters, a BOM, tabs and line breaks', () => {
    expect(kindOf(utf8('Họ và tên\tSố điện thoại\r\nNguyễn Văn An\t0912 345 678\n'))).toBe('text');
    expect(kindOf(utf8('\uFEFFTiêu đề; giá < 5 và > 2'))).toBe('text');
    expect(sniffContent(utf8('a'))).toMatchObject({ ok: true, type: { mime: 'text/plain; charset=utf-8' } });
  });

  it('refuses executables, whatever their name', () => {
    expect(kindOf(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03))).toBe('refused:executable');
    expect(kindOf(bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1))).toBe('refused:executable');
    expect(kindOf(bytes(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1))).toBe('refused:executable');
    expect(kindOf(utf8('#!/bin/sh\nrm -rf /\n'))).toBe('refused:executable');
    expect(kindOf(bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0))).toBe('refused:executable');
  });

  it('refuses HTML, SVG and XML, also when they hide behind other text', () => {
    expect(kindOf(utf8('<!DOCTYPE html><html><body>Xin chào</body></html>'))).toBe('refused:markup');
    expect(kindOf(utf8('  \n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBe(
      'refused:markup',
    );
    expect(kindOf(utf8('<?xml version="1.0"?><root/>'))).toBe('refused:markup');
    expect(kindOf(utf8('Báo cáo\n<script>alert(1)</script>'))).toBe('refused:markup');
    expect(kindOf(utf8('xem <IMG SRC=x onerror=alert(1)>'))).toBe('refused:markup');
    expect(kindOf(utf8('bấm javascript:alert(1)'))).toBe('refused:markup');
  });

  it('refuses invalid UTF-8, control characters, direction overrides and empty files', () => {
    expect(kindOf(bytes(0xc3, 0x28, 0x41))).toBe('refused:unknown');
    expect(kindOf(bytes(0xed, 0xa0, 0x80))).toBe('refused:unknown'); // an encoded surrogate
    expect(kindOf(utf8('abc\u0000def'))).toBe('refused:unknown');
    expect(kindOf(utf8('abc\u001bdef'))).toBe('refused:unknown');
    expect(kindOf(utf8('abc\u0085def'))).toBe('refused:unknown');
    expect(kindOf(utf8('invoice\u202Etxt.exe'))).toBe('refused:unknown');
    expect(kindOf(new Uint8Array(0))).toBe('refused:empty');
    expect(kindOf(bytes(0x00, 0x01, 0x02, 0x03))).toBe('refused:unknown');
    // GIF is an image, but not one we accept.
    expect(kindOf(utf8('GIF89a\u0001\u0000'))).toBe('refused:unknown');
  });
});
