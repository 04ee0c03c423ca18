// Models how apps hand-build URLs that carry session tokens: the OAuth success redirect of
// passport + JWT apps (res.redirect to the SPA with ?token=), WebSocket URLs of chat clients
// (new WebSocket(`${WS_URL}?token=...`)), URLSearchParams in fetch helpers, a socket.io-client
// query, and the ones that do it right (Authorization header, socket.io auth, a page token).
import express from 'express';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';

const router = express.Router();

router.get('/auth/google/callback', (req, res) => {
  const t = jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET as string, { expiresIn: '15m' });
  res.redirect(process.env.CLIENT_URL + '/login/success?token=' + t); // expect: session/token-in-url
});

export function openChat(accessToken: string, room: string) {
  const ws = new WebSocket(`${process.env.WS_URL}/chat/${room}?access_token=${accessToken}`); // expect: session/token-in-url
  const socket = io(process.env.SOCKET_URL as string, { query: { token: accessToken } }); // expect: session/token-in-url
  const safe = io(process.env.SOCKET_URL as string, { auth: { token: accessToken } });
  return { ws, socket, safe };
}

export async function download(fileId: string, session: { jwt: string }) {
  const params = new URLSearchParams();
  params.append('file', fileId);
  params.append('jwt', session.jwt); // expect: session/token-in-url
  const url = new URL('/api/files', window.location.origin);
  url.searchParams.set('token', session.jwt); // expect: session/token-in-url
  return fetch(`/api/files?${params}`);
}

export async function listPage(pageToken: string, token: string) {
  const next = `/api/items?page_token=${pageToken}`;
  return fetch(next, { headers: { Authorization: `Bearer ${token}` } });
}

export default router;
