#!/usr/bin/env node
// The `sentinelle` executable: runs the command line with this process's streams and environment.
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
