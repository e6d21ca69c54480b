/** One Adobe OAuth Server-to-Server credential and the IMS org it belongs to. */
export interface AdobeAccount {
  readonly imsOrg: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where a connection goes: an IMS org and one of its sandboxes (the `x-gw-ims-org-id` and `x-sandbox-name` headers). */
export interface AdobeTarget {
  readonly org: string;
  readonly sandbox: string;
}
