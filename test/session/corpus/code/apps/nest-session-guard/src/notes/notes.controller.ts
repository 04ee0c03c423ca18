// Models a NestJS controller in the sampath88/nestjs-authentication layout: guards imported through
// the tsconfig baseUrl ('src/...'), decided by what each guard's canActivate checks.
import { Body, Controller, Delete, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AuthenticatedGuard } from 'src/auth/authenticated.guard';
import { JwtAuthGuard } from 'src/auth/jwt-auth.guard';
import { NotesService } from './notes.service';

@Controller('notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @UseGuards(AuthenticatedGuard)
  @Get()
  list(@Req() req) {
    return this.notes.list(req.user.id);
  }

  @UseGuards(AuthenticatedGuard)
  @Post()
  create(@Req() req, @Body() body) { // expect: session/csrf-unprotected
    return this.notes.create(req.user.id, body);
  }

  @UseGuards(AuthenticatedGuard)
  @Delete(':id')
  remove(@Req() req, @Param('id') id: string) { // expect: session/csrf-unprotected
    return this.notes.remove(req.user.id, id);
  }

  // The mobile API authenticates with a bearer token: no cookie rides along, no CSRF.
  @UseGuards(JwtAuthGuard)
  @Post('api')
  createFromApi(@Req() req, @Body() body) {
    return this.notes.create(req.user.id, body);
  }
}
