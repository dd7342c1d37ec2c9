// What the response module (src-main/response/) may use of the Android side, in one small entry point: a
// connection to a phone, who a connected phone is (read from its properties), and the one containment
// command of each kind (disable an app for its user, enable it again) that the allow-list permits.
import type { AndroidConnection } from './adb/phone-connection.js';
import { propertiesCollector } from './collectors/properties.js';
import { parseGetprop } from './parsers/getprop.js';
import { phoneIdentity, type PhoneIdentity } from './phone-identity.js';

export type { AndroidConnection };
export { containmentCommand } from './containment-commands.js';
export { isSamePhone } from './phone-identity.js';

/** Who the connected phone is: its properties read again, with its serial number. */
export async function identifyPhone(connection: AndroidConnection): Promise<PhoneIdentity> {
  return phoneIdentity(parseGetprop((await connection.shell(propertiesCollector.command)).toString('utf8')), connection.serial);
}
