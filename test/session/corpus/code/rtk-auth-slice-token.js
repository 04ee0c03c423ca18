// Models gitdagray/redux_jwt_auth src/features/auth/authSlice.js and the copies of it that persist
// the credentials: setCredentials keeps `accessToken` from the payload and writes the payload to
// localStorage. The login screen that dispatches it is another file; the token field is the evidence.
// loginSuccess keeps only a profile: the token field elsewhere in the file says nothing about it.
import { createSlice } from '@reduxjs/toolkit';

const stored = JSON.parse(localStorage.getItem('auth') ?? 'null');

const authSlice = createSlice({
  name: 'auth',
  initialState: { user: stored?.user ?? null, token: stored?.accessToken ?? null },
  reducers: {
    setCredentials: (state, action) => {
      const { user, accessToken } = action.payload;
      state.user = user;
      state.token = accessToken;
      localStorage.setItem('auth', JSON.stringify(action.payload)); // expect: session/token-in-web-storage
    },
    loginSuccess: (state, action) => {
      state.user = action.payload;
      sessionStorage.setItem('profile', JSON.stringify(action.payload));
    },
    logOut: (state) => {
      state.user = null;
      state.token = null;
      localStorage.removeItem('auth');
    },
  },
});

export const { setCredentials, loginSuccess, logOut } = authSlice.actions;
export default authSlice.reducer;
