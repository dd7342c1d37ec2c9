// Identifiers: short, readable case ids (`7K3M-QP4X`, Crockford base32, no I/L/O/U) and UUIDs for the rest.
import { randomInt, randomUUID } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newCaseId(): string {
  let id = '';
  for (let i = 0; i < 8; i += 1) {
    if (i === 4) id += '-';
    id += ALPHABET[randomInt(ALPHABET.length)];
  }
  return id;
}

export function newId(): string {
  return randomUUID();
}

const PSEUDONYM_WORDS = [
  'Amber', 'Aspen', 'Birch', 'Cedar', 'Coral', 'Dune', 'Fern', 'Harbor', 'Heron', 'Iris', 'Juniper', 'Lark',
  'Linden', 'Maple', 'Meadow', 'Olive', 'Opal', 'Pebble', 'Poppy', 'Quartz', 'Reed', 'Robin', 'Sage', 'Sparrow',
  'Tide', 'Willow', 'Wren',
];

/** A pseudonym that names nobody, proposed when the advocate does not choose one. */
export function newPseudonym(): string {
  return `${PSEUDONYM_WORDS[randomInt(PSEUDONYM_WORDS.length)]}-${randomInt(100, 1000)}`;
}
