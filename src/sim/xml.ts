/** A value the EC2 XML serializer understands; arrays become `<item>` lists as in EC2 responses. */
export type XmlValue = string | number | boolean | null | undefined | Date | XmlValue[] | { readonly [name: string]: XmlValue };

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
}

function body(value: XmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => element('item', v)).join('');
  if (typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => (v === null || v === undefined ? '' : element(k, v))).join('');
  }
  return escapeXml(String(value));
}

export function element(name: string, value: XmlValue): string {
  return `<${name}>${body(value)}</${name}>`;
}

/** `<XxxResponse xmlns=…><requestId>…</requestId>…</XxxResponse>` */
export function ec2Response(action: string, requestId: string, fields: { readonly [name: string]: XmlValue }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">${element('requestId', requestId).slice(0)}${body(fields)}</${action}Response>`;
}

export function ec2ErrorResponse(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${element('Code', code)}${element('Message', message)}</Error></Errors>${element('RequestID', requestId)}</Response>`;
}
