import { eventsOf } from '../model/queries.js';
import type { DiagnosisRule } from './types.js';

/**
 * init(8) prints `init: can't open /dev/console: Device not configured` (again and again)
 * when the device the kernel took as its console is not there: the serial port the
 * hypervisor exposes never attached as the console, so getty and every rc(8) message have
 * nowhere to go.
 */
export const consoleNotSerial: DiagnosisRule = {
  id: 'console-not-serial',
  explainsStall: true,
  detect({ facts }) {
    const boot = facts.boot;
    if (boot === null) return null;
    const failed = eventsOf(boot, 'console-open-failed');
    if (failed.length === 0) return null;
    const uart = boot.devices.find((d) => d.driver === 'com' || d.driver === 'pluart');
    const isConsole = uart?.details.some((x) => /: console\b/.test(x.text)) || /\bconsole\b/.test(uart?.description ?? '');
    // `… (class communications subclass serial …) at pci0 … not configured`: the port is there, no driver took it.
    const unattached = boot.unconfigured.find((u) => /\bsubclass serial\b/.test(u.description ?? '') || /\bsubclass serial\b/.test(u.text));
    return {
      summary:
        `init cannot open /dev/console (${failed.length} time${failed.length === 1 ? '' : 's'}): the console is not on the serial port the hypervisor exposes`
        + (uart
          ? ` (${uart.name} attached${isConsole ? '' : ', but not as the console'})`
          : unattached
            ? ` (the serial port at ${unattached.parent} is not configured: no driver took it)`
            : ' (no serial port attached)'),
      remedy:
        'EC2 shows only the serial port in its console output: the kernel must attach that UART (com(4); on arm64 also found through ACPI) and take it as its console. '
        + 'Check that the kernel has the driver for it, that its attach line is followed by `: console`, and on amd64 that /etc/boot.conf says `set tty com0`.',
      evidence: [failed[0]!, ...(uart ? [uart] : unattached ? [unattached] : [])],
    };
  },
};
