// The parsing worker's thread: runs the one task it is given (parse-tasks.ts) and posts the result back,
// or the error's message. Started and stopped by parse-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { runParseTask, type ParseTask } from './parse-tasks.js';

const task = workerData as ParseTask;
try {
  const value = runParseTask(task);
  const image = task.kind === 'manifest-db' ? task.image : null;
  parentPort!.postMessage({ ok: true, value }, image ? [image.buffer as ArrayBuffer] : []);
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
