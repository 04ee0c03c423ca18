// Models e-mail verification and password reset flows (e.g. hagopj13/node-express-boilerplate
// src/services/email.service.js): one-time tokens in links are how these flows work, so they are
// reported at info only, with what makes them safe (single use, short life, no Referer); the route
// reading the token back from the query is the flow itself and not reported.
const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport(process.env.SMTP_URL);

async function sendResetPasswordEmail(to, token) {
  const resetPasswordUrl = `http://link-to-app/reset-password?token=${token}`; // expect: session/token-in-url
  await transport.sendMail({ to, subject: 'Reset password', text: `To reset your password, click on this link: ${resetPasswordUrl}` });
}

async function sendVerificationEmail(to, token) {
  const verificationEmailUrl = `http://link-to-app/verify-email?token=${token}`; // expect: session/token-in-url
  await transport.sendMail({ to, subject: 'Email Verification', text: `Verify: ${verificationEmailUrl}` });
}

function verifyEmailRoute(router, authService) {
  router.post('/verify-email', async (req, res) => {
    await authService.verifyEmail(req.query.token);
    res.status(204).send();
  });
}

module.exports = { sendResetPasswordEmail, sendVerificationEmail, verifyEmailRoute };
