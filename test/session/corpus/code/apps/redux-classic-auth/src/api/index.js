// Models the API module of brianaung/flying-spaghetti client/src/api (the memories-app layout): one
// axios instance, one function per endpoint.
import axios from 'axios';

const API = axios.create({ baseURL: process.env.REACT_APP_API });

export const signIn = (form) => API.post('/user/signin', form);
export const fetchProfile = () => API.get('/user/me');
