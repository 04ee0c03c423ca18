// Models RamiKo1/Jobster-React src/utils/localStorage.js: a storage helper whose key and parameter
// say nothing; its callers show what it is given.
export const saveUser = (user) => {
  localStorage.setItem('user', JSON.stringify(user));
};

export const saveCart = (cart) => localStorage.setItem('cart', JSON.stringify(cart));
