/** Shorter ones are refused by length already; these are the ones people pick at 12 and more. */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiop12',
  'qwerty123456',
  'qwertyuiop123',
  'qwertyqwerty',
  'asdfghjkl123',
  'zxcvbnm12345',
  'password1234',
  'password12345',
  'password123!',
  'password@123',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'welcome12345',
  'welcome@1234',
  'letmein12345',
  'changeme1234',
  'administrator',
  'admin1234567',
  'abcdefghijkl',
  'abc123456789',
  'football1234',
  'sunshine1234',
  'princess1234',
  'monkey123456',
  'dragon123456',
  'baseball1234',
  'superman1234',
  'trustno11234',
  'woaini1314520',
  'a123456789012',
  'salesops-demo',
  'salesops1234',
  'salesops2026',
]);

export const MIN_PASSWORD_LENGTH = 12;

/** Why a password may not be used, or null when it may. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const folded = password.trim().toLowerCase();
  if (folded === username.trim().toLowerCase()) return 'must not be the username';
  if (COMMON_PASSWORDS.has(folded)) return 'is too common; choose another';
  return null;
}
