// The products the network demo draws its findings from: the signature database the app ships (the project's
// own, signatures/), so that a demo names what a real installation would.
import type { Signature } from '../../src-shared/signature-format.js';
import { builtinSignaturesDir } from '../package-info.js';
import { loadBuiltinDatabase } from '../signatures/builtin-database.js';

export function shippedProducts(): Signature[] {
  return loadBuiltinDatabase(builtinSignaturesDir).signatures;
}
