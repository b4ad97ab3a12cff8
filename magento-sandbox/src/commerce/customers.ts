import { createHash, randomBytes } from "node:crypto";
import { readCsv } from "../catalog/csv.ts";
import { AlreadyExistsError, AuthenticationError, InputError, messages } from "./errors.ts";
import { findRegion } from "./regions.ts";
import { GENERAL_GROUP_ID, WHOLESALE_GROUP_ID } from "../catalog/group-prices.ts";
import type { Address, Customer, NewCustomerInput } from "./types.ts";

/**
 * Customer accounts. The Luma sample customer (CustomerSampleData) is seeded; its CSV
 * "password" cell holds `roni_cost3@example.com`, and the team contract names `Test1234!`,
 * so both sign the seed customer in.
 */
export interface CustomerRegistry {
  create(input: NewCustomerInput): Customer;
  get(id: number): Customer | undefined;
  authenticate(email: string, password: string): Customer;
  /** Loads CustomerSampleData/customer_profile.csv when present. */
  seed(sampleDataDir: string): void;
}

interface Account {
  customer: Customer;
  passwordHashes: string[];
}

const generalGroupId = GENERAL_GROUP_ID;
const seedPassword = "Test1234!";
/** The seeded Wholesale customer; password `Test1234!`. */
export const wholesaleEmail = "wholesale@example.com";

function hashPassword(password: string, salt: string): string {
  return `${salt}:${createHash("sha256").update(`${salt}${password}`).digest("hex")}`;
}

function checkPassword(password: string, stored: string): boolean {
  const salt = stored.split(":")[0] ?? "";
  return hashPassword(password, salt) === stored;
}

export function createCustomerRegistry(now: () => number): CustomerRegistry {
  const accounts = new Map<number, Account>();
  let nextId = 1;

  const findByEmail = (email: string): Account | undefined =>
    [...accounts.values()].find((a) => a.customer.email.toLowerCase() === email.toLowerCase());

  const add = (input: NewCustomerInput, extra: Partial<Customer>, passwords: string[]): Customer => {
    const customer: Customer = {
      id: nextId++,
      email: input.email,
      firstname: input.firstname,
      lastname: input.lastname,
      groupId: generalGroupId,
      addresses: [],
      createdAt: new Date(now()).toISOString(),
      ...extra,
    };
    const salt = randomBytes(8).toString("hex");
    accounts.set(customer.id, { customer, passwordHashes: passwords.map((p) => hashPassword(p, salt)) });
    return customer;
  };

  return {
    create(input) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) {
        throw new InputError('"%1" is not a valid email address.', [input.email]);
      }
      if (!input.firstname.trim() || !input.lastname.trim()) {
        throw new InputError('"%1" is a required value.', [input.firstname.trim() ? "Last Name" : "First Name"]);
      }
      if (findByEmail(input.email)) {
        throw new AlreadyExistsError("A customer with the same email address already exists in an associated website.");
      }
      return add(input, {}, [input.password]);
    },
    get: (id) => accounts.get(id)?.customer,
    authenticate(email, password) {
      const account = findByEmail(email);
      if (!account || !account.passwordHashes.some((h) => checkPassword(password, h))) {
        throw new AuthenticationError(messages.signInIncorrect);
      }
      return account.customer;
    },
    seed(sampleDataDir: string) {
      for (const row of readCsv(sampleDataDir, "CustomerSampleData/customer_profile.csv", { optional: true })) {
        const { firstname = "", lastname = "", email = "", password = "" } = row;
        add({ email, firstname, lastname, password }, seedDetails(row), [seedPassword, password]);
      }
      // A shopper of the Wholesale group, whose group prices (catalog/group-prices.ts) show when signed in.
      add({ email: wholesaleEmail, firstname: "Wendy", lastname: "Wholesale", password: seedPassword }, { groupId: WHOLESALE_GROUP_ID }, [seedPassword]);
    },
  };
}

function seedDetails(row: Record<string, string>): Partial<Customer> {
  const countryId = row.country_id ?? "US";
  const region = findRegion(countryId, { name: row.region ?? "" });
  const street = (JSON.parse(row.street ?? "[]") as string[]).filter((line) => line !== "");
  const address: Address = {
    firstname: row.firstname ?? "",
    lastname: row.lastname ?? "",
    street,
    city: row.city ?? "",
    region: region?.name ?? row.region ?? "",
    regionCode: region?.code ?? "",
    regionId: region?.id ?? 0,
    postcode: row.postcode ?? "",
    countryId,
    telephone: row.telephone ?? "",
  };
  return { dob: row.dob, gender: row.gender === "Female" ? 2 : 1, addresses: [address] };
}
