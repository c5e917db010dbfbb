// auth: the login form, the signed-in user and role, logout. The session
// cookie is HttpOnly; the CSRF token from /api/login or /api/me is kept in
// the api client, which sends it on every write.
import {h, fill, $} from './dom.js';

export class Auth {
  constructor(api, onChange) {
    this.api = api;
    this.onChange = onChange;
    this.user = '';
    this.role = 'viewer';
  }

  /** load reads the current session (GET /api/me). */
  async load() {
    try {
      const me = await this.api.get('/api/me');
      this.set(me);
    } catch (e) {
      this.set({user: '', role: '', csrf: ''});
    }
  }

  set(me) {
    this.user = me.user || '';
    this.role = me.role || '';
    this.api.csrf = me.csrf || '';
    this.render();
    this.onChange(this);
  }

  /** can reports whether the signed-in role is at least need (viewer < analyst < admin). */
  can(need) {
    const rank = {viewer: 1, analyst: 2, admin: 3};
    return (rank[this.role] || 0) >= rank[need];
  }

  render(error) {
    const el = $('auth');
    if (this.user) {
      fill(el, h('span', {id: 'auth-user'}, this.user), ' ', h('span', {class: 'role', id: 'auth-role'}, this.role),
        h('button', {type: 'button', id: 'logout', onclick: () => this.logout()}, 'Log out'));
      return;
    }
    const name = h('input', {id: 'login-name', name: 'name', autocomplete: 'username', required: true, placeholder: 'user'});
    const pw = h('input', {id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, placeholder: 'password'});
    const form = h('form', {id: 'login', class: 'login', onsubmit: (e) => { e.preventDefault(); this.login(name.value, pw.value); }},
      h('label', {for: 'login-name', class: 'sr-only'}, 'User name'), name,
      h('label', {for: 'login-password', class: 'sr-only'}, 'Password'), pw,
      h('button', {type: 'submit'}, 'Log in'));
    fill(el, this.role ? h('span', {class: 'role', id: 'auth-role'}, this.role) : '', form,
      error ? h('span', {class: 'err', role: 'alert', id: 'login-error'}, error) : '');
  }

  async login(name, password) {
    try {
      const me = await this.api.post('/api/login', {name, password});
      this.set(me);
    } catch (e) {
      this.render(e.status === 401 ? 'Wrong user name or password.' : e.message);
    }
  }

  async logout() {
    try { await this.api.post('/api/logout'); } catch (e) { console.warn('sitrep: logout', e); }
    await this.load();
  }
}
