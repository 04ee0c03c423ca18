// Models socket clients in public chat apps that pass the JWT in the connection URL.
export function connect(baseUrl) {
  const token = localStorage.getItem('token');
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/ws?token=${token}`); // expect: session/token-in-url
  socket.addEventListener('open', () => socket.send('hello'));
  return socket;
}
