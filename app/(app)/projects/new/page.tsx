import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { ProjectForm } from "../_components/project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  await requireRole("ADMIN");
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-semibold">New project</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Endpoints and members are chosen in the project&apos;s settings once it exists.
      </p>
      <ProjectForm />
    </div>
  );
}
