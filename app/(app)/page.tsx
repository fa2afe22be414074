import { Link } from "@/components/ui/link";
import { ProjectList } from "@/components/projects/project-list";
import { requireUser } from "@/lib/auth/guards";
import { listProjects } from "@/lib/projects/projects";

export default async function HomePage() {
  const user = await requireUser();
  const isAdmin = user.role === "ADMIN";
  const projects = await listProjects(user);
  return (
    <div>
      <h1 className="text-2xl font-semibold">Welcome, {user.name || user.email}</h1>
      {isAdmin && (
        <p className="mt-2 text-slate-600">
          Add the people who will label pairs on the{" "}
          <Link href="/admin/users" className="text-indigo-600 underline">
            Users
          </Link>{" "}
          page.
        </p>
      )}
      <h2 className="mt-8 mb-3 text-lg font-semibold">{isAdmin ? "Projects" : "Your projects"}</h2>
      <ProjectList projects={projects} isAdmin={isAdmin} />
    </div>
  );
}
