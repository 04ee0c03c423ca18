// Models socket.io JWT handshakes in chat apps (the io.use((socket, next) => jwt.verify(...))
// pattern of many tutorials): claims are read with jwt.decode inside the verify callback, after
// the error check, so the signature was checked; the later exp-only decode schedules a reminder.
const { Server } = require('socket.io');
const jwt = require('jsonwebtoken');

const io = new Server(3001, { cors: { origin: ['https://chat.example.com'] } });

io.use((socket, next) => {
  const token = socket.handshake.auth.token;
  jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }, (err) => {
    if (err) return next(new Error('unauthorized'));
    const { sub, room } = jwt.decode(token);
    socket.data.user = sub;
    socket.join(room);
    next();
  });
});

io.on('connection', (socket) => {
  const { exp } = jwt.decode(socket.handshake.auth.token);
  setTimeout(() => socket.emit('session-expiring'), exp * 1000 - Date.now() - 60000);
});
