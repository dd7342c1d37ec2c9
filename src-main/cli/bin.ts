#!/usr/bin/env node
// The `sentinelle` executable: runs the command line with this process's streams and environment — the
// secrets in it taken out of `process.env` first, so that no program started later inherits them.
import { takeSecretsFromEnvironment } from '../system/child-environment.js';
import { runCli } from './main.js';

const env = takeSecretsFromEnvironment(process.env);
process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env });
