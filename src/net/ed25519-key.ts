import ssh2 from 'ssh2';

/**
 * A fresh ed25519 key pair in OpenSSH format. ssh2 1.17 drops a leading zero byte of the
 * public key now and then (about one draw in 50 to 300), writing a 31-byte key that EC2's
 * ImportKeyPair and ssh2 itself reject: draw again until the public half parses.
 */
export function ed25519KeyPair(comment?: string): { readonly private: string; readonly public: string } {
  for (let attempt = 0; ; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', comment === undefined ? undefined : { comment });
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error) || attempt >= 20) return pair;
  }
}
