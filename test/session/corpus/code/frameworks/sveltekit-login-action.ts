// Models NathanLeadill/svelte-auth src/routes/+page.server.ts and the SvelteKit docs' form actions
// (kit.svelte.dev/docs/form-actions): cookies.set is HttpOnly, Secure and SameSite=Lax by default,
// so only options that turn one off are findings.
import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { createSession, signToken } from '$lib/server/auth';

export const actions: Actions = {
  login: async ({ request, cookies }) => {
    const form = await request.formData();
    const session = await createSession(String(form.get('email')), String(form.get('password')));
    if (!session) return fail(400, { error: 'Invalid login' });
    cookies.set('session', session.id, { path: '/', maxAge: 60 * 60 * 24 * 7 });
    redirect(303, '/');
  },
  api: async (event) => {
    const token = await signToken(event.locals.user);
    event.cookies.set('access_token', token, { path: '/', httpOnly: false }); // expect: session/cookie-httponly-missing
    return { ok: true };
  },
  dev: async ({ cookies, locals }) => {
    const token = await signToken(locals.user);
    cookies.set('jwt', token, { path: '/', secure: false, sameSite: 'none' }); // expect: session/cookie-secure-missing, session/cookie-samesite-none-insecure
    return { ok: true };
  },
  logout: async ({ cookies }) => {
    cookies.delete('session', { path: '/' });
    cookies.set('theme', 'dark', { path: '/', httpOnly: false });
    redirect(303, '/login');
  },
};
