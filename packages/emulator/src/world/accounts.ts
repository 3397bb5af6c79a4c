import { timingSafeEqual } from "node:crypto";
import { EmulatorConfigError } from "../errors.js";
import { WorldErrorCode } from "./error-codes.js";
import { WorldRequestError } from "./world-request-error.js";

/** A user of the emulated server: a bot account (may log in) or a simulated human. */
export interface Account {
  /** `login@serverName`. */
  readonly userId: string;
  readonly login: string;
  readonly displayName: string;
  readonly isBot: boolean;
}

interface StoredAccount extends Account {
  readonly password: string | undefined;
}

/** Logins are used inside user ids and URLs, so they must not contain the id separators or spaces. */
const loginPattern = /^[^\s@/]+$/;

/**
 * The server's user directory. Users can be named by login (`alice`) or by full id (`alice@server`, optionally
 * with an instance suffix `/…`); ids compare case-insensitively, as TrueConf ids do.
 *
 * @example
 * const accounts = new Accounts("emulator.local");
 * accounts.add({ login: "alice", displayName: "Alice" });
 * accounts.resolve("ALICE@emulator.local")?.userId; // "alice@emulator.local"
 */
export class Accounts {
  private readonly byKey = new Map<string, StoredAccount>();

  constructor(readonly serverName: string) {}

  /** Register an account; a bot account needs a password. Throws {@link EmulatorConfigError} on bad input. */
  add(input: { login: string; displayName?: string; password?: string }): Account {
    const { login, displayName, password } = input;
    if (typeof login !== "string" || !loginPattern.test(login)) {
      throw new EmulatorConfigError(
        `login must be a non-empty string without spaces, "@" or "/", got ${JSON.stringify(login)}`,
      );
    }
    if (displayName !== undefined && (typeof displayName !== "string" || displayName.length === 0)) {
      throw new EmulatorConfigError(`displayName of "${login}" must be a non-empty string`);
    }
    if (password !== undefined && (typeof password !== "string" || password.length === 0)) {
      // The password itself is never echoed.
      throw new EmulatorConfigError(`the password of bot account "${login}" must be a non-empty string`);
    }
    const userId = `${login}@${this.serverName}`;
    const key = userId.toLowerCase();
    if (this.byKey.has(key)) throw new EmulatorConfigError(`account "${userId}" already exists`);
    const account: StoredAccount = {
      userId,
      login,
      displayName: displayName ?? login,
      isBot: password !== undefined,
      password,
    };
    this.byKey.set(key, account);
    return publicView(account);
  }

  /** The account named by a login or a full id (an instance suffix is ignored), if it exists on this server. */
  resolve(user: string): Account | undefined {
    if (typeof user !== "string" || user.length === 0) return undefined;
    const bare = user.split("/")[0] ?? "";
    const full = bare.includes("@") ? bare : `${bare}@${this.serverName}`;
    const account = this.byKey.get(full.toLowerCase());
    return account && publicView(account);
  }

  /** Like {@link resolve} for wire input: an unknown user is answered with 302 (the server cannot address it). */
  require(user: string): Account {
    const account = this.resolve(user);
    if (!account)
      throw new WorldRequestError(
        WorldErrorCode.ACCESS_DENIED,
        `user "${user}" does not exist on this server`,
      );
    return account;
  }

  /** Like {@link resolve} for the control API: an unknown user is a configuration mistake. */
  expect(user: string): Account {
    const account = this.resolve(user);
    if (!account) throw new EmulatorConfigError(`no account "${String(user)}" on ${this.serverName}`);
    return account;
  }

  /** The bot account's user id when the credentials match one (constant-time password comparison). */
  authenticate(login: string, password: string): string | undefined {
    const account = this.byKey.get(this.resolve(login)?.userId.toLowerCase() ?? "");
    if (!account?.password || typeof password !== "string") return undefined;
    const expected = Buffer.from(account.password);
    const given = Buffer.from(password);
    return expected.length === given.length && timingSafeEqual(expected, given) ? account.userId : undefined;
  }

  /** Every account, in the order they were added. */
  list(): Account[] {
    return [...this.byKey.values()].map(publicView);
  }

  /** Every bot account. */
  bots(): Account[] {
    return [...this.byKey.values()].filter((account) => account.isBot).map(publicView);
  }
}

/** Strip the password so it can never leak through a returned object. */
function publicView(account: StoredAccount): Account {
  return {
    userId: account.userId,
    login: account.login,
    displayName: account.displayName,
    isBot: account.isBot,
  };
}
