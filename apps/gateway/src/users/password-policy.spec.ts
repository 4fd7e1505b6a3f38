import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['eleven-char', 'must be at least 12 characters'],
    ['lin.tao.east', 'must not be the username'],
    ['LIN.TAO.EAST', 'must not be the username'],
    ['Password1234', 'is too common; choose another'],
    ['salesops-demo', 'is too common; choose another'],
  ])('refuses %j: %s', (password, problem) => {
    expect(passwordProblem(password, 'lin.tao.east')).toBe(problem);
  });

  it('accepts a long password that is neither the username nor common', () => {
    expect(passwordProblem('plum-harbour-lantern', 'lin.tao.east')).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('密码密码密码密码密码密', 'x')).toBe('must be at least 12 characters');
    expect(passwordProblem('密码密码密码密码密码密码', 'x')).toBeNull();
  });
});
