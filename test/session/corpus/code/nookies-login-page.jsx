// Models Next.js pages-router apps using nookies (maticzav/nookies README; login pages of
// Strapi + Next.js tutorials): setCookie(null, ...) runs in the browser after the login call; the
// API route that clears the cookie on the server is a deletion and not judged.
import { useState } from 'react';
import { setCookie, destroyCookie } from 'nookies';
import Router from 'next/router';

export default function Login() {
  const [form, setForm] = useState({ identifier: '', password: '' });

  const onSubmit = async (event) => {
    event.preventDefault();
    const res = await fetch(`${process.env.NEXT_PUBLIC_API_URL}/api/auth/local`, { method: 'POST', body: JSON.stringify(form) });
    const data = await res.json();
    setCookie(null, 'jwt', data.jwt, { maxAge: 30 * 24 * 60 * 60, path: '/' }); // expect: session/cookie-httponly-missing, session/cookie-secure-missing, session/cookie-samesite-missing
    Router.push('/');
  };

  const logout = () => {
    destroyCookie(null, 'jwt');
    setCookie({}, 'jwt', '', { maxAge: -1, path: '/' });
  };

  return <form onSubmit={onSubmit} onReset={logout}>{JSON.stringify(form)}<input onChange={(e) => setForm({ ...form, [e.target.name]: e.target.value })} /></form>;
}
