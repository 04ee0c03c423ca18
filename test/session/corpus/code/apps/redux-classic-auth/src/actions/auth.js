// Models brianaung/flying-spaghetti client/src/actions/auth.js: thunks dispatch the API's answers;
// the reducers that store them are other files.
import * as api from '../api';
import { PROFILE_LOADED, USER_SIGNIN } from './types';

export const login = (form, navigate) => async (dispatch) => {
  const { data } = await api.signIn(form);
  dispatch({ type: 'LOGIN', payload: data });
  navigate('/');
};

export const signin = (form) => async (dispatch) => {
  const res = await api.signIn(form);
  dispatch({ type: USER_SIGNIN, payload: res.data });
};

export const loadProfile = () => async (dispatch) => {
  const { data } = await api.fetchProfile();
  dispatch({ type: PROFILE_LOADED, payload: data });
};
