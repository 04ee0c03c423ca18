// The destructured form of the same reducer, with imported type constants (the shape of
// bradtraversy/devconnector_2.0 client/src/reducers/auth.js): USER_SIGNIN's payload is the sign-in
// answer, PROFILE_LOADED's is a profile.
import { PROFILE_LOADED, USER_SIGNIN } from '../actions/types';

export default function session(state = {}, { type, payload }) {
  switch (type) {
    case USER_SIGNIN:
      sessionStorage.setItem('session', JSON.stringify(payload)); // expect: session/token-in-web-storage
      return { ...state, ...payload };
    case PROFILE_LOADED:
      localStorage.setItem('profile', JSON.stringify(payload));
      return { ...state, profile: payload };
    default:
      return state;
  }
}
