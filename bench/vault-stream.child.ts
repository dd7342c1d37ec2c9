// One artifact-stream benchmark in a process of its own (encrypted vault or plain SQLite), so that the
// kernel's peak-RSS figure belongs to this stream alone. Prints its figures as JSON.
// Run: node --import tsx bench/vault-stream.child.ts encrypted|plain DIR
import { encryptedSubject, plainSubject, streamArtifact } from './vault.bench.js';

const [kind, dir] = process.argv.slice(2) as ['encrypted' | 'plain', string];
const subject = kind === 'encrypted' ? await encryptedSubject(dir) : plainSubject(dir);
const figures = await streamArtifact(subject);
subject.close();
process.stdout.write(JSON.stringify(figures));
