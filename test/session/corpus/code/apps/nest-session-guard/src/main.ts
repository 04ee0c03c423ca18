// Models sampath88/nestjs-authentication src/main.ts: express-session set up in bootstrap(), the
// guarded controllers elsewhere (src/notes/notes.controller.ts) ride this cookie.
import { NestFactory } from '@nestjs/core';
import * as session from 'express-session';
import * as passport from 'passport';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.use(
    session({ // expect: session/cookie-secure-missing, session/cookie-samesite-missing
      secret: process.env.SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      cookie: { maxAge: 3600000 },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());
  await app.listen(3000);
}
bootstrap();
