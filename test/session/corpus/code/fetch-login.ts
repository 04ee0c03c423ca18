// Models a fetch-based login in the style of vercel/next.js examples (client component): the
// access token from the JSON body goes to sessionStorage.
export async function signIn(email: string, password: string): Promise<void> {
  const res = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error('login failed');
  const data = await res.json();
  sessionStorage.setItem('access_token', data.accessToken); // expect: session/token-in-web-storage
  sessionStorage.setItem('lastLogin', new Date().toISOString());
}
