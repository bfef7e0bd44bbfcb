// Validate every HTML file with the Nu HTML Checker (vnu.jar from the vnu-jar package).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkFiles } from './util.mjs';

const require = createRequire(import.meta.url);
export const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/**
 * Run vnu once over all .html files under publicDir.
 * @returns {Promise<{file: string, line: number, col: number, message: string}[]>} the errors, by file and position.
 */
export function runVnu(publicDir) {
  const root = path.resolve(publicDir);
  const files = walkFiles(root).filter((f) => f.endsWith('.html')).map((f) => path.join(root, f));
  if (!files.length) return Promise.resolve([{ file: '(none)', line: 0, col: 0, message: 'no .html files found' }]);
  const java = process.env.JAVA ?? 'java';
  return new Promise((resolve) => {
    // -Xss: vnu recurses deeply on big documents; a larger stack avoids StackOverflowError.
    const child = spawn(java, ['-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...files],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => resolve([{ file: '(vnu)', line: 0, col: 0, message: `cannot run ${java}: ${e.message}` }]));
    child.on('close', (code) => {
      let messages;
      try {
        messages = JSON.parse(out).messages;
      } catch {
        resolve([{ file: '(vnu)', line: 0, col: 0, message: `vnu exited ${code} without JSON: ${(err || out).trim().slice(0, 500)}` }]);
        return;
      }
      const errors = messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => ({
          file: m.url ? path.relative(root, fileURLToPath(m.url.replace(/^file:(?!\/\/)/, 'file://'))) : '(vnu)',
          line: m.lastLine ?? m.firstLine ?? 0,
          col: m.firstColumn ?? m.lastColumn ?? 0,
          message: m.message,
        }))
        .sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
      resolve(errors);
    });
  });
}
