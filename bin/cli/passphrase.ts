// Reads the repository passphrase: TIDEMARK_PASSPHRASE, else a no-echo prompt on the terminal; never a flag.
import fs from "node:fs";
import tty from "node:tty";

export class CliError extends Error {}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let fd: number;
    try {
      fd = fs.openSync("/dev/tty", "r+");
    } catch {
      reject(new CliError("No passphrase: set TIDEMARK_PASSPHRASE (no terminal to prompt on)"));
      return;
    }
    const input = new tty.ReadStream(fd);
    const output = new tty.WriteStream(fd);
    output.write(question);
    input.setRawMode(true);
    let value = "";
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.removeAllListeners("data");
      output.write("\n");
      input.destroy();
      if (err) reject(err);
      else resolve(value);
    };
    input.on("data", (buf: Buffer) => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new CliError("Cancelled"));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    });
  });
}

export async function readPassphrase(options: { confirm?: boolean } = {}): Promise<string> {
  const env = process.env.TIDEMARK_PASSPHRASE;
  if (env !== undefined && env !== "") return env;
  const first = await promptHidden("Repository passphrase: ");
  if (!first) throw new CliError("The passphrase must not be empty");
  if (options.confirm && (await promptHidden("Repeat passphrase: ")) !== first) throw new CliError("The passphrases do not match");
  return first;
}
