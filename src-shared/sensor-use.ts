// The recent use of her location, camera and microphone by the apps of an Android phone, as the consultation
// shows it (src-main/consultation/sensor-use.ts builds it from `dumpsys appops`).
import { z } from 'zod';

export const Sensor = z.enum(['location', 'camera', 'microphone']);
export type Sensor = z.infer<typeof Sensor>;

export const SensorUse = z.object({
  sensor: Sensor,
  packageName: z.string().max(255),
  /** The app's name as the phone shows it, when known. */
  label: z.string().max(500).nullable(),
  /** When the phone last recorded the use, in its own clock (`2026-11-22 23:58:12`). */
  lastAccess: z.string().max(40),
  /** The profile it was used in (a work profile…) when not the owner's. */
  profile: z.string().max(200).nullable(),
});
export type SensorUse = z.infer<typeof SensorUse>;
