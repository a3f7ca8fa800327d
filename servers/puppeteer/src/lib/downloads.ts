import type { Browser } from 'puppeteer-core';
import { saveDownload } from './output.js';

/** Sets the download behaviour of one browser context (undefined: the default one). */
export type Downloads = (contextId: string | undefined) => Promise<void>;

/** Downloads: denied without --output-dir; with it, saved there under their sanitised suggested names. */
export async function configureDownloads(
  browser: Browser,
  outputDir: string | undefined,
  onFile: (file: string, frameId: string) => void,
): Promise<Downloads> {
  const session = await browser.target().createCDPSession();
  const id = (contextId: string | undefined) => (contextId ? { browserContextId: contextId } : {});
  if (!outputDir)
    return async (contextId) => {
      await session
        .send('Browser.setDownloadBehavior', { behavior: 'deny', ...id(contextId) })
        .catch(() => {});
    };
  // Chromium saves under a GUID; the file gets its suggested name, sanitised, once complete.
  // The frame that started it says whose download it is.
  const started = new Map<string, { name: string; frameId: string }>();
  session.on('Browser.downloadWillBegin', (event) =>
    started.set(event.guid, { name: event.suggestedFilename, frameId: event.frameId }),
  );
  session.on('Browser.downloadProgress', (event) => {
    if (event.state !== 'completed') return;
    const { name, frameId } = started.get(event.guid) ?? { name: 'download', frameId: '' };
    started.delete(event.guid);
    void saveDownload(outputDir, event.guid, name).then((file) => {
      if (file) onFile(file, frameId);
    });
  });
  return async (contextId) => {
    await session
      .send('Browser.setDownloadBehavior', {
        behavior: 'allowAndName',
        downloadPath: outputDir,
        eventsEnabled: true,
        ...id(contextId),
      })
      .catch(() => {});
  };
}
