// `dumpsys bluetooth_manager`: the devices paired (bonded) with the phone, as AdapterProperties prints them
// under `  Bonded devices:` — `    ADDRESS [TYPE] NAME`, the address in full (Android 10–14) or masked
// (`XX:XX:XX:XX:12:34`, the Bluetooth module since Android 15), `ADDRESS => IDENTITY` for a device paired
// through a random address, and since Android 15 `[ 0xCLASS ]` after the type (and no name in the newest).
// Before Android 9 the list sits at two spaces under `Bonded devices:`. Nothing is listed when Bluetooth is off.
export interface PairedDevice {
  address: string;
  /** BR/EDR (classic), LE, DUAL, or null when the phone did not say. */
  type: string | null;
  /** The name the device gives itself (a watch, a car, a tracker); null when unknown. */
  name: string | null;
}

const ADDRESS = /^(?:[0-9A-F]{2}|XX)(?::(?:[0-9A-F]{2}|XX)){5}$/i;

export function parseBondedDevices(text: string): PairedDevice[] {
  const devices: PairedDevice[] = [];
  let inList = false;
  let listIndent = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === 'Bonded devices:') {
      inList = true;
      listIndent = line.length - line.trimStart().length;
      continue;
    }
    if (!inList) continue;
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || indent <= listIndent) {
      inList = false;
      continue;
    }
    const device = pairedDevice(line.trim());
    if (device && !devices.some((known) => known.address === device.address)) devices.push(device);
  }
  return devices;
}

/** One entry: `ADDRESS [=> IDENTITY] [TYPE][[ 0xCLASS ]] NAME`. */
function pairedDevice(entry: string): PairedDevice | null {
  const [address = '', ...rest] = entry.split(' ');
  if (!ADDRESS.test(address)) return null;
  let remainder = rest.join(' ');
  let identity: string | null = null;
  if (remainder.startsWith('=> ')) {
    identity = remainder.slice(3).split(' ')[0] ?? null;
    remainder = remainder.slice(3 + (identity?.length ?? 0)).trimStart();
  }
  if (!remainder.startsWith('[')) return null;
  const close = remainder.indexOf(']');
  if (close < 0) return null;
  const type = remainder.slice(1, close).trim();
  remainder = remainder.slice(close + 1);
  if (remainder.startsWith('[')) remainder = remainder.slice(remainder.indexOf(']') + 1);
  const name = remainder.trim();
  return {
    address: identity && ADDRESS.test(identity) ? identity : address,
    type: type === '' || type === '????' ? null : type,
    name: name === '' || name === 'null' ? null : name.slice(0, 200),
  };
}
