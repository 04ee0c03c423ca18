// Models brianaung/flying-spaghetti client/src/reducers/auth.js: `case 'LOGIN'` writes the whole
// payload to localStorage; what the payload is, only actions/auth.js shows (the sign-in answer).
export default (state = { user: {} }, action) => {
  switch (action.type) {
    case 'LOGIN':
      localStorage.setItem('user', JSON.stringify(action.payload)); // expect: session/token-in-web-storage
      return { ...state, user: action.payload };
    case 'LOGOUT':
      localStorage.clear();
      return { ...state, user: {} };
    default:
      return state;
  }
};
