import { useCallback, useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import { serializeDocument, type ModelDocument } from '../model.js';
import { useAnalysisOf, useEditorStore, useNotices } from '../editor-context.js';
import { layoutDocument } from '../layout/auto-layout.js';
import { moveNodes } from '../store/document-ops.js';
import {
  documentFileName,
  downloadFile,
  downloadText,
  readDocumentFile,
} from '../persistence/document-file.js';
import { encodeShareHash } from '../persistence/share-link.js';
import { isOnnxFile, maxOnnxBytes, onnxFileName } from '../onnx/onnx-file.js';
import {
  exportedNotice,
  exportFailedNotice,
  importedNotice,
  importFailedNotice,
  onnxExportBlocker,
} from '../onnx/onnx-notices.js';
import { sessionClient } from '../session/session-client.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let opened = 0;

/** The editor's commands, shared by the toolbar, the menus and the keyboard shortcuts. */
export function useCommands() {
  const store = useEditorStore();
  const notices = useNotices();
  const analysisOf = useAnalysisOf();
  const { fitView, getNodes } = useReactFlow();

  const fit = useCallback(() => {
    // Two frames: React commits the new positions, then React Flow has them in its node lookup.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1.2, duration: 250 })),
    );
  }, [fitView]);

  const autoLayout = useCallback(
    async (group?: string) => {
      const sizes = Object.fromEntries(
        getNodes().flatMap((n) =>
          n.measured?.width && n.measured.height
            ? [[n.id, { width: n.measured.width, height: n.measured.height }]]
            : [],
        ),
      );
      const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
      const positions = await layoutDocument(
        store.document,
        sizes,
        Math.max(1.4, canvas && canvas.height > 0 ? canvas.width / canvas.height : 1.6),
      );
      store.update((doc) => moveNodes(doc, positions), { group });
      if (group) store.endGesture();
      fit();
    },
    [store, getNodes, fit],
  );

  /** Opens a document (file, template): one undo step, then fitted in view. */
  const openDocument = useCallback(
    async (doc: ModelDocument, arrange = false) => {
      const group = `open-${(opened += 1)}`;
      store.load(doc, { group });
      if (arrange || doc.nodes.some((n) => !doc.layout?.positions[n.id])) {
        // Let React Flow measure the new cards first, so the layout knows their real sizes.
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        await autoLayout(group);
      }
      store.endGesture();
      fit();
    },
    [store, autoLayout, fit],
  );

  /**
   * Reads an ONNX file in the session worker (the page never parses it); its weights become the
   * session's and its document replaces the graph as one undo step. On failure nothing changes.
   */
  const importOnnxFile = useCallback(
    async (file: File) => {
      if (file.size > maxOnnxBytes) {
        notices.show(
          'error',
          importFailedNotice(file.name, `the file is too large (${file.size} bytes)`),
        );
        return;
      }
      const reading = notices.show('info', `Reading ${file.name}…`);
      try {
        const { document: doc, info } = await sessionClient().importOnnx(
          await file.arrayBuffer(),
          file.name,
        );
        await openDocument(doc);
        notices.show('info', importedNotice(doc.name, info));
      } catch (error) {
        notices.show('error', importFailedNotice(file.name, messageOf(error)));
      } finally {
        notices.dismiss(reading);
      }
    },
    [notices, openDocument],
  );

  const openFile = useCallback(
    async (file: File) => {
      if (isOnnxFile(file)) return importOnnxFile(file);
      const result = await readDocumentFile(file);
      if (!result.ok) {
        notices.show(
          'error',
          `${result.error.replace(/\.?$/, '.')} The current model is unchanged.`,
        );
        return;
      }
      await openDocument(result.document);
      notices.show('info', `Opened “${result.document.name}”.`);
    },
    [notices, openDocument, importOnnxFile],
  );

  /** Writes the document with the session's weights as ONNX, in the session worker, and downloads it. */
  const exportOnnx = useCallback(async () => {
    const doc = store.document;
    const blocked = onnxExportBlocker(doc.nodes.length, analysisOf(doc).diagnostics());
    if (blocked) {
      notices.show('error', `Cannot export to ONNX yet. ${blocked.replace(/\.?$/, '.')}`);
      return;
    }
    const fileName = onnxFileName(doc.name);
    try {
      const { bytes, trained } = await sessionClient().exportOnnx(doc);
      downloadFile(new Blob([bytes], { type: 'application/octet-stream' }), fileName);
      notices.show('info', exportedNotice(fileName, trained));
    } catch (error) {
      notices.show('error', exportFailedNotice(messageOf(error)));
    }
  }, [store, notices, analysisOf]);

  const saveFile = useCallback(() => {
    const doc = store.document;
    downloadText(serializeDocument(doc), documentFileName(doc));
  }, [store]);

  const share = useCallback(async () => {
    const url = `${location.origin}${location.pathname}${encodeShareHash(store.document)}`;
    try {
      await navigator.clipboard.writeText(url);
      notices.show('info', 'Link copied: it carries the whole model.');
    } catch {
      notices.show('info', 'Copy this link to share the model.');
      window.prompt('Share link', url);
    }
    return url;
  }, [store, notices]);

  return useMemo(
    () => ({
      fit,
      autoLayout,
      openDocument,
      openFile,
      saveFile,
      share,
      exportOnnx,
    }),
    [fit, autoLayout, openDocument, openFile, saveFile, share, exportOnnx],
  );
}

export type Commands = ReturnType<typeof useCommands>;
