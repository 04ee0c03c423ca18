// Models APIs that verify the token in a middleware or guard and decode it again in the handler
// to read a claim (the verifyToken middleware + `jwt.decode(token)` in controllers of many
// Express tutorials; NestJS controllers under @UseGuards(JwtAuthGuard) decoding with JwtService):
// the signature was checked before the handler ran. The unguarded route is a finding.
import express, { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JwtAuthGuard } from './jwt-auth.guard';

const router = express.Router();

function verifyToken(req: Request, res: Response, next: NextFunction) {
  try {
    jwt.verify((req.headers.authorization ?? '').split(' ')[1] ?? '', process.env.JWT_SECRET as string, { algorithms: ['HS256'] });
    next();
  } catch {
    res.sendStatus(401);
  }
}

router.get('/me', verifyToken, (req: Request, res: Response) => {
  const { id } = jwt.decode((req.headers.authorization ?? '').split(' ')[1] ?? '') as { id: string };
  res.json({ id });
});

router.get('/preview', (req: Request, res: Response) => {
  const claims = jwt.decode(String(req.query.t)) as { id: string }; // expect: session/jwt-decode-without-verify
  res.json({ id: claims.id });
});

@UseGuards(JwtAuthGuard)
@Controller('profile')
export class ProfileController {
  constructor(private readonly jwtService: JwtService) {}

  @Get()
  profile(@Req() req: Request) {
    const payload = this.jwtService.decode((req.headers.authorization ?? '').replace('Bearer ', '')) as { sub: string };
    return { sub: payload.sub };
  }
}

export default router;
