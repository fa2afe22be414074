import { Link } from "@/components/ui/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">This page is for admins. Ask an admin if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-600 underline">
        Back to the start page
      </Link>
    </main>
  );
}
