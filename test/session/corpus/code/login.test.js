// Models the supertest login tests of express REST boilerplates (hagopj13/node-express-boilerplate
// tests/integration/auth.test.js): a config mock with a literal secret and a cookie read back.
// Named *.test.js and found by a walk: not production code, so nothing here is a finding.
const request = require('supertest');
const jwt = require('jsonwebtoken');
const app = require('../src/app');

const config = { jwt: { secret: 'thisisasamplesecret', accessExpirationMinutes: 30 } };

describe('POST /v1/auth/login', () => {
  test('returns tokens', async () => {
    const accessToken = jwt.sign({ sub: 'user-id' }, config.jwt.secret);
    const res = await request(app).post('/v1/auth/login').set('Cookie', `token=${accessToken}`).send({ email: 'a@b.c', password: 'password1' });
    expect(res.status).toBe(200);
  });
});
