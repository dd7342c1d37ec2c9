// The parsing worker's thread: runs the one task it is given (parse-tasks.ts) and posts the result back,
// or the error (a typed one keeps its code, message and technical detail). Started and stopped by
// parse-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { SentinelleError } from '../../src-shared/errors.js';
import { runParseTask, type ParseTask } from './parse-tasks.js';

const task = workerData as ParseTask;
try {
  const value = await runParseTask(task, (progress) => parentPort!.postMessage({ progress }));
  const image = task.kind === 'manifest-db' ? task.image : null;
  parentPort!.postMessage({ ok: true, value }, image ? [image.buffer as ArrayBuffer] : []);
} catch (error) {
  if (error instanceof SentinelleError) parentPort!.postMessage({ ok: false, message: error.message, code: error.code, technical: error.technical });
  else parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
