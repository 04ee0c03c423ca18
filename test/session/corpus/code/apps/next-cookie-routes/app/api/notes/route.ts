// Models a Next.js App Router route handler next to LioRael/valhalla-lite's token route: it reads
// the token cookie the login route sets without SameSite, and nothing checks the Origin.
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { db, userFromToken } from '../../../lib/db';

export async function GET() {
  const user = await userFromToken(cookies().get('token')?.value);
  return NextResponse.json(await db.note.findMany({ where: { userId: user.id } }));
}

export async function POST(request: Request) { // expect: session/csrf-unprotected
  const user = await userFromToken(cookies().get('token')?.value);
  const note = await db.note.create({ data: { ...(await request.json()), userId: user.id } });
  return NextResponse.json(note, { status: 201 });
}
