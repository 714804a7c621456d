/**
 * @module
 * Saving a file fetched with the bearer token: a link cannot carry the `Authorization` header, so the widget
 * fetches the bytes itself and hands them to the browser through a temporary object URL.
 */

/** Starts the browser's download of `blob` as `fileName`. `container` hosts the temporary link. */
export function saveBlob(blob: Blob, fileName: string, container: Node): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  container.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
