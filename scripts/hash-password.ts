import { hashPassword } from "../lib/auth/password";

/**
 * `npm run hash-password`: reads a password from stdin (typed without echo, twice, on a terminal; otherwise the
 * first line of the input) and prints its hash for DASHBOARD_USERS (`name:<hash>`).
 */

const MAX_PASSWORD_LENGTH = 1024;

/** Reads one line from a terminal in raw mode, echoing nothing. */
function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (error: Error | null) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(null);
        if (char === "\u0003") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else typed += char;
      }
    };
    input.on("data", onData);
  });
}

async function readFirstLine(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes("\n") || text.length > MAX_PASSWORD_LENGTH) break;
  }
  return text.split(/\r?\n/)[0];
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await promptHidden("Password: ");
  if ((await promptHidden("Repeat it: ")) !== password) throw new Error("the two passwords differ");
  return password;
}

try {
  const password = await readPassword();
  if (password.length === 0) throw new Error("the password is empty");
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error(`the password is longer than ${MAX_PASSWORD_LENGTH}`);
  process.stdout.write(`${await hashPassword(password)}\n`);
} catch (error) {
  process.stderr.write(`hash-password: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
