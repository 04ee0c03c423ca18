// Models the LoginScreen of RTK Query apps (bradtraversy/proshop-v2 frontend/src/screens/
// LoginScreen.jsx): `const [login] = useLoginMutation()`, the unwrapped answer is dispatched, and
// here also kept in sessionStorage by the screen itself; one import deep, the login helper's
// name says what it returns.
import { useState } from 'react';
import { useDispatch } from 'react-redux';
import { useLoginMutation } from '../slices/usersApiSlice';
import { setCredentials } from '../slices/authSlice';

const LoginScreen = () => {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const dispatch = useDispatch();
  const [login, { isLoading }] = useLoginMutation();

  const submitHandler = async (e) => {
    e.preventDefault();
    const res = await login({ email, password }).unwrap();
    dispatch(setCredentials({ ...res }));
    sessionStorage.setItem('session', JSON.stringify(res)); // expect: session/token-in-web-storage
    sessionStorage.setItem('lastEmail', email);
  };

  return <form onSubmit={submitHandler}>{isLoading ? '...' : null}<input value={email} onChange={(e) => setEmail(e.target.value)} /><input value={password} onChange={(e) => setPassword(e.target.value)} /></form>;
};

export default LoginScreen;
