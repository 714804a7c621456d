/**
 * @module
 * The reminder letter (văn bản đôn đốc) to an agency late answering journalists, as DOCX (to edit and sign)
 * and PDF (to send), both worded by {@link composeReminderLetter} and laid out per Decree 30/2020/NĐ-CP.
 *
 * @example
 * const pdf = await renderReminderLetterPdf(letter);
 * const docx = await renderReminderLetterDocx(letter);
 */
export {
  composeReminderLetter,
  formatDocumentNumber,
  formatInstantAsVietnamDate,
  formatLocalDate,
  formatPlaceAndDate,
  reminderLetterLines,
  type Cell,
  type ComposedLetter,
  type Letterhead,
  type OverdueContactLine,
  type ReminderLetter,
} from './model.ts';
export { renderReminderLetterDocx } from './docx.ts';
export { renderReminderLetterPdf } from './pdf.ts';
export { loadTinos, tinosFontPaths, type TinosFonts, type TinosStyle } from './fonts.ts';
