// A real OpenID Connect provider (panva's certified `oidc-provider`) for
// tests and for trying single sign-on locally. Never for production.
//
//   node end2end/oidc/provider.mjs
//
// Environment:
//   OIDC_PORT           port on 127.0.0.1 (default 4000)
//   OIDC_ISSUER         issuer it announces (default http://127.0.0.1:<port>)
//   OIDC_REDIRECT_URIS  comma-separated callbacks the client may use
//
// One confidential client: id `pespro`, secret `pespro-dev-secret`.
// Its login page accepts any password; the login name becomes the email
// (`ada` → ada@example.com, `ada@firm.example` as typed). A name containing
// `unverified` gets email_verified: false, for the refusal tests.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 4000);
const issuer = process.env.OIDC_ISSUER ?? `http://127.0.0.1:${port}`;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? 'http://northstar.localhost:3000/sso/callback')
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

function claimsFor(login) {
  const email = login.includes('@') ? login : `${login}@example.com`;
  const local = email.split('@')[0];
  return {
    sub: `sub-${email}`,
    email,
    email_verified: !login.includes('unverified'),
    name: local.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'pespro',
      client_secret: 'pespro-dev-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsFor(id) }),
  // Every request is already consented: no consent screen in tests.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});
// Quiet by design: tests read its behaviour, not its logs.
provider.on('server_error', (_ctx, error) => console.error('oidc-provider error:', error));

provider.listen(port, '127.0.0.1', () => {
  console.log(`OpenID provider ${issuer} ready (client pespro / pespro-dev-secret; callbacks ${redirectUris.join(' ')})`);
});
