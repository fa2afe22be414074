import { pairsFrom, projectRuleIssues, type ProjectRuleInput, type SetProjectEndpointsInput } from "./schemas";

type Issue = { path: (string | number)[]; message: string };

/** What is wrong with a choice of endpoint roles for a project, field by field. */
export function endpointRoleIssues(
  project: ProjectRuleInput,
  input: SetProjectEndpointsInput,
  activeIds: Set<string>,
): Issue[] {
  const issues: Issue[] = [];
  const samplers = input.samplers ?? [];
  const unused = (path: string, what: string) =>
    issues.push({ path: [path], message: `${what} projects use no ${path} endpoint` });

  if (project.generationMode === "STRONG_WEAK") {
    if (!input.strong) issues.push({ path: ["strong"], message: "Choose the strong endpoint" });
    if (!input.weak) issues.push({ path: ["weak"], message: "Choose the weak endpoint" });
    if (input.strong && input.strong === input.weak) {
      issues.push({ path: ["weak"], message: "The weak endpoint must differ from the strong one" });
    }
    if (samplers.length)
      issues.push({ path: ["samplers"], message: "Strong-vs-weak projects use no sampler endpoints" });
  } else if (project.generationMode === "MULTI_SAMPLE") {
    if (input.strong) unused("strong", "Several-samples");
    if (input.weak) unused("weak", "Several-samples");
    if (!samplers.length) issues.push({ path: ["samplers"], message: "Choose at least one sampler endpoint" });
    samplers.forEach((id, i) => {
      if (samplers.indexOf(id) !== i) issues.push({ path: ["samplers", i], message: "This endpoint is listed twice" });
    });
    // Fewer samplers mean fewer answers per prompt: the pairs asked for must still be possible.
    const tooMany = projectRuleIssues(project, new Set(samplers).size).find((i) => i.path[0] === "maxPairsPerPrompt");
    if (samplers.length && tooMany) {
      const most = pairsFrom(project.samplesPerPrompt * new Set(samplers).size);
      issues.push({
        path: ["samplers"],
        message: `The project asks for ${project.maxPairsPerPrompt} pairs per prompt but these samplers give at most ${most}; add samplers or lower the pairs per prompt`,
      });
    }
  } else {
    if (input.strong) unused("strong", "Imported");
    if (input.weak) unused("weak", "Imported");
    if (samplers.length) issues.push({ path: ["samplers"], message: "Imported projects use no sampler endpoints" });
  }

  // Only fields the mode uses are looked up; an id refused above (listed twice) is not reported again.
  const flagged = new Set(issues.map((i) => i.path.join(".")));
  const check = (path: (string | number)[], id: string | undefined) => {
    if (id && !activeIds.has(id) && !flagged.has(path.join(".")))
      issues.push({ path, message: "No such active endpoint" });
  };
  if (project.generationMode === "STRONG_WEAK") {
    check(["strong"], input.strong);
    check(["weak"], input.weak);
  }
  if (project.generationMode === "MULTI_SAMPLE") samplers.forEach((id, i) => check(["samplers", i], id));
  return issues;
}

/**
 * What is wrong with a project's judges (already parsed: one to three distinct ids), judge by
 * judge. Apart from endpointRoleIssues: the judges answer about pairs whatever generated them,
 * so they fit every generation mode.
 */
export function judgeIssues(judges: string[], activeIds: Set<string>): Issue[] {
  return judges.flatMap((id, i) =>
    activeIds.has(id) ? [] : [{ path: ["judge", i], message: "No such active endpoint" }],
  );
}
