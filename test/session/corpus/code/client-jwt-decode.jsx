// Models the jwt-decode use in React apps (e.g. adrianhajdin/project_mern_memories
// client/src/components/Navbar): the browser reads the expiry of its own token for display.
import { useEffect, useState } from 'react';
import { jwtDecode } from 'jwt-decode';

export function Navbar({ user, logout }) {
  const [name, setName] = useState('');
  useEffect(() => {
    const token = user?.token;
    if (token) {
      const decodedToken = jwtDecode(token);
      if (decodedToken.exp * 1000 < new Date().getTime()) logout();
      setName(decodedToken.name);
    }
  }, [user]);
  return <span>{name}</span>;
}
