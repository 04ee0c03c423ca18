// Models PanJiaChen/vue-element-admin src/store/modules/user.js and vuex auth modules like it:
// the login action commits the answer to a mutation that persists it; the mutation's name says
// nothing, the commit shows what it receives.
import axios from 'axios';

const state = { user: null, roles: [] };

const mutations = {
  SET_PROFILE: (state, profile) => {
    state.user = profile;
    localStorage.setItem('profile', JSON.stringify(profile)); // expect: session/token-in-web-storage
  },
  SET_ROLES: (state, roles) => {
    state.roles = roles;
    localStorage.setItem('roles', JSON.stringify(roles));
  },
};

const actions = {
  login({ commit }, userInfo) {
    const { username, password } = userInfo;
    return axios.post('/vue-element-admin/user/login', { username: username.trim(), password }).then((response) => {
      commit('SET_PROFILE', response.data);
      commit('SET_ROLES', response.data.roles);
    });
  },
};

export default { namespaced: true, state, mutations, actions };
