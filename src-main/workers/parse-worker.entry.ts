// The parsing worker's thread: runs the one task it is given (parse-tasks.ts) and posts the result back,
// or the error (a typed one keeps its code, message and technical detail); or, for a session's task, answers
// each request as it comes, the same way. Started and stopped by system/parse-worker.ts and parse-session.ts,
// which know no task: the table is here, above the services whose parsers it runs.
import { parentPort, workerData } from 'node:worker_threads';
import { SentinelleError } from '../../src-shared/errors.js';
import { runParseTask, sessionFor, type ParseTask } from './parse-tasks.js';

const task = workerData as ParseTask;
const session = await sessionFor(task);

function failure(error: unknown) {
  if (error instanceof SentinelleError) return { ok: false, message: error.message, code: error.code, technical: error.technical };
  return { ok: false, message: error instanceof Error ? error.message : String(error) };
}

if (session) {
  parentPort!.on('message', (request: unknown) => {
    try {
      parentPort!.postMessage({ ok: true, value: session(request) });
    } catch (error) {
      parentPort!.postMessage(failure(error));
    }
  });
} else {
  try {
    const value = await runParseTask(task, (progress) => parentPort!.postMessage({ progress }));
    const image = task.kind === 'manifest-db' ? task.image : null;
    parentPort!.postMessage({ ok: true, value }, image ? [image.buffer as ArrayBuffer] : []);
  } catch (error) {
    parentPort!.postMessage(failure(error));
  }
}
