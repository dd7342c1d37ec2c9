// Files the back end makes for the browser of the headless app to download — a sealed bundle (already
// encrypted), the reader page — kept in a private folder of the vault's work area under random names,
// offered by an id the host serves (`GET /api/download/ID`, behind the session's token), and removed once
// downloaded, at every lock and at start-up. Nothing in clear is ever put here.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from '../../src-shared/bundle.js';

export interface ShelvedFile {
  file: string;
  name: string;
  size: number;
}

export class DownloadShelf {
  private readonly offered = new Map<string, { file: string; name: string }>();

  constructor(readonly dir: string) {}

  /** A new file to write (it does not exist yet), offered for download under `name` once `offer` is called. */
  reserve(): { file: string; offer(name: string): Download } {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.part`);
    return {
      file,
      offer: (name) => {
        this.offered.set(id, { file, name });
        return { id, name };
      },
    };
  }

  /** Offers bytes already in memory (the reader page). */
  offerBytes(bytes: Uint8Array, name: string): Download {
    const reserved = this.reserve();
    fs.writeFileSync(reserved.file, bytes, { flag: 'wx', mode: 0o600 });
    return reserved.offer(name);
  }

  /** The file offered under `id`, if it is still there. */
  find(id: string): ShelvedFile | null {
    const offered = this.offered.get(id);
    if (!offered) return null;
    try {
      return { ...offered, size: fs.statSync(offered.file).size };
    } catch {
      this.offered.delete(id);
      return null;
    }
  }

  /** The browser has it: the copy here goes. */
  delivered(id: string): void {
    const offered = this.offered.get(id);
    this.offered.delete(id);
    if (offered) fs.rmSync(offered.file, { force: true });
  }

  clear(): void {
    this.offered.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
