import { Field } from "@/components/ui/field";

/** The users whose email or name holds `search` (any case); all of them for an empty search. */
export function findUsers<U extends { email: string; name: string | null }>(users: U[], search: string): U[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return users;
  // Emails are stored in lower case.
  return users.filter((u) => u.email.includes(needle) || (u.name ?? "").toLowerCase().includes(needle));
}

/** The search box of a list of users: by a part of the email or the name. */
export function FindUsersField(props: { value: string; onChange: (value: string) => void; className?: string }) {
  return (
    <Field
      label="Find users"
      type="search"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      placeholder="Name or email"
      autoComplete="off"
      className={props.className}
    />
  );
}
