// Models bradtraversy/proshop_mern frontend/src/actions/userActions.js: `userInfo` holds the login
// body, token included; the profile update's body is unknown here, so it is not judged.
import axios from 'axios';

export const login = (email, password) => async (dispatch) => {
  const config = { headers: { 'Content-Type': 'application/json' } };
  const { data } = await axios.post('/api/users/login', { email, password }, config);
  dispatch({ type: 'USER_LOGIN_SUCCESS', payload: data });
  localStorage.setItem('userInfo', JSON.stringify(data)); // expect: session/token-in-web-storage
};

export const updateUserProfile = (user) => async (dispatch, getState) => {
  const { userLogin: { userInfo } } = getState();
  const config = { headers: { Authorization: `Bearer ${userInfo.token}` } };
  const { data } = await axios.put('/api/users/profile', user, config);
  dispatch({ type: 'USER_UPDATE_PROFILE_SUCCESS', payload: data });
  localStorage.setItem('userInfo', JSON.stringify(data));
};

export const savePreferences = (prefs) => {
  localStorage.setItem('prefs', JSON.stringify(prefs));
  localStorage.setItem('theme', 'dark');
};
